using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Names;

namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>
/// The claimed holder is the registered one: the credit code decides; names are compared in normalised form and may
/// match the manufacturer, the factory or a private label (OEM production is legitimate). A number registered to
/// someone else is the borrowed or traded certificate pattern.
/// </summary>
internal sealed class HolderMatchesCheck : IVerificationCheck
{
    public string Id => CheckIds.HolderMatches;

    public void Run(VerificationContext c)
    {
        if (c.Certificate is not { } cert)
            return;
        var code = c.Request.ClaimedHolderCreditCode;
        var name = c.Request.ClaimedHolderName;
        if (string.IsNullOrWhiteSpace(code) && string.IsNullOrWhiteSpace(name))
            return;
        var registered = $"{cert.HolderName}{(cert.HolderCreditCode is null ? "" : $"（{cert.HolderCreditCode}）")}";
        var registeredEn = $"{cert.HolderName}{(cert.HolderCreditCode is null ? "" : $" ({cert.HolderCreditCode})")}";
        if (!string.IsNullOrWhiteSpace(code) && cert.HolderCreditCode is { } certCode)
        {
            var claimed = CreditCode.Normalise(code);
            if (claimed != CreditCode.Normalise(certCode))
            {
                c.Fail(Id, Severity.Critical, $"该证书登记在 {registered} 名下，与声称持证人（{claimed}）不符：疑似借用、冒用或买卖证书",
                    $"the certificate is registered to {registeredEn}, not to the claimed holder ({claimed}): the number looks borrowed, misused or traded");
                return;
            }
            var sameName = string.IsNullOrWhiteSpace(name) || NameMatches(name, cert);
            c.Pass(Id, $"统一社会信用代码与登记持证人一致：{registered}{(sameName ? "" : $"；名称“{name}”不同，可能已更名")}",
                $"the credit code matches the registered holder {registeredEn}{(sameName ? "" : $"; the name '{name}' differs, possibly renamed")}");
            return;
        }
        if (string.IsNullOrWhiteSpace(name))
            return;
        if (NameMatches(name, cert))
        {
            c.Pass(Id, $"声称持证人“{name}”与登记的持证人、制造商、生产厂或贴牌名称一致：{registered}", $"the claimed holder '{name}' matches the registered holder, manufacturer, factory or private label: {registeredEn}");
            return;
        }
        c.Fail(Id, Severity.Warning, $"该证书登记在 {registered} 名下，与声称持证人“{name}”名称不符（未提供统一社会信用代码，无法确认）",
            $"the certificate is registered to {registeredEn}, whose name does not match the claimed holder '{name}' (no credit code given to confirm)");
    }

    private static bool NameMatches(string claimed, Snapshot.Certificate cert)
    {
        var n = EnterpriseName.Normalise(claimed);
        if (n.Length == 0)
            return false;
        foreach (var candidate in cert.PrivateLabels.Append(cert.HolderName).Append(cert.Manufacturer).Append(cert.Factory))
        {
            var m = EnterpriseName.Normalise(candidate);
            if (m.Length > 0 && (m == n || (n.Length >= 4 && m.Contains(n, StringComparison.Ordinal)) || (m.Length >= 4 && n.Contains(m, StringComparison.Ordinal))))
                return true;
        }
        return false;
    }
}
