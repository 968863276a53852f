using JiebaNet.Segmenter;

namespace QualityWatch.Core.Risk.Text;

/// <summary>A word of the segmented text; Start and Length are in the original text.</summary>
public readonly record struct TextToken(string Text, int Start, int Length);

/// <summary>
/// jieba.NET word segmentation with the domain dictionary added. jieba keeps its dictionary in static,
/// unsynchronised state: reads from any number of threads are safe, writes (AddWord) are not, so every
/// word is added exactly once, under a lock, before the segmenter is handed out. Segmenting is then
/// thread-safe; construct through <see cref="Shared"/>.
/// </summary>
public sealed class ChineseSegmenter
{
    private static readonly Lazy<ChineseSegmenter> Instance = new(() => new ChineseSegmenter(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly JiebaSegmenter _jieba;

    private ChineseSegmenter()
    {
        // Must run before jieba's WordDictionary type initialiser, which captures the dictionary path.
        ConfigManager.ConfigFileBaseDir = JiebaResources.Directory();
        _jieba = new JiebaSegmenter();
        if (!WordDictionary.Instance.ContainsWord("口罩"))
            throw new InvalidOperationException($"jieba dictionary did not load from {ConfigManager.ConfigFileBaseDir}");
        foreach (var term in TextResources.ReadTerms("domain-terms.txt"))
            _jieba.AddWord(term);
    }

    public static ChineseSegmenter Shared => Instance.Value;

    /// <summary>Words of the normalised text, punctuation and spaces dropped, offsets mapped to the original.</summary>
    public IReadOnlyList<TextToken> Segment(NormalisedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<TextToken>();
        var position = 0;
        // jieba returns the text cut into consecutive pieces, so offsets are running sums.
        foreach (var word in _jieba.Cut(text.Text))
        {
            var start = position;
            position += word.Length;
            if (word.Length == 1 && !char.IsLetterOrDigit(word[0]))
                continue;
            if (string.IsNullOrWhiteSpace(word))
                continue;
            var (s, l) = text.ToOriginalSpan(start, word.Length);
            tokens.Add(new TextToken(word, s, l));
        }
        return tokens;
    }
}
