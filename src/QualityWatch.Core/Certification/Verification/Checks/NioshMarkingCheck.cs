using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>
/// NIOSH marking rules and the counterfeit signs NIOSH published in 2020 (identifiers.md §5, §5.1): no approval for
/// children, none for foreign-standard grades (KN95, FFP2), "NIOSH" spelled right, a TC number and a filter series
/// on the facepiece, headbands rather than ear loops, no decorative add-ons.
/// </summary>
internal sealed partial class NioshMarkingCheck : IVerificationCheck
{
    public string Id => CheckIds.NioshMarking;

    public void Run(VerificationContext c)
    {
        var text = c.ClaimText;
        var misspelled = Misspelling(text);
        var nioshGrade = c.Product?.Grade is { } g && PpeFacts.NioshFilterSeries.Contains(g);
        var claimsNiosh = c.Scheme == CertificateScheme.NioshApproval || text.Contains("NIOSH", StringComparison.Ordinal) || misspelled is not null;
        if (!claimsNiosh && !nioshGrade)
            return;

        var critical = new List<(string, string)>();
        var warning = new List<(string, string)>();
        if (!claimsNiosh)
        {
            warning.Add(($"标称 {c.Product!.Grade}（NIOSH 注册的认证标志），却未声称 NIOSH 批准", $"marked {c.Product!.Grade} (a NIOSH certification mark) without claiming a NIOSH approval"));
        }
        if (c.Product?.ForChildren == true)
            critical.Add(("NIOSH 没有批准任何儿童用呼吸器（假冒迹象 6）", "NIOSH approves no respirator for children (counterfeit sign 6)"));
        if (c.Product?.NonNioshGrade == true && claimsNiosh)
        {
            critical.Add(($"{c.Product.Grade} 是 GB 2626 或 EN 149 等级，NIOSH 不按外国标准批准，也不认可第三方检测",
                $"{c.Product.Grade} is a GB 2626 or EN 149 grade; NIOSH does not approve to foreign standards or accept third-party testing"));
        }
        if (misspelled is not null)
            critical.Add(($"“{misspelled}”是 NIOSH 的错误拼写（假冒迹象 4）", $"'{misspelled}' misspells NIOSH (counterfeit sign 4)"));
        if (c.Request.Markings is { Length: > 0 } m && claimsNiosh)
        {
            var markings = Numbers.TextFolding.Fold(m);
            if (!TcNumber().IsMatch(markings))
                critical.Add(("面罩标识中没有 TC 批准号（假冒迹象 2）", "no TC approval number in the facepiece markings (counterfeit sign 2)"));
            if (!markings.Contains("NIOSH", StringComparison.Ordinal))
                critical.Add(("面罩标识中没有 NIOSH 字样（假冒迹象 3）", "no NIOSH marking on the facepiece (counterfeit sign 3)"));
            if (!PpeFacts.NioshFilterSeries.Any(s => markings.Contains(s, StringComparison.Ordinal)))
                warning.Add(("面罩标识中没有过滤等级（N95、P100 等）", "no filter series and efficiency (N95, P100 …) in the markings"));
            if (Decoration().IsMatch(markings))
                warning.Add(("有装饰性面料或附加物（假冒迹象 5）", "decorative fabric or add-ons (counterfeit sign 5)"));
        }
        if (c.Product?.EarLoops == true && claimsNiosh)
            warning.Add(("使用耳挂而非头带（假冒迹象 7）", "ear loops instead of headbands (counterfeit sign 7)"));

        if (critical.Count == 0 && warning.Count == 0)
        {
            c.Pass(Id, "未发现违反 NIOSH 标识规则或假冒迹象", "no breach of the NIOSH marking rules and no counterfeit sign found");
            return;
        }
        var all = critical.Concat(warning).ToList();
        c.Fail(Id, critical.Count > 0 ? Severity.Critical : Severity.Warning,
            string.Join("；", all.Select(x => x.Item1)), string.Join("; ", all.Select(x => x.Item2)));
    }

    /// <summary>A word one edit or one swap away from NIOSH (NOISH, NIOHS, NIOSCH, N1OSH); two edits would hit ordinary words.</summary>
    internal static string? Misspelling(string text)
    {
        foreach (Match w in Word().Matches(text))
        {
            var s = w.Value;
            if (s != "NIOSH" && Osa(s, "NIOSH") == 1)
                return s;
        }
        return null;
    }

    private static int Osa(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"(?<![A-Z0-9])N[A-Z0-9]{3,5}(?![A-Z0-9])")]
    private static partial Regex Word();

    [GeneratedRegex(@"TC\s*-?\s*\d{2}[A-Z]\s*-?\s*\d{4}")]
    private static partial Regex TcNumber();

    [GeneratedRegex(@"SEQUIN|RHINESTONE|GLITTER|亮片|水钻|装饰")]
    private static partial Regex Decoration();
}
