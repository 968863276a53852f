using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>CNCA approval number of a certification body: CNCA-R-yyyy-nnn (domestic), CNCA-RF-yyyy-nn (foreign-invested) (identifiers.md §3.2).</summary>
internal static partial class CncaBodyNumber
{
    [GeneratedRegex(@"CNCA\s*-?\s*(?<t>RF|R)\s*-?\s*(?<y>\d+)\s*-?\s*(?<n>\d+)")]
    private static partial Regex Pattern();

    public static void Scan(string text, List<NumberHit> hits)
    {
        foreach (Match m in Pattern().Matches(text))
            hits.Add(new(m.Index, m.Index + m.Length, Build(m.Value, m.Groups["t"].Value, m.Groups["y"].Value, m.Groups["n"].Value)));
    }

    private static ParsedNumber Build(string slice, string type, string y, string n)
    {
        var problems = new List<NumberProblem>();
        int? year = null;
        if (y.Length != 4)
            problems.Add(Problem.Critical("year-length", $"年份应为 4 位，实际为“{y}”", $"the year must have 4 digits, found '{y}'"));
        else
        {
            year = int.Parse(y);
            if (year is < 2002 or > 2099)
                problems.Add(Problem.Warning("year-implausible", $"批准年份 {year} 早于 2002 年（首批批准）", $"approval year {year} is before the first approvals of 2002"));
        }
        // CQC is CNCA-R-2002-001 (3 digits); the RF length of 2 is unconfirmed, so a mismatch there only warns.
        var expected = type == "R" ? 3 : 2;
        if (n.Length != expected)
        {
            var sev = type == "R" || n.Length is < 2 or > 3 ? Severity.Critical : Severity.Warning;
            problems.Add(new NumberProblem("serial-length", sev, $"CNCA-{type} 批准号的序号应为 {expected} 位，实际为“{n}”",
                $"the serial of a CNCA-{type} number has {expected} digits, found '{n}'"));
        }
        var fields = new NumberFields { BodyType = type, Year = year, Serial = n };
        return new ParsedNumber(NumberKind.CncaBodyApproval, slice, $"CNCA-{type}-{y}-{n}", fields, problems);
    }
}
