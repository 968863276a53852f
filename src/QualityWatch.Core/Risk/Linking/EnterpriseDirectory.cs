using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Registry.Regions;

namespace QualityWatch.Core.Risk.Linking;

/// <summary>
/// An immutable snapshot of the whole registry shaped for linking: codes and normalised names in hash maps, and a
/// bigram index over each name's core (the name without its place words). Enterprises are stored in region-code
/// order, so every region prefix (44, 4419, 441900) is one contiguous slice of each posting list, found by binary
/// search: one index serves county, city, province and national blocking alike. Safe to share between threads.
/// </summary>
public sealed class EnterpriseDirectory
{
    private readonly long[] ids;
    private readonly string[] codes;
    private readonly string[] names;
    private readonly string[] regionCodes;
    // Name entries: the registered name and each alias; in enterprise order, hence also in region order.
    private readonly int[] entryEnterprise;
    private readonly string[] entryCore;
    private readonly string[] entryRegion;
    private readonly bool[] entryIsAlias;
    private readonly bool[] entryHasPlace;
    private readonly Dictionary<string, int> byCode;
    // Normalised name or core → one entry (value ≥ 0) or a shared list (value = ~index into nameLists).
    private readonly Dictionary<string, int> byName;
    private readonly int[][] nameLists;
    private readonly Dictionary<uint, int[]> postings;

    private EnterpriseDirectory(long[] ids, string[] codes, string[] names, string[] regionCodes, int[] entryEnterprise, string[] entryCore,
        string[] entryRegion, bool[] entryIsAlias, bool[] entryHasPlace, Dictionary<string, int> byCode, Dictionary<string, int> byName, int[][] nameLists,
        Dictionary<uint, int[]> postings, RegionGazetteer regions)
    {
        this.ids = ids;
        this.codes = codes;
        this.names = names;
        this.regionCodes = regionCodes;
        this.entryEnterprise = entryEnterprise;
        this.entryCore = entryCore;
        this.entryRegion = entryRegion;
        this.entryIsAlias = entryIsAlias;
        this.entryHasPlace = entryHasPlace;
        this.byCode = byCode;
        this.byName = byName;
        this.nameLists = nameLists;
        this.postings = postings;
        Regions = regions;
    }

    public int Count => ids.Length;

    public RegionGazetteer Regions { get; }

    /// <summary>Registered names plus aliases.</summary>
    internal int EntryCount => entryEnterprise.Length;

    /// <summary>Reads every enterprise, past the region scope: linking must see the whole registry, while who may read the linked records is decided where they are read.</summary>
    public static async Task<EnterpriseDirectory> LoadAsync(QualityWatchDbContext db, CancellationToken ct = default)
    {
        var regions = await db.Regions.AsNoTracking().ToListAsync(ct);
        var rows = await db.Enterprises.IgnoreQueryFilters().AsNoTracking()
            .Select(e => new EnterpriseRow(e.Id, e.CreditCode, e.Name, e.NormalizedName, e.RegionCode, e.Aliases))
            .ToListAsync(ct);
        return Build(rows, regions);
    }

    public static EnterpriseDirectory Build(IEnumerable<EnterpriseRow> rows, IEnumerable<Region> regions)
    {
        var gazetteer = new RegionGazetteer(regions);
        var sorted = rows.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.RegionCode, b.RegionCode) is var c && c != 0 ? c : a.Id.CompareTo(b.Id));
        var n = sorted.Length;
        var ids = new long[n];
        var codes = new string[n];
        var names = new string[n];
        var regionCodes = new string[n];
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        var entryEnterprise = new List<int>(n + n / 10);
        var entryCore = new List<string>(n + n / 10);
        var entryRegion = new List<string>(n + n / 10);
        var entryIsAlias = new List<bool>(n + n / 10);
        var entryHasPlace = new List<bool>(n + n / 10);
        var byCode = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var byName = new Dictionary<string, int>(2 * n, StringComparer.Ordinal);
        var lists = new List<List<int>>();
        var grams = new Dictionary<uint, List<int>>(8192);
        for (var e = 0; e < n; e++)
        {
            var row = sorted[e];
            ids[e] = row.Id;
            codes[e] = row.CreditCode;
            names[e] = row.Name;
            var region = regionCodes[e] = interned.TryGetValue(row.RegionCode, out var r) ? r : interned[row.RegionCode] = row.RegionCode;
            byCode.TryAdd(Registry.Identifiers.CreditCode.Normalise(row.CreditCode), e);
            AddEntry(row.NormalizedName is { Length: > 0 } nn ? nn : EnterpriseName.Normalise(row.Name), alias: false);
            foreach (var alias in row.Aliases)
                AddEntry(EnterpriseName.Normalise(alias), alias: true);

            void AddEntry(string full, bool alias)
            {
                if (full.Length == 0)
                    return;
                var entry = entryEnterprise.Count;
                var core = gazetteer.Strip(full, ownRegion: region).Core;
                entryEnterprise.Add(e);
                entryCore.Add(core);
                entryRegion.Add(region);
                entryIsAlias.Add(alias);
                entryHasPlace.Add(!ReferenceEquals(core, full));
                AddName(full, entry);
                if (!ReferenceEquals(core, full))
                    AddName(core, entry);
                foreach (var gram in NameGrams.Of(core))
                {
                    if (!grams.TryGetValue(gram, out var list))
                        grams[gram] = list = [];
                    if (list.Count == 0 || list[^1] != entry)
                        list.Add(entry);
                }
            }
        }

        void AddName(string key, int entry)
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byName, key, out var exists);
            if (!exists)
            {
                slot = entry;
                return;
            }
            if (slot >= 0)
            {
                if (slot == entry)
                    return;
                lists.Add([slot]);
                slot = ~(lists.Count - 1);
            }
            var shared = lists[~slot];
            if (!shared.Contains(entry))
                shared.Add(entry);
        }

        return new EnterpriseDirectory(ids, codes, names, regionCodes, entryEnterprise.ToArray(), entryCore.ToArray(), entryRegion.ToArray(),
            entryIsAlias.ToArray(), entryHasPlace.ToArray(), byCode, byName, lists.Select(l => l.ToArray()).ToArray(),
            grams.ToDictionary(p => p.Key, p => p.Value.ToArray()), gazetteer);
    }

    internal long IdOf(int enterprise) => ids[enterprise];

    internal string NameOf(int enterprise) => names[enterprise];

    internal string CodeOf(int enterprise) => codes[enterprise];

    internal string RegionOf(int enterprise) => regionCodes[enterprise];

    internal int EnterpriseOf(int entry) => entryEnterprise[entry];

    internal string CoreOf(int entry) => entryCore[entry];

    internal string EntryRegion(int entry) => entryRegion[entry];

    internal bool IsAlias(int entry) => entryIsAlias[entry];

    /// <summary>Whether the registered name carries place words, i.e. its core is shorter than the name.</summary>
    internal bool HasPlace(int entry) => entryHasPlace[entry];

    internal bool TryFindCode(string normalisedCode, out int enterprise) => byCode.TryGetValue(normalisedCode, out enterprise);

    /// <summary>Entries whose normalised name or core is exactly <paramref name="key"/>.</summary>
    internal ReadOnlySpan<int> FindName(string key)
    {
        if (!byName.TryGetValue(key, out var slot))
            return [];
        return slot >= 0 ? new[] { slot } : nameLists[~slot];
    }

    /// <summary>Entries carrying a bigram, limited to the region slice [from, to).</summary>
    internal ReadOnlySpan<int> Postings(uint gram, int from, int to)
    {
        if (!postings.TryGetValue(gram, out var list))
            return [];
        var lo = LowerBound(list, from);
        var hi = LowerBound(list, to);
        return list.AsSpan(lo, hi - lo);
    }

    /// <summary>The entry slice of a region prefix (null or empty: the whole country).</summary>
    internal (int From, int To) EntrySlice(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
            return (0, entryRegion.Length);
        var from = LowerBound(entryRegion, prefix);
        // Codes are digits, so every code under the prefix sorts before prefix + ':' (the character after '9').
        var to = LowerBound(entryRegion, prefix + ":");
        return (from, to);
    }

    private static int LowerBound(int[] list, int value)
    {
        var i = Array.BinarySearch(list, value);
        return i >= 0 ? i : ~i;
    }

    private static int LowerBound(string[] sorted, string value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(sorted[mid], value) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
