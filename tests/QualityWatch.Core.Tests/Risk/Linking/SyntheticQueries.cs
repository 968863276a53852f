using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Risk.Linking;

namespace QualityWatch.Core.Tests.Risk.Linking;

/// <summary>A query with its true answer (null: no registered enterprise, or not decidable from the query).</summary>
public sealed record LabelledQuery(string Kind, LinkQuery Query, long? TrueId);

/// <summary>
/// Labelled queries against a <see cref="SyntheticRegistry"/>, one kind per way records misquote an enterprise.
/// A query that drops every place hint for a trade name registered in several cities is relabelled
/// "ambiguous-noregion" with no true answer: abstaining is the only right response.
/// </summary>
public static class SyntheticQueries
{
    private static readonly (string Kind, int Weight)[] Kinds =
    [
        ("exact-code", 10), ("code-typo", 11), ("code-unknown", 3), ("name-typo", 12), ("traditional", 7), ("full-width", 5), ("suffix", 9),
        ("abbreviation", 10), ("word-order", 4), ("wrong-region", 6), ("alias", 3), ("ambiguous", 6), ("unregistered", 14),
    ];

    private static readonly string[] Products = ["口罩", "熔喷布", "防护服", "消毒液", "体温计", "手套", "护目镜", "无纺布"];
    private static readonly string[] Workshops = ["加工点", "作坊", "加工厂", "家庭作坊", "制品厂"];

    public static List<LabelledQuery> Build(SyntheticRegistry registry, int seed, int count)
    {
        var r = new Random(seed);
        var cores = registry.Rows.Select(x => registry.Gazetteer.Strip(x.NormalizedName, ownRegion: x.RegionCode).Core).ToArray();
        var byCore = Enumerable.Range(0, cores.Length).ToLookup(i => cores[i]);
        var registeredNames = registry.Rows.Select(x => x.NormalizedName).ToHashSet(StringComparer.Ordinal);
        var twins = byCore.Where(g => g.Count() > 1).Select(g => g.ToArray()).ToArray();
        var withAlias = Enumerable.Range(0, registry.Rows.Count).Where(i => registry.Rows[i].Aliases.Count > 0).ToArray();
        var total = Kinds.Sum(k => k.Weight);
        var queries = new List<LabelledQuery>(count);
        while (queries.Count < count)
        {
            var pick = r.Next(total);
            var k = 0;
            while (pick >= Kinds[k].Weight)
                pick -= Kinds[k++].Weight;
            var kind = Kinds[k].Kind;
            var i = kind switch
            {
                "alias" => withAlias[r.Next(withAlias.Length)],
                "ambiguous" => twins[r.Next(twins.Length)] is var t ? t[r.Next(t.Length)] : 0,
                _ => r.Next(registry.Rows.Count),
            };
            var row = registry.Rows[i];
            var p = registry.Names[i];
            var q = Make(r, kind, registry, row, p, registeredNames);
            if (q is null)
                continue;
            long? truth = kind == "unregistered" ? null : row.Id;
            // No place in the name and no region (or a wrong one): a name registered in several cities cannot be told apart.
            if (truth is not null && q.CreditCode is null && byCore[cores[i]].Count() > 1 && !Places(registry, q, row))
                (kind, truth) = ("ambiguous-unplaced", null);
            queries.Add(new LabelledQuery(kind, q, truth));
        }
        return queries;
    }

    /// <summary>Whether the query carries any true hint of where the firm is.</summary>
    private static bool Places(SyntheticRegistry registry, LinkQuery q, EnterpriseRow row)
    {
        var hint = registry.Gazetteer.Strip(EnterpriseName.Normalise(q.Name)).Place
            ?? (q.RegionCode is { } code ? global::QualityWatch.Core.Access.RegionCodes.ToPrefix(code) : registry.Gazetteer.Resolve(q.RegionText));
        return hint is not null && RegionGazetteer.Consistent(hint, row.RegionCode);
    }

    private static LinkQuery? Make(Random r, string kind, SyntheticRegistry registry, EnterpriseRow row, SyntheticRegistry.Parts p,
        HashSet<string> registered)
    {
        var name = row.Name;
        var coreName = p.Trade + p.Industry;
        switch (kind)
        {
            case "exact-code":
                return Located(r, registry, row, new LinkQuery(Spaced(r, row.CreditCode), r.Next(4) == 0 ? null : name));
            case "code-typo":
                return Located(r, registry, row, new LinkQuery(Mistype(r, row.CreditCode), r.Next(3) == 0 ? coreName + p.Form : name));
            case "code-unknown":
                return Located(r, registry, row, new LinkQuery(CreditCode.Build("91", row.RegionCode, "MA" + r.Next(100000, 999999)), name));
            case "name-typo":
                var start = p.Bracketed ? 0 : p.Place.Length;
                return Located(r, registry, row, new LinkQuery(null, NameVariants.Typo(r, name, start, start + coreName.Length)));
            case "traditional":
                return NameVariants.HasTraditional(name) ? Located(r, registry, row, new LinkQuery(null, NameVariants.Traditional(name))) : null;
            case "full-width":
                return Located(r, registry, row, new LinkQuery(null, NameVariants.FullWidth(name, p.Bracketed ? 0 : p.Place.Length)));
            case "suffix":
                var form = SyntheticRegistry.Form(r);
                var stem = name[..^p.Form.Length];
                return Located(r, registry, row, new LinkQuery(null, r.Next(3) == 0 || form == p.Form ? stem : stem + form));
            case "abbreviation":
                var shortName = r.Next(2) == 0 ? p.Trade + p.Industry[..2] : coreName;
                return r.Next(5) == 0 ? new LinkQuery(null, shortName) : Located(r, registry, row, new LinkQuery(null, shortName), cityOnly: true);
            case "word-order":
                return Located(r, registry, row, new LinkQuery(null, p.Bracketed
                    ? p.Place + p.Trade + p.Industry + p.Form
                    : p.Trade + "（" + SyntheticRegistry.ShortPlace(p.Place) + "）" + p.Industry + p.Form));
            case "wrong-region":
                var other = registry.Rows[r.Next(registry.Rows.Count)].RegionCode;
                return other[..4] == row.RegionCode[..4] ? null : new LinkQuery(null, coreName + p.Form, other);
            case "alias":
                return Located(r, registry, row, new LinkQuery(null, row.Aliases[0]));
            case "ambiguous":
                // The firm's namesake is in another city: only the region tells them apart.
                return r.Next(2) == 0 ? new LinkQuery(null, coreName + p.Form) : Located(r, registry, row, new LinkQuery(null, coreName + p.Form), cityOnly: true);
            case "unregistered":
                return Unregistered(r, registry, row, p, registered);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>A producer that is not registered: a look-alike of a real firm in another industry, a new trade name, or a workshop.</summary>
    private static LinkQuery? Unregistered(Random r, SyntheticRegistry registry, EnterpriseRow row, SyntheticRegistry.Parts p, HashSet<string> registered)
    {
        var roll = r.Next(3);
        var (place, core) = roll switch
        {
            0 => (p.Place, p.Trade + SyntheticRegistry.Industries[r.Next(SyntheticRegistry.Industries.Length)] + "厂"),
            1 => (p.Place, SyntheticRegistry.Trade(r) + Products[r.Next(Products.Length)] + Workshops[r.Next(Workshops.Length)]),
            _ => ("", "李王张刘陈杨黄赵"[r.Next(8)] + "记" + Products[r.Next(Products.Length)] + Workshops[r.Next(Workshops.Length)]),
        };
        var normalisedCore = EnterpriseName.Normalise(core);
        if (registered.Contains(EnterpriseName.Normalise(place + core))
            || registry.Rows.Any(x => x.RegionCode[..4] == row.RegionCode[..4] && x.NormalizedName.EndsWith(normalisedCore, StringComparison.Ordinal)))
            return null;
        return Located(r, registry, row, new LinkQuery(null, place + core), cityOnly: true);
    }

    /// <summary>Adds where the record came from: a region code (county or city), a place text, or nothing.</summary>
    private static LinkQuery Located(Random r, SyntheticRegistry registry, EnterpriseRow row, LinkQuery q, bool cityOnly = false)
    {
        var roll = r.Next(10);
        if (roll < 5)
            return q with { RegionCode = cityOnly || r.Next(3) == 0 ? row.RegionCode[..4] + "00" : row.RegionCode };
        if (roll < 8)
        {
            var city = registry.CityName(row.RegionCode);
            var province = registry.RegionByCode[row.RegionCode[..2]].Name;
            var county = registry.RegionByCode[row.RegionCode].Name;
            var text = r.Next(3) switch
            {
                0 => city,
                1 => city == province ? city + county : province + city,
                _ => cityOnly ? SyntheticRegistry.ShortPlace(city) : city + county,
            };
            return q with { RegionText = text };
        }
        return q;
    }

    private static string Spaced(Random r, string code) => r.Next(5) == 0 ? code[..6] + " " + code[6..12] + " " + code[12..] : code;

    /// <summary>One character replaced, two neighbours swapped, or one dropped.</summary>
    private static string Mistype(Random r, string code)
    {
        var i = r.Next(17);
        return r.Next(10) switch
        {
            < 7 => code[..i] + Different(r, code[i], i is >= 2 and < 8) + code[(i + 1)..],
            < 9 when code[i] != code[i + 1] => code[..i] + code[i + 1] + code[i] + code[(i + 2)..],
            _ => code.Remove(i, 1),
        };
    }

    private static char Different(Random r, char c, bool digit)
    {
        var alphabet = digit ? "0123456789" : CreditCode.Alphabet;
        char d;
        do
            d = alphabet[r.Next(alphabet.Length)];
        while (d == c);
        return d;
    }
}
