using JiebaNet.Segmenter;

namespace QualityWatch.Core.Risk.Text;

/// <summary>A word of the segmented text; Start and Length are in the original text.</summary>
public readonly record struct TextToken(string Text, int Start, int Length);

/// <summary>
/// jieba.NET word segmentation with the domain dictionary added. jieba keeps its dictionary in static,
/// unsynchronised state: reads from any number of threads are safe, writes (AddWord) are not, so every
/// word is added exactly once, under a lock, before the segmenter is handed out. Segmenting is then
/// thread-safe; construct through <see cref="Shared"/>. The cutting itself is <see cref="JiebaCutter"/>, which
/// returns jieba's words from jieba's dictionary and model several times faster.
/// </summary>
public sealed class ChineseSegmenter
{
    private static readonly Lazy<ChineseSegmenter> Instance = new(() => new ChineseSegmenter(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly JiebaSegmenter _jieba;
    private readonly JiebaCutter _cutter;

    private ChineseSegmenter()
    {
        // Must run before jieba's WordDictionary type initialiser, which captures the dictionary path.
        ConfigManager.ConfigFileBaseDir = JiebaResources.Directory();
        _jieba = new JiebaSegmenter();
        if (!WordDictionary.Instance.ContainsWord("口罩"))
            throw new InvalidOperationException($"jieba dictionary did not load from {ConfigManager.ConfigFileBaseDir}");
        foreach (var term in TextResources.ReadTerms("domain-terms.txt"))
            _jieba.AddWord(term);
        _cutter = JiebaCutter.FromLoadedDictionary();
    }

    public static ChineseSegmenter Shared => Instance.Value;

    /// <summary>Words of the normalised text, punctuation and spaces dropped, offsets mapped to the original.</summary>
    public IReadOnlyList<TextToken> Segment(NormalisedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = wordBuffer ??= new List<(int Start, int Length)>(128);
        words.Clear();
        _cutter.Cut(text.Text, words);
        var tokens = new List<TextToken>(words.Count);
        foreach (var (start, length) in words)
        {
            if (length == 1 && !char.IsLetterOrDigit(text.Text[start]))
                continue;
            if (text.Text.AsSpan(start, length).IsWhiteSpace())
                continue;
            var (s, l) = text.ToOriginalSpan(start, length);
            tokens.Add(new TextToken(text.Text.Substring(start, length), s, l));
        }
        return tokens;
    }

    /// <summary>jieba's own Cut: the reference <see cref="Cut"/> must agree with word for word.</summary>
    internal IEnumerable<string> JiebaCut(string text) => _jieba.Cut(text);

    /// <summary>The words <see cref="Segment"/> starts from, before punctuation and spaces are dropped.</summary>
    internal List<string> Cut(string text)
    {
        var words = new List<(int Start, int Length)>();
        _cutter.Cut(text, words);
        return words.ConvertAll(w => text.Substring(w.Start, w.Length));
    }

    /// <summary>jieba's HMM on its own (Viterbi.Cut) and the re-implementation, for tests.</summary>
    internal static IEnumerable<string> JiebaHmmCut(string text) => JiebaNet.Segmenter.FinalSeg.Viterbi.Instance.Cut(text);

    internal List<string> HmmCut(string text) => _cutter.HmmCut(text);

    [ThreadStatic]
    private static List<(int Start, int Length)>? wordBuffer;
}
