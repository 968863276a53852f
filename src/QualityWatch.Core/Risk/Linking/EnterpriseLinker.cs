using System.Globalization;
using QualityWatch.Core.Access;
using QualityWatch.Core.Registry.Names;
using CreditCodes = QualityWatch.Core.Registry.Identifiers.CreditCode;

namespace QualityWatch.Core.Risk.Linking;

/// <summary>
/// Links a record's enterprise to the registry: credit code first (trusted only when its check character holds;
/// otherwise repaired and confirmed by the name), then the normalised name or an alias, then a fuzzy name search in
/// the record's city, its province and finally the country. A fuzzy link needs a calibrated confidence over the
/// threshold and a clear lead over the runner-up, so names shared by several firms stay unlinked. Thread-safe.
/// </summary>
public sealed class EnterpriseLinker
{
    private readonly EnterpriseDirectory directory;
    private readonly LinkerOptions options;
    private readonly FuzzyNameSearch fuzzy;

    public EnterpriseLinker(EnterpriseDirectory directory, LinkerOptions? options = null)
    {
        this.directory = directory;
        this.options = options ?? new LinkerOptions();
        fuzzy = new FuzzyNameSearch(directory, this.options);
    }

    public LinkResult Link(LinkQuery q)
    {
        var region = RegionOf(q);
        var full = EnterpriseName.Normalise(q.Name);
        var (core, place) = full.Length > 0 ? directory.Regions.Strip(full, consistentWith: region) : ("", null);
        var name = new QueryName(full, core, place);

        string? note = null;
        var code = CreditCodes.Normalise(q.CreditCode);
        if (code.Length > 0)
        {
            if (ByCode(code, name, out note) is { } byCode)
                return byCode;
        }
        if (full.Length == 0)
            return new LinkResult { Explanation = note ?? "无名称可匹配 (no name to match)" };

        var result = ByExactName(name, region) ?? ByFuzzyName(name, region, q.Name);
        return note is null ? result : result with { Explanation = note + "；" + result.Explanation };
    }

    private sealed record QueryName(string Full, string Core, string? Place);

    private string? RegionOf(LinkQuery q)
    {
        if (q.RegionCode is { Length: 6 } code && code.All(char.IsAsciiDigit))
            return RegionCodes.ToPrefix(code);
        return directory.Regions.Resolve(q.RegionText);
    }

    private LinkResult? ByCode(string code, QueryName name, out string? note)
    {
        note = null;
        if (CreditCodeRepair.PassesCheck(code))
        {
            if (!directory.TryFindCode(code, out var e))
            {
                note = "信用代码未登记 (credit code not in the registry)";
                return null;
            }
            var agreement = NameAgreement(e, name);
            return agreement is null || agreement >= options.NameAgreement
                ? Linked(e, LinkMethod.CreditCode, 0.99, "信用代码精确匹配 (exact credit code)")
                : Linked(e, LinkMethod.CreditCode, 0.85, string.Create(CultureInfo.InvariantCulture,
                    $"信用代码匹配但名称不符 {agreement:0.00} (code matches, name differs)"));
        }

        // A code failing its check is a keying error until shown otherwise: the registered reading (real pilot
        // codes fail too) and every one-edit repair compete, and the name decides.
        var readings = new List<(int Enterprise, double? Agreement)>();
        if (directory.TryFindCode(code, out var asTyped))
            readings.Add((asTyped, NameAgreement(asTyped, name)));
        foreach (var repaired in CreditCodeRepair.Candidates(code))
        {
            if (directory.TryFindCode(repaired, out var e) && readings.All(r => r.Enterprise != e))
                readings.Add((e, NameAgreement(e, name)));
        }
        var agreeing = readings.Where(r => r.Agreement is null || r.Agreement >= options.NameAgreement).ToList();
        if (agreeing.Count == 1)
        {
            var (e, agreement) = agreeing[0];
            var exactCode = e == asTyped && readings[0].Enterprise == asTyped;
            // Registered codes are so sparse among valid ones that a unique one-edit repair is itself strong evidence.
            var confidence = agreement is null ? (exactCode ? 0.95 : 0.90) : 0.90 + 0.09 * agreement.Value;
            return Linked(e, LinkMethod.CreditCodeCorrected, confidence, exactCode
                ? "信用代码校验位不符，与登记一致 (check character fails, as registered)"
                : $"信用代码纠错为 {directory.CodeOf(e)} (credit code corrected by one edit)");
        }
        note = readings.Count == 0
            ? "信用代码校验失败且无法纠正 (credit code fails its check, no registered repair)"
            : "信用代码纠错结果与名称不一致 (code repairs disagree with the name)";
        return null;
    }

    private double? NameAgreement(int enterprise, QueryName name)
    {
        if (name.Full.Length == 0)
            return null;
        var registered = EnterpriseName.Normalise(directory.NameOf(enterprise));
        var own = directory.Regions.Strip(registered, ownRegion: directory.RegionOf(enterprise)).Core;
        return Math.Max(NameSimilarity.Score(name.Core, own), NameSimilarity.Score(name.Full, registered));
    }

    private LinkResult? ByExactName(QueryName name, string? region)
    {
        var hits = new List<(int Enterprise, int Entry, bool FullMatch, bool ViaCore)>();
        Collect(name.Full, viaCore: false);
        if (!ReferenceEquals(name.Core, name.Full))
            Collect(name.Core, viaCore: true);
        if (hits.Count == 0)
            return null;

        // The place inside the name outranks the record's region field, which is often the complainant's.
        var where = name.Place ?? region;
        var pool = hits;
        if (pool.Count > 1 && where is not null)
        {
            for (var length = Math.Min(where.Length, 6); length >= 2; length -= 2)
            {
                var inside = hits.Where(h => directory.RegionOf(h.Enterprise).StartsWith(where[..length], StringComparison.Ordinal)).ToList();
                if (inside.Count > 0)
                {
                    pool = inside;
                    break;
                }
            }
        }
        if (pool.Select(h => h.Enterprise).Distinct().Count() > 1)
        {
            return new LinkResult
            {
                Explanation = $"名称对应{hits.Select(h => h.Enterprise).Distinct().Count()}家企业，未关联 (name matches several enterprises)",
                Candidates = Candidates(hits.Select(h => (h.Enterprise, 1.0))),
            };
        }
        var hit = pool.OrderByDescending(h => h.FullMatch).ThenBy(h => h.ViaCore).First();
        var enterpriseRegion = directory.RegionOf(hit.Enterprise);
        // Same words under another place name: another firm, or a typo the fuzzy search weighs. When the whole
        // name matched, the "place" was part of the trade name (永康 is a city and a brand).
        if (hit.ViaCore && name.Place is not null && !RegionGazetteer.Consistent(name.Place, enterpriseRegion))
            return null;
        var confidence = hit.FullMatch ? 0.99
            : region is null ? (hits.Count == 1 ? 0.93 : 0.90)
            : RegionGazetteer.Consistent(region, enterpriseRegion) ? 0.97
            : region[..2] == enterpriseRegion[..2] ? 0.92 : 0.86;
        var alias = directory.IsAlias(hit.Entry);
        return Linked(hit.Enterprise, alias ? LinkMethod.Alias : LinkMethod.ExactName, confidence, alias
            ? "与曾用名/别名一致 (matches an alias)"
            : hit.FullMatch ? "规范化名称一致 (normalised name matches)" : "去掉地名后名称一致 (name matches without its place words)");

        // A full match repeats the registered name with its place words, or neither name has any.
        void Collect(string key, bool viaCore)
        {
            foreach (var entry in directory.FindName(key))
            {
                var fullMatch = !string.Equals(key, directory.CoreOf(entry), StringComparison.Ordinal) || !directory.HasPlace(entry);
                hits.Add((directory.EnterpriseOf(entry), entry, fullMatch, viaCore));
            }
        }
    }

    /// <summary>Name similarities of the entries scored for the current query, per thread (the linker is shared).</summary>
    [ThreadStatic]
    private static Dictionary<int, double>? scoredEntries;

    private LinkResult ByFuzzyName(QueryName name, string? region, string? rawName)
    {
        var scopes = new List<string?>(5);
        foreach (var p in new[] { name.Place, region })
        {
            if (p is { Length: >= 4 })
                AddScope(p[..4]);
        }
        foreach (var p in new[] { name.Place, region })
        {
            if (p is { Length: >= 2 })
                AddScope(p[..2]);
        }
        AddScope(null);

        List<Scored> seen = [];
        var similarity = scoredEntries ??= new Dictionary<int, double>();
        similarity.Clear();
        foreach (var scope in scopes)
        {
            var scored = fuzzy.Search(name.Full, name.Core, name.Place, scope, similarity);
            if (scored.Count == 0)
                continue;
            seen = scored;
            var best = scored[0];
            if (best.Score < options.UnregisteredFloor)
                continue;
            var margin = scored.Count > 1 ? best.Score - scored[1].Score : 1.0;
            var national = scope is null && (region is not null || name.Place is not null);
            var confidence = FuzzyConfidence.Of(best.Score, margin, national);
            if (margin < options.MinMargin)
            {
                return new LinkResult
                {
                    Confidence = confidence,
                    Explanation = string.Create(CultureInfo.InvariantCulture,
                        $"近似名称不止一家（{best.Score:0.00} 对 {scored[1].Score:0.00}），未关联 (ambiguous fuzzy match)"),
                    Candidates = Candidates(scored.Select(s => (s.Enterprise, s.Score))),
                };
            }
            if (confidence >= options.LinkThreshold)
            {
                return Linked(best.Enterprise, LinkMethod.FuzzyName, confidence, string.Create(CultureInfo.InvariantCulture,
                    $"名称近似 {best.Score:0.00}，领先 {Math.Min(margin, 1):0.00} (fuzzy name{(scope is null ? ", nationwide" : "")})")) with
                {
                    Candidates = Candidates(scored.Select(s => (s.Enterprise, s.Score))),
                };
            }
        }

        var top = seen.Count > 0 ? seen[0].Score : 0;
        var unregistered = top < options.UnregisteredFloor && UnlicensedLead.LooksLikeProducer(rawName);
        return new LinkResult
        {
            Confidence = seen.Count > 0 ? FuzzyConfidence.Of(top, seen.Count > 1 ? top - seen[1].Score : 1, national: false) : 0,
            Explanation = unregistered
                ? "登记库中无相近企业，疑似无证生产 (nothing similar registered: possible unlicensed producer)"
                : "未找到足够可信的企业 (no confident match)",
            Candidates = Candidates(seen.Select(s => (s.Enterprise, s.Score))),
            IsUnregistered = unregistered,
        };

        void AddScope(string? scope)
        {
            if (!scopes.Contains(scope))
                scopes.Add(scope);
        }
    }

    private LinkResult Linked(int enterprise, LinkMethod method, double confidence, string explanation)
    {
        var linked = confidence >= options.LinkThreshold;
        return new LinkResult
        {
            EnterpriseId = linked ? directory.IdOf(enterprise) : null,
            Method = linked ? method : LinkMethod.None,
            Confidence = confidence,
            Explanation = explanation,
            Candidates = [(directory.IdOf(enterprise), confidence)],
        };
    }

    private IReadOnlyList<(long Id, double Score)> Candidates(IEnumerable<(int Enterprise, double Score)> scored) =>
        scored.DistinctBy(s => s.Enterprise).Take(options.MaxCandidates).Select(s => (directory.IdOf(s.Enterprise), Math.Round(s.Score, 3))).ToList();
}
