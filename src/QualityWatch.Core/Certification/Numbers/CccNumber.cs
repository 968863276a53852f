using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>
/// CCC certificate: 16 digits = year of first issue (4) + body code (2, "01" = CQC) + product category and
/// sub-category (4) + sequence (6) (identifiers.md §3.1, secondary). There is no check digit.
/// </summary>
internal static partial class CccNumber
{
    // After the word CCC any digit run is meant as the number, so a wrong length is reported rather than missed.
    [GeneratedRegex(@"(?<![A-Z])CCC[^0-9A-Z\u4E00-\u9FFF]{0,6}(?:[\u4E00-\u9FFF]{0,6}[:：]?\s*)?(?<d>\d(?:\s?\d){5,24})(?![\d])")]
    private static partial Regex AfterKeyword();

    [GeneratedRegex(@"(?<!\d)\d{16}(?!\d)")]
    private static partial Regex Bare();

    public static void Scan(string text, List<NumberHit> hits)
    {
        foreach (Match m in AfterKeyword().Matches(text))
        {
            var g = m.Groups["d"];
            hits.Add(new(g.Index, g.Index + g.Length, Build(g.Value, TextFolding.DigitsOnly(g.Value))));
        }
        foreach (Match m in Bare().Matches(text))
            hits.Add(new(m.Index, m.Index + m.Length, Build(m.Value, m.Value)));
    }

    public static ParsedNumber Build(string slice, string digits)
    {
        var problems = new List<NumberProblem>();
        if (digits.Length != 16)
        {
            problems.Add(Problem.Critical("length", $"CCC 证书编号应为 16 位数字，实际为 {digits.Length} 位",
                $"a CCC certificate number has 16 digits, found {digits.Length}"));
            return new ParsedNumber(NumberKind.CccCertificate, slice, digits, new NumberFields(), problems);
        }
        var year = int.Parse(digits.AsSpan(0, 4));
        if (year is < 2001 or > 2099)
        {
            problems.Add(Problem.Critical("year-implausible", $"前 4 位应为首次发证年份（CCC 自 2001 年起），实际为 {year}",
                $"positions 1–4 are the year of first issue (CCC started in 2001), found {year}"));
        }
        var body = digits.Substring(4, 2);
        if (body == "00")
            problems.Add(Problem.Warning("body-code", "认证机构代码为 00", "the certification-body code is 00"));
        var product = digits.Substring(6, 4);
        if (product == "0000")
            problems.Add(Problem.Warning("product-code", "产品类别代码为 0000", "the product code is 0000"));
        var fields = new NumberFields { Year = year, BodyCode = body, ProductCode = product, Serial = digits[10..] };
        return new ParsedNumber(NumberKind.CccCertificate, slice, digits, fields, problems);
    }
}
