using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>
/// NMPA registration number ×1械注×2 yyyy c pp nnnn (CFDA Order 4, Art. 76; identifiers.md §4.1), with the
/// consistency rules 国 ⇔ (class 3 ∧ 准) ∨ 进 ∨ 许 and province ⇒ class 2 ∧ 准.
/// </summary>
internal static partial class NmpaRegistrationNumber
{
    // Spaces between digit groups are common in pasted text ("国械注准 2022 3 40 1234").
    [GeneratedRegex(@"械\s*注\s*(?<org>[\u4E00-\u9FFF])?\s*(?<d>\d(?:\s?\d)*)?")]
    private static partial Regex Pattern();

    public static void Scan(string text, List<NumberHit> hits)
    {
        foreach (Match m in Pattern().Matches(text))
        {
            var prefix = NmpaPrefix.Read(text, m.Index, allowCity: false);
            var org = m.Groups["org"].Success ? m.Groups["org"].Value : string.Empty;
            var digits = TextFolding.DigitsOnly(m.Groups["d"].Value);
            hits.Add(new(prefix.Start, m.Index + m.Length, Build(text[prefix.Start..(m.Index + m.Length)], prefix, org, digits)));
        }
    }

    private static ParsedNumber Build(string slice, NmpaPrefix prefix, string org, string digits)
    {
        var problems = new List<NumberProblem>();
        if (prefix.Problem is { } p)
            problems.Add(p);
        var origin = OriginOf(org, problems);
        int? year = null, cls = null;
        string? code = null, serial = null;
        if (digits.Length is 11 or 12)
        {
            year = int.Parse(digits.AsSpan(0, 4));
            cls = digits[4] - '0';
            code = digits.Substring(5, 2);
            serial = digits[7..];
            if (year is < 1990 or > 2099)
                problems.Add(Problem.Critical("year-implausible", $"年份 {year} 不合理", $"year {year} is implausible"));
            if (cls is not (2 or 3))
            {
                problems.Add(Problem.Critical("class-invalid", $"管理类别应为 2 或 3，实际为 {cls}（第一类为备案，使用“械备”）",
                    $"management class must be 2 or 3, found {cls} (Class I is filed: 械备)"));
            }
            if (digits.Length == 12)
            {
                // identifiers.md §4.2 shows a provincial mask number with a 5-digit serial; Order 4 says 4.
                problems.Add(Problem.Info("serial-5-digits", "流水号为 5 位（规章为 4 位，部分省级编号可见 5 位）",
                    "the serial has 5 digits (the rule says 4; some provincial numbers show 5)"));
            }
        }
        else
        {
            problems.Add(Problem.Critical("length", $"“械注{org}”后应为 11 位数字（年份4+类别1+分类编码2+流水号4），实际为 {digits.Length} 位",
                $"11 digits (year 4 + class 1 + code 2 + serial 4) must follow 械注{org}, found {digits.Length}"));
        }
        if (origin is not null && cls is 2 or 3)
            Consistency(prefix, origin.Value, cls.Value, problems);

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
        return new ParsedNumber(NumberKind.NmpaRegistration, slice, $"{prefix.Text}械注{org}{digits}", fields, problems);
    }

    internal static NmpaOrigin? OriginOf(string org, List<NumberProblem> problems)
    {
        switch (org)
        {
            case "准": return NmpaOrigin.Domestic;
            case "进": return NmpaOrigin.Imported;
            case "许": return NmpaOrigin.HongKongMacaoTaiwan;
            default:
                problems.Add(Problem.Critical("origin-invalid", $"“准/进/许”位置为“{org}”", $"expected 准, 进 or 许, found '{org}'"));
                return null;
        }
    }

    private static void Consistency(NmpaPrefix prefix, NmpaOrigin origin, int cls, List<NumberProblem> problems)
    {
        if (prefix.National && origin == NmpaOrigin.Domestic && cls == 2)
        {
            problems.Add(Problem.Critical("authority-class", "境内第二类医疗器械由省级药监部门注册，不应为“国械注准…2…”",
                "domestic Class II devices are registered by a province, so 国械注准 with class 2 is inconsistent"));
        }
        if (!prefix.National && prefix.Text.Length > 0 && cls == 3)
        {
            problems.Add(Problem.Critical("authority-class", $"省级简称“{prefix.Text}”只能注册境内第二类，编号却为第三类",
                $"a province ('{prefix.Text}') registers only domestic Class II, but the number says Class III"));
        }
        if (!prefix.National && prefix.Text.Length > 0 && origin != NmpaOrigin.Domestic)
        {
            problems.Add(Problem.Critical("authority-origin", "进口及港澳台医疗器械均由国家药监局注册（“国械注进/许”）",
                "imported and Hong Kong/Macao/Taiwan devices are registered nationally (国械注进/许)"));
        }
    }
}
