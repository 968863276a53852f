using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>The issuer is a known body, and the issuer the seller names is the one that issued the certificate.</summary>
internal sealed class IssuerExistsCheck : IVerificationCheck
{
    public string Id => CheckIds.IssuerExists;

    public void Run(VerificationContext c)
    {
        var claimed = c.Request.ClaimedIssuer;
        if (c.Certificate is { } cert)
        {
            if (c.Issuer is not { } issuer)
            {
                c.Fail(Id, Severity.Warning, $"登记库中找不到证书的颁发机构（{cert.IssuerBodyId}）", $"the certificate's issuer ({cert.IssuerBodyId}) is not in the registry");
                return;
            }
            if (!string.IsNullOrWhiteSpace(claimed))
            {
                var named = c.Registry.FindBody(claimed);
                if (named is not null && named.Id != issuer.Id)
                {
                    c.Fail(Id, Severity.Critical, $"证书由 {Describe(issuer, zh: true)} 颁发，而声称的颁发机构为 {Describe(named, zh: true)}",
                        $"the certificate was issued by {Describe(issuer, zh: false)}, but the claimed issuer is {Describe(named, zh: false)}");
                    return;
                }
                if (named is null)
                {
                    c.Fail(Id, Severity.Warning, $"证书由 {Describe(issuer, zh: true)} 颁发，声称的颁发机构“{claimed}”与之不符或不在登记库中",
                        $"the certificate was issued by {Describe(issuer, zh: false)}; the claimed issuer '{claimed}' does not match it or is unknown");
                    return;
                }
            }
            c.Pass(Id, $"颁发机构 {Describe(issuer, zh: true)} 在登记库中", $"the issuer {Describe(issuer, zh: false)} is in the registry");
            return;
        }
        if (c.Issuer is { } found)
        {
            var how = c.IssuerSource == "marked" ? ("CE 标志旁的编号", "the number next to CE") : ("声称的颁发机构", "the claimed issuer");
            c.Pass(Id, $"{how.Item1}对应登记库中的 {Describe(found, zh: true)}", $"{how.Item2} is {Describe(found, zh: false)} in the registry");
            return;
        }
        var asked = claimed ?? c.MarkedBodyNumber?.Normalised;
        if (asked is not null)
            c.Fail(Id, Severity.Warning, $"登记库中没有机构“{asked}”", $"no body '{asked}' is in the registry");
    }

    internal static string Describe(CertificationBody b, bool zh) => (b.Number, zh) switch
    {
        (null, true) => b.NameZh,
        (null, false) => b.NameEn,
        ({ } n, true) => $"{b.NameZh}（{n}）",
        ({ } n, false) => $"{b.NameEn} ({n})",
    };
}
