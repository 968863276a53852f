namespace QualityWatch.Core.Risk.Text;

/// <summary>The data files of Risk/Text, embedded so the CLI, the web app and tests find them wherever they run.</summary>
internal static class TextResources
{
    public const string Prefix = "QualityWatch.RiskText.";

    public static Stream Open(string fileName) =>
        typeof(TextResources).Assembly.GetManifestResourceStream(Prefix + fileName)
        ?? throw new InvalidOperationException($"Embedded resource {Prefix}{fileName} is missing");

    public static IEnumerable<string> ReadLines(string fileName)
    {
        using var reader = new StreamReader(Open(fileName));
        while (reader.ReadLine() is { } line)
            yield return line;
    }

    /// <summary>Non-empty, non-comment lines of a term file, first field only, normalised.</summary>
    public static IEnumerable<string> ReadTerms(string fileName) =>
        ReadLines(fileName)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => ChineseText.Normalise(l.Split(' ', 2)[0]).Text);
}
