using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>NIOSH approval number TC-84A-nnnn for non-powered particulate respirators; NIOSH also writes "TC 84A-nnnn" (identifiers.md §5).</summary>
internal static partial class NioshNumber
{
    [GeneratedRegex(@"(?<![A-Z])TC\s*-?\s*(?<s>\d{2}[A-Z])\s*(?<h>-)?\s*(?<n>\d+)")]
    private static partial Regex Pattern();

    public static void Scan(string text, List<NumberHit> hits)
    {
        foreach (Match m in Pattern().Matches(text))
            hits.Add(new(m.Index, m.Index + m.Length, Build(m)));
    }

    private static ParsedNumber Build(Match m)
    {
        var problems = new List<NumberProblem>();
        var schedule = m.Groups["s"].Value;
        var n = m.Groups["n"].Value;
        if (schedule != "84A")
        {
            problems.Add(Problem.Warning("schedule", $"批准类别为 {schedule}，不是非动力颗粒物呼吸器（84A）",
                $"schedule {schedule} is not 84A (non-powered particulate respirators)"));
        }
        if (n.Length != 4)
            problems.Add(Problem.Critical("length", $"TC 编号的序号应为 4 位，实际为 {n.Length} 位", $"the TC serial has 4 digits, found {n.Length}"));
        if (!m.Groups["h"].Success)
            problems.Add(Problem.Info("hyphen", $"{schedule} 与序号之间通常有连字符", $"NIOSH prints a hyphen between {schedule} and the serial"));
        var fields = new NumberFields { Schedule = schedule, Serial = n };
        return new ParsedNumber(NumberKind.NioshApproval, m.Value, $"TC-{schedule}-{n}", fields, problems);
    }
}
