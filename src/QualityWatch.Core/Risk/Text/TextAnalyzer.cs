namespace QualityWatch.Core.Risk.Text;

/// <summary>
/// Everything understood from one record's text. Offsets (tokens, terms, identifiers, enterprises) are in
/// <see cref="Original"/>: the title, a newline, then the text; <see cref="TextOffset"/> is where the text starts.
/// </summary>
public sealed record TextAnalysis(
    string Original,
    int TextOffset,
    string NormalisedText,
    IReadOnlyList<TextToken> Tokens,
    TextClassification Classification,
    IReadOnlyList<ExtractedIdentifier> Identifiers,
    IReadOnlyList<EnterpriseMention> Enterprises);

/// <summary>
/// The text pipeline for complaints, inspection results, cases and public-opinion items: normalise,
/// segment (jieba), classify (rules + model), extract identifiers and enterprise mentions. Construction
/// loads the dictionaries and fits the model (about a second); afterwards it is immutable and thread-safe.
/// Register it as a singleton, or use <see cref="Shared"/>.
/// </summary>
public sealed class TextAnalyzer
{
    private static readonly Lazy<TextAnalyzer> Default = new(() => new TextAnalyzer(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly bool _segment;

    public TextAnalyzer()
        : this(TextClassifier.CreateDefault(), segment: true)
    {
    }

    /// <param name="segment">False skips jieba (Tokens is empty): classification and extraction do not need it.</param>
    public TextAnalyzer(TextClassifier classifier, bool segment)
    {
        Classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
        _segment = segment;
        if (segment)
            _ = ChineseSegmenter.Shared;
    }

    public static TextAnalyzer Shared => Default.Value;

    public TextClassifier Classifier { get; }

    public string RulesVersion => Classifier.RulesVersion;

    public TextAnalysis Analyze(string? title, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var original = string.IsNullOrWhiteSpace(title) ? text : title + "\n" + text;
        var textOffset = original.Length - text.Length;
        var normalised = ChineseText.Normalise(original);
        return new TextAnalysis(
            original,
            textOffset,
            normalised.Text,
            _segment ? ChineseSegmenter.Shared.Segment(normalised) : [],
            Classifier.Classify(normalised),
            IdentifierExtractor.Extract(normalised),
            EnterpriseMentionExtractor.Extract(normalised));
    }

    /// <summary>Classification only, for callers that need neither tokens nor extraction.</summary>
    public TextClassification Classify(string text) => Classifier.Classify(ChineseText.Normalise(text));
}
