using System.Collections.Frozen;

namespace QualityWatch.Core.Risk.Text;

/// <summary>
/// Model features of a text: every dictionary or rule term found (a separate feature when negated) and
/// every character bigram of Han, Latin and digit characters. Bigrams carry what the dictionary lacks
/// (typos, colloquial wording) without needing a segmenter. Ids: terms, then negated terms, then bigrams
/// seen in training (unseen bigrams are dropped).
/// </summary>
public sealed class TextFeatures
{
    private readonly int _termCount;
    private readonly FrozenDictionary<int, int> _bigrams;

    private TextFeatures(int termCount, FrozenDictionary<int, int> bigrams)
    {
        _termCount = termCount;
        _bigrams = bigrams;
    }

    public int Count => 2 * _termCount + _bigrams.Count;

    /// <summary>The feature space of a training set: its bigram vocabulary.</summary>
    public static TextFeatures Build(int termCount, IEnumerable<string> normalisedTexts)
    {
        ArgumentNullException.ThrowIfNull(normalisedTexts);
        var vocabulary = new Dictionary<int, int>();
        foreach (var text in normalisedTexts)
        {
            ForEachBigram(text, key =>
            {
                vocabulary.TryAdd(key, vocabulary.Count);
            });
        }
        return new TextFeatures(termCount, vocabulary.ToFrozenDictionary());
    }

    public void Extract(string text, IReadOnlyList<TermHit> hits, IReadOnlyList<bool> negated, List<int> features)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(negated);
        ArgumentNullException.ThrowIfNull(features);
        for (var i = 0; i < hits.Count; i++)
            features.Add(hits[i].TermId + (negated[i] ? _termCount : 0));
        var offset = 2 * _termCount;
        var prev = '\0';
        foreach (var c in text)
        {
            var useful = ChineseText.IsHan(c) || char.IsAsciiLetterOrDigit(c);
            if (useful && prev != '\0' && _bigrams.TryGetValue((prev << 16) | c, out var id))
                features.Add(offset + id);
            prev = useful ? c : '\0';
        }
    }

    private static void ForEachBigram(string text, Action<int> action)
    {
        var prev = '\0';
        foreach (var c in text)
        {
            var useful = ChineseText.IsHan(c) || char.IsAsciiLetterOrDigit(c);
            if (useful && prev != '\0')
                action((prev << 16) | c);
            prev = useful ? c : '\0';
        }
    }
}
