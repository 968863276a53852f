using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Verification;

/// <summary>
/// The verdict from the checks, in order: any failed critical check → invalid; any failed warning → suspicious;
/// no certificate found in the registry → unknown (a format only screens); otherwise authentic. Failed info-level
/// checks (e.g. "not in the registry") never change the verdict on their own.
/// </summary>
public static class VerdictRules
{
    public static Verdict Decide(IReadOnlyList<CheckResult> checks, Certificate? certificate)
    {
        var warning = false;
        foreach (var c in checks)
        {
            if (c.Passed)
                continue;
            if (c.Severity == Severity.Critical)
                return Verdict.Invalid;
            warning |= c.Severity == Severity.Warning;
        }
        if (warning)
            return Verdict.Suspicious;
        return certificate is null ? Verdict.Unknown : Verdict.Authentic;
    }
}
