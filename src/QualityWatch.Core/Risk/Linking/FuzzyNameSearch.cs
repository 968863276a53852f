namespace QualityWatch.Core.Risk.Linking;

/// <summary>One enterprise's best fuzzy score within a region slice.</summary>
internal readonly record struct Scored(int Enterprise, int Entry, double Score);

/// <summary>
/// Blocking then scoring: bigram postings of the query, restricted to a region slice, count shared grams per
/// name entry; only the leaders by that count are scored with <see cref="NameSimilarity"/>, so the string
/// metrics run a few dozen times per query whatever the registry size.
/// </summary>
internal sealed class FuzzyNameSearch(EnterpriseDirectory directory, LinkerOptions options)
{
    // Grams as common as 医疗 in a whole province cost more to count than they tell apart; rarer grams carry the search.
    private const int CommonGram = 1500;

    /// <summary>Names are unique per registering area: under another place name the same words are usually another firm.</summary>
    public const double PlaceConflict = 0.30;

    [ThreadStatic]
    private static int[]? counts;

    [ThreadStatic]
    private static List<int>? touched;

    /// <summary>
    /// Scores sorted best first, one per enterprise; <paramref name="place"/> is the place the queried name itself
    /// carries. <paramref name="similarity"/> keeps the name similarity of entries already scored for the same
    /// query: one query searches up to five nested region slices, whose shortlists mostly repeat.
    /// </summary>
    public List<Scored> Search(string full, string core, string? place, string? prefix, Dictionary<int, double>? similarity = null)
    {
        var (from, to) = directory.EntrySlice(prefix);
        var grams = NameGrams.Of(full);
        var work = counts is { } c && c.Length >= directory.EntryCount ? c : counts = new int[directory.EntryCount];
        var hit = touched ??= new List<int>(256);
        var used = 0;
        foreach (var gram in grams)
        {
            var list = directory.Postings(gram, from, to);
            if (list.Length > CommonGram && grams.Count > 2)
                continue;
            used++;
            foreach (var entry in list)
            {
                if (work[entry]++ == 0)
                    hit.Add(entry);
            }
        }
        // A shortened or mistyped name keeps at least two grams of a long core; a two- or three-character name keeps one.
        var minShared = Math.Min(2, Math.Max(1, used - 2));
        // Only the leaders are scored, so they are kept in order as the hits are read (rank descending, then entry)
        // instead of sorting every hit of a nationwide slice.
        var take = options.Shortlist;
        var shortlist = new List<(int Entry, int Rank)>(take + 1);
        foreach (var entry in hit)
        {
            // Among equal overlaps, a core of the query's length is the likelier typo or abbreviation.
            if (work[entry] >= minShared)
                Keep(shortlist, (entry, work[entry] * 64 - Math.Min(63, Math.Abs(directory.CoreOf(entry).Length - core.Length))), take);
            work[entry] = 0;
        }
        hit.Clear();

        // Sized once, and the enterprise found by a plain loop rather than a closure per candidate: this runs for
        // every fuzzy-linked row of an import, and its garbage adds to the collections the import pays for.
        var best = new List<Scored>(shortlist.Count);
        for (var k = 0; k < shortlist.Count; k++)
        {
            var entry = shortlist[k].Entry;
            if (similarity is null || !similarity.TryGetValue(entry, out var score))
            {
                var candidateCore = directory.CoreOf(entry);
                score = NameSimilarity.Score(core, candidateCore);
                if (!ReferenceEquals(core, full))
                    score = Math.Max(score, NameSimilarity.Score(full, candidateCore) - 0.02);
                similarity?.Add(entry, score);
            }
            if (place is not null && !RegionGazetteer.Consistent(place, directory.EntryRegion(entry)))
                score -= PlaceConflict;
            var enterprise = directory.EnterpriseOf(entry);
            var at = -1;
            for (var b = 0; b < best.Count; b++)
            {
                if (best[b].Enterprise == enterprise)
                {
                    at = b;
                    break;
                }
            }
            if (at < 0)
                best.Add(new Scored(enterprise, entry, score));
            else if (score > best[at].Score)
                best[at] = new Scored(enterprise, entry, score);
        }
        best.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        return best;
    }

    /// <summary>Inserts <paramref name="item"/> into the sorted leaders if it ranks among the first <paramref name="take"/>.</summary>
    private static void Keep(List<(int Entry, int Rank)> leaders, (int Entry, int Rank) item, int take)
    {
        var at = leaders.Count;
        while (at > 0 && Before(item, leaders[at - 1]))
            at--;
        if (at >= take)
            return;
        leaders.Insert(at, item);
        if (leaders.Count > take)
            leaders.RemoveAt(take);
    }

    private static bool Before((int Entry, int Rank) a, (int Entry, int Rank) b) => a.Rank != b.Rank ? a.Rank > b.Rank : a.Entry < b.Entry;
}
