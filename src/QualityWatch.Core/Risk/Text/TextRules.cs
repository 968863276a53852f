using System.Text.Json;

namespace QualityWatch.Core.Risk.Text;

/// <summary>
/// The versioned classification rules (embedded rules.json): weighted terms per product category and
/// problem type, negation cues, and the thresholds at which the rules decide without the model.
/// </summary>
public sealed class TextRules
{
    private TextRules(string version, RuleSet categories, RuleSet problems, string[] negationCues, int negationWindow)
    {
        Version = version;
        Categories = categories;
        Problems = problems;
        NegationCues = negationCues;
        NegationWindow = negationWindow;
    }

    public string Version { get; }

    public RuleSet Categories { get; }

    public RuleSet Problems { get; }

    public IReadOnlyList<string> NegationCues { get; }

    public int NegationWindow { get; }

    public static TextRules LoadEmbedded()
    {
        using var stream = TextResources.Open("rules.json");
        return Load(stream);
    }

    public static TextRules Load(Stream json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        var version = root.GetProperty("version").GetString() ?? throw new InvalidDataException("rules.json: version is missing");
        var negation = root.GetProperty("negation");
        var cues = negation.GetProperty("cues").EnumerateArray().Select(e => e.GetString()!).OrderByDescending(c => c.Length).ToArray();
        return new TextRules(
            version,
            ReadSet(root, "categories", "category"),
            ReadSet(root, "problems", "problem"),
            cues,
            negation.GetProperty("window").GetInt32());
    }

    private static RuleSet ReadSet(JsonElement root, string classesName, string thresholdsName)
    {
        var thresholds = root.GetProperty(thresholdsName);
        var classes = new List<string>();
        var terms = new List<(string Term, int Class, double Weight)>();
        foreach (var cls in root.GetProperty(classesName).EnumerateObject())
        {
            classes.Add(cls.Name);
            foreach (var term in cls.Value.EnumerateObject())
                terms.Add((ChineseText.Normalise(term.Name).Text, classes.Count - 1, term.Value.GetDouble()));
        }
        return new RuleSet(classes, terms, thresholds.GetProperty("decide").GetDouble(), thresholds.GetProperty("margin").GetDouble());
    }
}

/// <summary>Weighted terms for one classification (categories or problems).</summary>
public sealed class RuleSet(IReadOnlyList<string> classes, IReadOnlyList<(string Term, int Class, double Weight)> terms, double decide, double margin)
{
    public IReadOnlyList<string> Classes { get; } = classes;

    public IReadOnlyList<(string Term, int Class, double Weight)> Terms { get; } = terms;

    /// <summary>Score the best class must reach for the rules to decide alone.</summary>
    public double Decide { get; } = decide;

    /// <summary>Lead over the runner-up the rules need to decide alone.</summary>
    public double Margin { get; } = margin;
}
