using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>
/// Registration numbers before the 2014 Measures: ×(×)(食)药监械(×)字yyyy第cppnnnn号 (identifiers.md §4.3). The
/// class rules are derived from the post-2014 ones and the source is secondary, so they only warn.
/// </summary>
internal static partial class NmpaPre2014Number
{
    [GeneratedRegex(@"(?<food>食)?药\s*(?<dept>监|管)\s*械\s*\(?\s*(?<org>[\u4E00-\u9FFF])?\s*\)?\s*字\s*(?<y>\d{4})?\s*第?\s*(?<d>\d(?:\s?\d)*)?\s*(?<end>号)?")]
    private static partial Regex Pattern();

    public static void Scan(string text, List<NumberHit> hits)
    {
        foreach (Match m in Pattern().Matches(text))
        {
            var prefix = NmpaPrefix.Read(text, m.Index, allowCity: true);
            var end = m.Index + m.Length;
            hits.Add(new(prefix.Start, end, Build(text[prefix.Start..end], prefix, m)));
        }
    }

    private static ParsedNumber Build(string slice, NmpaPrefix prefix, Match m)
    {
        var problems = new List<NumberProblem>();
        if (prefix.Problem is { } p)
            problems.Add(p);
        var org = m.Groups["org"].Success ? m.Groups["org"].Value : string.Empty;
        var origin = NmpaRegistrationNumber.OriginOf(org, problems);
        var digits = TextFolding.DigitsOnly(m.Groups["d"].Value);
        int? year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].ValueSpan) : null;
        if (year is null)
            problems.Add(Problem.Critical("year-missing", "“字”后缺少 4 位年份", "the 4-digit year after 字 is missing"));
        else if (year is < 1990 or > 2014)
            problems.Add(Problem.Warning("year-out-of-era", $"旧格式编号的年份 {year} 不在 1990–2014 之间", $"year {year} is outside the 1990–2014 era of this format"));
        if (!m.Groups["end"].Success)
            problems.Add(Problem.Warning("missing-hao", "缺少结尾的“号”", "the closing 号 is missing"));
        if (m.Groups["dept"].Value == "管")
            problems.Add(Problem.Info("sda-era", "“药管械”为 2003 年以前的写法", "药管械 is the pre-2003 form"));

        int? cls = null;
        string? code = null, serial = null;
        if (digits.Length == 7)
        {
            cls = digits[0] - '0';
            code = digits.Substring(1, 2);
            serial = digits[3..];
            if (cls is < 1 or > 3)
                problems.Add(Problem.Critical("class-invalid", $"管理类别应为 1–3，实际为 {cls}", $"class must be 1–3, found {cls}"));
            else if (origin == NmpaOrigin.Domestic)
                Consistency(prefix, cls.Value, problems);
        }
        else
        {
            problems.Add(Problem.Critical("length", $"“第…号”之间应为 7 位数字，实际为 {digits.Length} 位",
                $"7 digits must stand between 第 and 号, found {digits.Length}"));
        }
        problems.Add(Problem.Info("pre-2014", "2014 年以前的旧格式编号，延续注册后应换发新格式编号", "pre-2014 format; a renewal is issued under the new format"));

        var food = m.Groups["food"].Success ? "食" : string.Empty;
        var fields = new NumberFields
        {
            Year = year,
            DeviceClass = cls,
            ClassificationCode = code,
            Serial = serial,
            Origin = origin,
            Authority = prefix.Text,
            RegionCode = prefix.RegionCode,
        };
        var normalised = $"{prefix.Text}{food}药{m.Groups["dept"].Value}械({org})字{year}第{digits}号";
        return new ParsedNumber(NumberKind.NmpaRegistrationPre2014, slice, normalised, fields, problems);
    }

    private static void Consistency(NmpaPrefix prefix, int cls, List<NumberProblem> problems)
    {
        var expected = prefix.National ? 3 : prefix.HasCity ? 1 : 2;
        if (prefix.Text.Length > 0 && cls != expected)
        {
            problems.Add(Problem.Warning("authority-class", $"“{prefix.Text}”通常注册第{expected}类境内医疗器械，编号却为第{cls}类",
                $"'{prefix.Text}' normally registered domestic Class {expected}, but the number says Class {cls}"));
        }
    }
}
