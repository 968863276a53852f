using QualityWatch.Core.Registry.Products;

namespace QualityWatch.Core.Risk.Text;

/// <summary>
/// Product category and problem type of a text: the versioned rules decide when they fire clearly,
/// otherwise the trained model decides with the rule scores as a nudge. Immutable after construction,
/// so one instance serves every thread.
/// </summary>
public sealed class TextClassifier
{
    private static readonly ProblemType[] ProblemClasses = Enum.GetValues<ProblemType>();
    private const double RuleNudge = 0.25;
    private const double CategoryWithoutTerm = 0.7;
    private const double OtherBelow = 0.45;

    private readonly TextRules _rules;
    private readonly TermMatcher _matcher;
    private readonly (TermTarget Target, int Class, double Weight)[][] _supports;
    private readonly string[] _categoryCodes; // index 0 = unknown (null)
    private readonly TextFeatures _features;
    private readonly SoftmaxModel _problemModel;
    private readonly SoftmaxModel _categoryModel;

    private TextClassifier(TextRules rules, TermMatcher matcher, (TermTarget, int, double)[][] supports, string[] categoryCodes, TextFeatures features, SoftmaxModel problemModel, SoftmaxModel categoryModel)
    {
        _rules = rules;
        _matcher = matcher;
        _supports = supports;
        _categoryCodes = categoryCodes;
        _features = features;
        _problemModel = problemModel;
        _categoryModel = categoryModel;
    }

    public string RulesVersion => _rules.Version;

    public TermMatcher Matcher => _matcher;

    /// <summary>Embedded rules, dictionary and training set; fitting takes a fraction of a second and is deterministic.</summary>
    public static TextClassifier CreateDefault() =>
        Train(TextRules.LoadEmbedded(), TextResources.ReadTerms("domain-terms.txt").ToList(), LabelledText.EmbeddedTrainingSet());

    public static TextClassifier Train(TextRules rules, IReadOnlyList<string> dictionaryTerms, IReadOnlyList<LabelledText> training)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(dictionaryTerms);
        ArgumentNullException.ThrowIfNull(training);
        var categoryCodes = new[] { string.Empty }.Concat(ProductCategories.All.Select(c => c.Code)).ToArray();

        var terms = new List<string>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var supports = new List<List<(TermTarget, int, double)>>();
        int Id(string term)
        {
            if (!ids.TryGetValue(term, out var id))
            {
                id = terms.Count;
                ids[term] = id;
                terms.Add(term);
                supports.Add([]);
            }
            return id;
        }
        foreach (var term in dictionaryTerms)
            Id(term);
        foreach (var (term, cls, weight) in rules.Categories.Terms)
        {
            var index = Array.IndexOf(categoryCodes, rules.Categories.Classes[cls]);
            if (index < 1)
                throw new InvalidDataException($"rules.json: unknown product category {rules.Categories.Classes[cls]}");
            supports[Id(term)].Add((TermTarget.ProductCategory, index, weight));
        }
        foreach (var (term, cls, weight) in rules.Problems.Terms)
        {
            if (!Enum.TryParse<ProblemType>(rules.Problems.Classes[cls], out var problem))
                throw new InvalidDataException($"rules.json: unknown problem type {rules.Problems.Classes[cls]}");
            supports[Id(term)].Add((TermTarget.Problem, (int)problem, weight));
        }
        var matcher = new TermMatcher(terms);
        var supportArrays = supports.Select(s => s.ToArray()).ToArray();

        var normalised = training.Select(t => ChineseText.Normalise(t.Text).Text).ToList();
        var features = TextFeatures.Build(terms.Count, normalised);
        var partial = new TextClassifier(rules, matcher, supportArrays, categoryCodes, features, null!, null!);
        var samples = normalised.Select(partial.FeaturesOf).ToList();
        var problemModel = SoftmaxModel.Train(samples, training.Select(t => (int)t.Problem).ToList(), ProblemClasses.Length, features.Count);
        var categoryModel = SoftmaxModel.Train(samples, training.Select(t => Math.Max(0, Array.IndexOf(categoryCodes, t.ProductCategory ?? string.Empty))).ToList(), categoryCodes.Length, features.Count);
        return new TextClassifier(rules, matcher, supportArrays, categoryCodes, features, problemModel, categoryModel);
    }

    public TextClassification Classify(NormalisedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hits = new List<TermHit>();
        _matcher.Match(text.Text, hits);
        var negated = Negations(text.Text, hits);
        var features = new List<int>(text.Text.Length + hits.Count);
        _features.Extract(text.Text, hits, negated, features);

        Span<double> problemRules = stackalloc double[ProblemClasses.Length];
        Span<double> categoryRules = stackalloc double[_categoryCodes.Length];
        var matched = new List<MatchedTerm>();
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            foreach (var (target, cls, weight) in _supports[hit.TermId])
            {
                if (!negated[i])
                    (target == TermTarget.Problem ? problemRules : categoryRules)[cls] += weight;
                var (start, length) = text.ToOriginalSpan(hit.Start, hit.Length);
                var supports = target == TermTarget.Problem ? ProblemClasses[cls].ToString() : _categoryCodes[cls];
                matched.Add(new MatchedTerm(_matcher.Terms[hit.TermId], start, length, target, supports, weight, negated[i]));
            }
        }

        Span<double> problemModel = stackalloc double[ProblemClasses.Length];
        Span<double> categoryModel = stackalloc double[_categoryCodes.Length];
        var featureSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(features);
        _problemModel.Probabilities(featureSpan, problemModel);
        _categoryModel.Probabilities(featureSpan, categoryModel);

        var (problem, problemConfidence, decidedBy) = Combine(problemRules, problemModel, _rules.Problems);
        if (decidedBy == "model" && problem != (int)ProblemType.Other && MaxScore(problemRules) < 2 && problemConfidence < OtherBelow)
        {
            // Nothing in the text names a problem and the model is unsure: calling it Other is safer than a guess.
            (problem, problemConfidence) = ((int)ProblemType.Other, 1 - problemConfidence);
        }
        var (category, categoryConfidence, _) = Combine(categoryRules, categoryModel, _rules.Categories);
        if (category != 0 && !HasEvidence(categoryRules) && categoryConfidence < CategoryWithoutTerm)
        {
            // No product term at all: a guess from the surrounding words would label generic 口罩 complaints.
            (category, categoryConfidence) = (0, categoryModel[0]);
        }
        return new TextClassification(category == 0 ? null : _categoryCodes[category], ProblemClasses[problem], Math.Round(problemConfidence, 4), matched, _rules.Version)
        {
            CategoryConfidence = Math.Round(categoryConfidence, 4),
            DecidedBy = decidedBy,
        };
    }

    private static bool HasEvidence(ReadOnlySpan<double> scores) => MaxScore(scores) > 0;

    private static double MaxScore(ReadOnlySpan<double> scores)
    {
        var max = 0.0;
        foreach (var s in scores)
            max = Math.Max(max, s);
        return max;
    }

    private int[] FeaturesOf(string normalisedText)
    {
        var hits = new List<TermHit>();
        _matcher.Match(normalisedText, hits);
        var features = new List<int>();
        _features.Extract(normalisedText, hits, Negations(normalisedText, hits), features);
        return [.. features];
    }

    private static (int Class, double Confidence, string DecidedBy) Combine(ReadOnlySpan<double> rules, ReadOnlySpan<double> model, RuleSet thresholds)
    {
        int top = 0, second = -1, modelTop = 0;
        for (var c = 1; c < rules.Length; c++)
        {
            if (rules[c] > rules[top])
            {
                second = top;
                top = c;
            }
            else if (second < 0 || rules[c] > rules[second])
            {
                second = c;
            }
        }
        for (var c = 1; c < model.Length; c++)
        {
            if (model[c] > model[modelTop])
                modelTop = c;
        }
        var runnerUp = second < 0 ? 0 : Math.Max(0, rules[second]);
        if (rules[top] >= thresholds.Decide && rules[top] - runnerUp >= thresholds.Margin)
        {
            // Saturating in the score: a single decisive term gives ~0.8, several give more.
            var ruleConfidence = 1 - 0.2 * Math.Exp(-(rules[top] - thresholds.Decide) / 4);
            return (top, Math.Max(ruleConfidence, model[top]), modelTop == top ? "rules+model" : "rules");
        }

        Span<double> combined = stackalloc double[model.Length];
        var best = 0;
        var max = double.NegativeInfinity;
        for (var c = 0; c < model.Length; c++)
        {
            combined[c] = Math.Log(model[c] + 1e-9) + RuleNudge * Math.Max(0, rules[c]);
            if (combined[c] > max)
            {
                max = combined[c];
                best = c;
            }
        }
        var sum = 0.0;
        for (var c = 0; c < model.Length; c++)
            sum += Math.Exp(combined[c] - max);
        return (best, 1 / sum, "model");
    }

    /// <summary>
    /// A hit is negated when a cue (不是, 没有, 未 …) ends at most NegationWindow characters before it in the
    /// same clause, counting only text that is not itself part of an earlier term.
    /// </summary>
    private bool[] Negations(string text, List<TermHit> hits)
    {
        var negated = new bool[hits.Count];
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            var from = i == 0 ? 0 : hits[i - 1].Start + hits[i - 1].Length;
            from = Math.Max(from, hit.Start - _rules.NegationWindow - 3);
            for (var k = hit.Start - 1; k >= from; k--)
            {
                if (IsClauseBreak(text[k]))
                {
                    from = k + 1;
                    break;
                }
            }
            var gap = text.AsSpan(from, hit.Start - from);
            foreach (var cue in _rules.NegationCues)
            {
                var at = gap.LastIndexOf(cue, StringComparison.Ordinal);
                if (at >= 0 && gap.Length - (at + cue.Length) <= _rules.NegationWindow)
                {
                    negated[i] = true;
                    break;
                }
            }
        }
        return negated;
    }

    private static bool IsClauseBreak(char c) => c is ',' or '.' or ';' or '!' or '?' or '。' or '、' or '\n' or ':';
}
