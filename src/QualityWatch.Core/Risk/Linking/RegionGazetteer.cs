using QualityWatch.Core.Registry.Regions;

namespace QualityWatch.Core.Risk.Linking;

/// <summary>
/// Place names of the GB/T 2260 tree, full (东莞市) and short (东莞), as they appear in free text and inside
/// enterprise names. Codes are kept in prefix form (44, 4419, 441900) so "inside" is a string prefix test.
/// </summary>
public sealed class RegionGazetteer
{
    /// <summary>General: removable anywhere. Otherwise only inside a place already named, or (<paramref name="Bare"/>) when none is.</summary>
    private readonly record struct Entry(string Code, bool General, bool Bare = false);

    // Listed so 黔东南苗族侗族自治州 shortens to 黔东南, not to its first two characters.
    private static readonly string[] Ethnic =
    [
        "维吾尔", "哈萨克", "柯尔克孜", "蒙古", "朝鲜", "土家", "布依", "哈尼", "傈僳", "拉祜", "纳西", "景颇", "达斡尔", "仫佬", "东乡",
        "撒拉", "毛南", "仡佬", "锡伯", "鄂温克", "鄂伦春", "裕固", "保安", "独龙", "普米", "阿昌", "塔吉克", "壮", "回", "苗", "侗", "彝",
        "藏", "瑶", "白", "傣", "黎", "佤", "畲", "羌", "土", "水", "怒", "京",
    ];

    private static readonly string[] Suffixes = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "省", "市", "区", "县", "旗", "盟"];

    private readonly Dictionary<string, Entry[]> tokens;
    private readonly Dictionary<string, Entry[]>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly Dictionary<char, uint> lengthsByFirstChar = [];
    private readonly Dictionary<string, string> names;

    public RegionGazetteer(IEnumerable<Region> regions)
    {
        var byToken = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in regions)
        {
            names[r.Code] = r.Name;
            if (r.Name is "市辖区" or "县" or "省直辖县级行政区划" or "自治区直辖县级行政区划")
                continue;
            var general = r.Level != RegionLevel.County;
            Add(byToken, r.Name, new Entry(r.Code, General: true));
            var shortName = Shorten(r.Name);
            // County-level cities (昆山, 仙桃) head firm names like prefectures do; district and county short names
            // (光明, 和平, 金山) are too often trade words to remove without a place that contains them.
            if (shortName is not null)
                Add(byToken, shortName, new Entry(r.Code, general, Bare: !general && r.Name.EndsWith('市')));
        }
        tokens = byToken.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        lookup = tokens.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var token in tokens.Keys)
            lengthsByFirstChar[token[0]] = lengthsByFirstChar.GetValueOrDefault(token[0]) | (1u << Math.Min(token.Length, 31));
    }

    public int Count => names.Count;

    public string? NameOf(string code) => names.GetValueOrDefault(code);

    /// <summary>The most specific region prefix a place text names (广东省东莞市 → 4419), or null when unknown or ambiguous.</summary>
    public string? Resolve(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var s = Registry.Names.EnterpriseName.Normalise(text);
        List<string>? alternatives = null;
        var i = 0;
        while (i < s.Length)
        {
            var (length, entries) = LongestAt(s, i, s.Length);
            if (length == 0)
            {
                i++;
                continue;
            }
            alternatives = Narrow(alternatives, entries, null);
            i += length;
        }
        return alternatives is null ? null : CommonPrefix(alternatives);
    }

    /// <summary>
    /// Removes place names from a normalised enterprise name (东莞市华盛医疗用品 → 华盛医疗用品; 华盛医疗用品东莞 too) and
    /// reports the place they name. With <paramref name="ownRegion"/> only that region's names are removed (used for
    /// registered names); otherwise provinces, cities and full county names anywhere, and short county names of
    /// <paramref name="consistentWith"/>. At least two characters always remain.
    /// </summary>
    public (string Core, string? Place) Strip(string normalised, string? consistentWith = null, string? ownRegion = null)
    {
        if (normalised.Length < 4)
            return (normalised, null);
        Span<bool> removed = stackalloc bool[normalised.Length];
        var removedCount = 0;
        List<string>? alternatives = null;
        var i = 0;
        while (i < normalised.Length)
        {
            var (length, entries) = LongestAt(normalised, i, normalised.Length - removedCount - 2);
            // After 江西 or 广州, a county's short name (进贤, 天河) is read inside the place already named.
            var context = consistentWith ?? (alternatives is null ? null : CommonPrefix(alternatives));
            if (length == 0 || !Allowed(entries, context, ownRegion) || normalised.Length - removedCount - length < 2)
            {
                i++;
                continue;
            }
            removed.Slice(i, length).Fill(true);
            removedCount += length;
            alternatives = Narrow(alternatives, entries, ownRegion ?? consistentWith);
            i += length;
        }
        if (removedCount == 0)
            return (normalised, null);
        Span<char> kept = stackalloc char[normalised.Length - removedCount];
        var k = 0;
        for (var j = 0; j < normalised.Length; j++)
        {
            if (!removed[j])
                kept[k++] = normalised[j];
        }
        return (new string(kept), alternatives is null ? null : CommonPrefix(alternatives));
    }

    public static bool Consistent(string a, string b) =>
        a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal);

    private static bool Allowed(Entry[] entries, string? consistentWith, string? ownRegion)
    {
        foreach (var e in entries)
        {
            if (ownRegion is not null ? ownRegion.StartsWith(e.Code, StringComparison.Ordinal)
                : e.General || (consistentWith is null ? e.Bare : Consistent(e.Code, consistentWith)))
                return true;
        }
        return false;
    }

    private (int Length, Entry[] Entries) LongestAt(string s, int start, int maxLength)
    {
        if (!lengthsByFirstChar.TryGetValue(s[start], out var mask))
            return (0, []);
        for (var length = Math.Min(Math.Min(s.Length - start, 31), maxLength); length >= 2; length--)
        {
            if ((mask & (1u << length)) != 0 && lookup.TryGetValue(s.AsSpan(start, length), out var entries))
                return (length, entries);
        }
        return (0, []);
    }

    /// <summary>Keeps the readings of successive place names that nest (广东省 then 东莞市), preferring the more specific.</summary>
    private static List<string> Narrow(List<string>? alternatives, Entry[] entries, string? preferInside)
    {
        var codes = entries.Select(e => e.Code).ToList();
        if (preferInside is not null && codes.Where(c => Consistent(c, preferInside)).ToList() is { Count: > 0 } inside)
            codes = inside;
        else if (alternatives is null && CommonPrefix(codes) is null)
        {
            // A bare 中山 names the city far more often than Dalian's 中山区: the higher level wins.
            var top = codes.Min(c => c.Length);
            codes = codes.Where(c => c.Length == top).ToList();
        }
        if (alternatives is null)
            return codes;
        var next = new List<string>();
        foreach (var c in codes)
        {
            foreach (var a in alternatives)
            {
                if (Consistent(a, c))
                    next.Add(a.Length >= c.Length ? a : c);
            }
        }
        return next.Count > 0 ? next : alternatives;
    }

    private static string? CommonPrefix(List<string> codes)
    {
        var prefix = codes[0];
        foreach (var c in codes)
        {
            var n = 0;
            while (n < prefix.Length && n < c.Length && prefix[n] == c[n])
                n++;
            prefix = prefix[..n];
        }
        // A common prefix shorter than a province (e.g. 4 from 41 and 45) names nothing.
        return prefix.Length is 2 or 4 or 6 ? prefix : prefix.Length >= 2 ? prefix[..(prefix.Length / 2 * 2)] : null;
    }

    private static string? Shorten(string name)
    {
        if (name.StartsWith("内蒙古", StringComparison.Ordinal))
            return "内蒙古";
        var cut = name.Length;
        foreach (var e in Ethnic)
        {
            var at = name.IndexOf(e, StringComparison.Ordinal);
            if (at >= 2 && at < cut && name.IndexOf('族', at) > 0 && name.Contains("自治", StringComparison.Ordinal))
                cut = at;
        }
        if (cut == name.Length)
        {
            foreach (var suffix in Suffixes)
            {
                if (name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    cut = name.Length - suffix.Length;
                    break;
                }
            }
        }
        return cut >= 2 && cut < name.Length ? name[..cut] : null;
    }

    private static void Add(Dictionary<string, List<Entry>> byToken, string token, Entry entry)
    {
        if (!byToken.TryGetValue(token, out var list))
            byToken[token] = list = [];
        if (!list.Contains(entry))
            list.Add(entry);
    }
}
