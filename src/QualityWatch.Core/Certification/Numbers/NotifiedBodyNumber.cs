using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>EU notified-body number: 4 digits, printed next to the CE mark (identifiers.md §6.1).</summary>
internal static partial class NotifiedBodyNumber
{
    [GeneratedRegex(@"(?<![A-Z])(?:CE|NOTIFIED\s*BODY|NB|公告机构|欧盟公告机构)\s*(?:NO\.?|NUMBER|编号|号)?\s*[-:：#]?\s*(?<n>\d{3,5})(?![\d])")]
    private static partial Regex Pattern();

    public static void Scan(string text, List<NumberHit> hits)
    {
        foreach (Match m in Pattern().Matches(text))
            hits.Add(new(m.Index, m.Index + m.Length, Build(m.Value, m.Groups["n"].Value)));
    }

    public static ParsedNumber Build(string slice, string n)
    {
        var problems = new List<NumberProblem>();
        if (n.Length != 4)
            problems.Add(Problem.Critical("length", $"公告机构编号应为 4 位数字，实际为 {n.Length} 位", $"a notified-body number has 4 digits, found {n.Length}"));
        return new ParsedNumber(NumberKind.NotifiedBody, slice, n, new NumberFields { NotifiedBody = n }, problems);
    }
}
