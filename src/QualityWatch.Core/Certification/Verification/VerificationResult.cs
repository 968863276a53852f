using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Verification;

public enum Verdict
{
    /// <summary>Found in the registry and every check passed.</summary>
    Authentic,
    /// <summary>A warning-level check failed: the claim needs a closer look.</summary>
    Suspicious,
    /// <summary>A critical check failed: the claim cannot be true as made.</summary>
    Invalid,
    /// <summary>Nothing failed, but the number is not in the registry, so nothing could be confirmed.</summary>
    Unknown,
}

/// <summary>One check the verifier ran, with its evidence in Chinese and English.</summary>
/// <param name="Id">Stable id (format, issuer-scope-at-issue, …), see <see cref="CheckIds"/>.</param>
/// <param name="Severity">Info for a pass; Warning or Critical for a failure (Info for a failure that only informs).</param>
public sealed record CheckResult(string Id, bool Passed, Severity Severity, string EvidenceZh, string EvidenceEn);

public sealed record VerificationResult
{
    public required Verdict Verdict { get; init; }
    public required IReadOnlyList<CheckResult> Checks { get; init; }
    /// <summary>The registry certificate the number resolved to, or null.</summary>
    public Certificate? Certificate { get; init; }
    /// <summary>Status of <see cref="Certificate"/> on <see cref="AsOf"/>.</summary>
    public CertificateStatus? CertificateStatus { get; init; }
    /// <summary>The issuer that was checked (the certificate's, or the claimed or CE-marked one).</summary>
    public CertificationBody? Issuer { get; init; }
    public required NumberParse Parse { get; init; }
    public required DateOnly AsOf { get; init; }
}

public static class VerdictNames
{
    public static string Token(this Verdict v) => v switch
    {
        Verdict.Authentic => "authentic",
        Verdict.Suspicious => "suspicious",
        Verdict.Invalid => "invalid",
        _ => "unknown",
    };

    public static string Token(this Severity s) => s switch
    {
        Severity.Critical => "critical",
        Severity.Warning => "warning",
        _ => "info",
    };
}
