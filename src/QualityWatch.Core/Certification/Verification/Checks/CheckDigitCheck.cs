using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>
/// Check digits: none of the certificate schemes defines one (identifiers.md §3–§7), so this reports that and checks
/// the holder's unified social credit code (GB 32100), where a failure means "verify", never "forged" (§1.6).
/// </summary>
internal sealed class CheckDigitCheck : IVerificationCheck
{
    public string Id => CheckIds.CheckDigit;

    public void Run(VerificationContext c)
    {
        var claimed = c.Request.ClaimedHolderCreditCode;
        var code = claimed ?? c.Certificate?.HolderCreditCode;
        if (c.Number is null && code is null)
            return;
        var zh = new List<string>();
        var en = new List<string>();
        if (c.Number is { } n)
        {
            zh.Add($"{n.Kind.Zh()}不含校验位，只能做格式筛查");
            en.Add($"the {n.Kind.En()} format has no check digit, so it can only be screened");
        }
        if (code is null)
        {
            c.Pass(Id, string.Join("；", zh), string.Join("; ", en));
            return;
        }
        var whose = claimed is not null ? ("声称持证人", "claimed holder's") : ("登记持证人", "registered holder's");
        var check = CreditCode.Check(code);
        if (check.Status == CreditCodeStatus.Valid)
        {
            zh.Add($"{whose.Item1}统一社会信用代码 {check.Normalised} 校验通过（GB 32100）");
            en.Add($"the {whose.Item2} unified social credit code {check.Normalised} passes GB 32100");
            c.Pass(Id, string.Join("；", zh), string.Join("; ", en));
            return;
        }
        var (problemZh, problemEn) = SplitBilingual(check.Problem ?? "");
        zh.Add($"{whose.Item1}统一社会信用代码 {check.Normalised} 未通过校验：{problemZh}；须在国家企业信用信息公示系统核实");
        en.Add($"the {whose.Item2} unified social credit code {check.Normalised} fails: {problemEn}; verify it on gsxt.gov.cn");
        // A bad code on the registry's own record is a data problem, not a sign about the claim.
        c.Fail(Id, claimed is not null ? Severity.Warning : Severity.Info, string.Join("；", zh), string.Join("; ", en));
    }

    /// <summary>CreditCode writes its problems as "中文 (English)".</summary>
    private static (string Zh, string En) SplitBilingual(string problem)
    {
        var open = problem.IndexOf(" (", StringComparison.Ordinal);
        return open > 0 && problem.EndsWith(')') ? (problem[..open], problem[(open + 2)..^1]) : (problem, problem);
    }
}
