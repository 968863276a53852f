using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>Class I filing number ×1械备yyyy nnnn: 国 for imported devices, province + city for domestic ones (identifiers.md §4.3).</summary>
internal static partial class NmpaFilingNumber
{
    [GeneratedRegex(@"械\s*备\s*(?<d>\d(?:\s?\d)*)?")]
    private static partial Regex Pattern();

    public static void Scan(string text, List<NumberHit> hits)
    {
        foreach (Match m in Pattern().Matches(text))
        {
            var prefix = NmpaPrefix.Read(text, m.Index, allowCity: true);
            var end = m.Index + m.Length;
            hits.Add(new(prefix.Start, end, Build(text[prefix.Start..end], prefix, TextFolding.DigitsOnly(m.Groups["d"].Value))));
        }
    }

    private static ParsedNumber Build(string slice, NmpaPrefix prefix, string digits)
    {
        var problems = new List<NumberProblem>();
        if (prefix.Problem is { } p)
            problems.Add(p);
        int? year = null;
        string? serial = null;
        if (digits.Length is 8 or 9)
        {
            year = int.Parse(digits.AsSpan(0, 4));
            serial = digits[4..];
            if (year is < 2014 or > 2099)
                problems.Add(Problem.Warning("year-implausible", $"备案制度始于 2014 年，年份为 {year}", $"filing started in 2014, the year is {year}"));
        }
        else
        {
            problems.Add(Problem.Critical("length", $"“械备”后应为 8 位数字（年份4+流水号4），实际为 {digits.Length} 位",
                $"8 digits (year 4 + serial 4) must follow 械备, found {digits.Length}"));
        }
        if (!prefix.National && !prefix.HasCity && prefix.Text.Length > 0)
        {
            problems.Add(Problem.Warning("filing-authority", "境内第一类医疗器械向设区的市级部门备案，编号通常为“省简称+市简称+械备”",
                "domestic Class I devices are filed with a city authority, so the prefix is usually province + city"));
        }
        var fields = new NumberFields
        {
            Year = year,
            Serial = serial,
            DeviceClass = 1,
            Authority = prefix.Text,
            RegionCode = prefix.RegionCode,
            Origin = prefix.National ? NmpaOrigin.Imported : NmpaOrigin.Domestic,
        };
        return new ParsedNumber(NumberKind.NmpaFiling, slice, $"{prefix.Text}械备{digits}", fields, problems);
    }
}
