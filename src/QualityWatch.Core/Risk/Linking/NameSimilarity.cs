using F23.StringSimilarity;

namespace QualityWatch.Core.Risk.Linking;

/// <summary>
/// Similarity of two name cores in [0, 1]. Jaro-Winkler rewards a shared beginning (the trade name, 字号, comes
/// first) and normalised Levenshtein counts edits; their mean separates a typo (华晟 for 华盛) from a different
/// industry word better than either alone. An abbreviation (华盛医疗 for 华盛医疗用品) keeps the start of the core, so a
/// prefix of at least three characters scores by how much of the core it keeps.
/// </summary>
public static class NameSimilarity
{
    private static readonly JaroWinkler JaroWinkler = new();
    private static readonly NormalizedLevenshtein Levenshtein = new();

    public static double Score(string query, string candidate)
    {
        if (string.Equals(query, candidate, StringComparison.Ordinal))
            return 1.0;
        if (query.Length == 0 || candidate.Length == 0)
            return 0.0;
        var score = 0.5 * (JaroWinkler.Similarity(query, candidate) + Levenshtein.Similarity(query, candidate));
        var (shorter, longer) = query.Length <= candidate.Length ? (query, candidate) : (candidate, query);
        if (shorter.Length >= 3 && longer.StartsWith(shorter, StringComparison.Ordinal))
            score = Math.Max(score, 0.78 + 0.2 * shorter.Length / longer.Length);
        return score;
    }
}
