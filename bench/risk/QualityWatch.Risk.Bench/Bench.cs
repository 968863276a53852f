using System.Globalization;
using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Risk.Bench;

/// <summary>Argument parsing and fixtures shared by the bench commands.</summary>
internal static class Bench
{
    public static int Arg(string[] args, string name, int fallback) =>
        Text(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>
    /// Complaint texts of 80–150 characters, like 12315 tickets, with their product category: the labelled
    /// evaluation texts (40–120 characters, written apart from the training set) joined in pairs, as bench/risk-text does.
    /// </summary>
    public static List<(string Text, string? Category)> ComplaintTexts()
    {
        var csv = Path.Combine(RepositoryRoot(), "tests/QualityWatch.Core.Tests/Risk/Text/Data/evaluation.csv");
        using var stream = File.OpenRead(csv);
        var source = LabelledText.ReadCsv(stream);
        var result = new List<(string, string?)>(source.Count);
        for (var i = 0; i < source.Count; i++)
        {
            var text = source[i].Text;
            var j = i + 1;
            while (text.Length < 80)
                text += "。" + source[j++ % source.Count].Text;
            result.Add((text.Length > 150 ? text[..150] : text, source[i].ProductCategory));
        }
        return result;
    }

    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "QualityWatch.slnx")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository");
    }
}
