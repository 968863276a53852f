using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>The issuer, the claimed issuer, the CE number or the text names a known misleading issuer (identifiers.md §6.2).</summary>
internal sealed class MisleadingIssuerCheck : IVerificationCheck
{
    public string Id => CheckIds.MisleadingIssuer;

    public void Run(VerificationContext c)
    {
        var hit = c.Registry.FindMisleadingIssuer(c.Request.ClaimedIssuer)
            ?? c.Registry.FindMisleadingIssuer(null, c.MarkedBodyNumber?.Normalised)
            ?? (c.Issuer is { } b ? c.Registry.FindMisleadingIssuer(b.NameEn, b.Number) : null)
            ?? c.Registry.FindMisleadingIssuer(c.Request.FreeText)
            ?? c.Registry.FindMisleadingIssuer(c.Request.Markings);
        if (hit is null)
        {
            c.Pass(Id, $"未涉及已知的误导性发证机构（名单 {c.Registry.MisleadingIssuers.Count} 家）", $"no known misleading issuer is involved (list of {c.Registry.MisleadingIssuers.Count})");
            return;
        }
        if (WithinNotification(hit, c.RequiredLegislation) is { } l)
        {
            c.Pass(Id, $"{hit.Name} 被列为 PPE 误导性发证机构，但本证书属于其获授权的 {l}", $"{hit.Name} is listed for misleading PPE documents, but this certificate falls under {l}, for which it is notified");
            return;
        }
        c.Fail(Id, Severity.Critical, $"{hit.Name}：{hit.EvidenceZh}（来源：{hit.Source}）", $"{hit.Name}: {hit.EvidenceEn} (source: {hit.Source})");
    }

    private static string? WithinNotification(MisleadingIssuer m, string? legislation) =>
        legislation is null ? null : m.NotifiedFor.FirstOrDefault(n => Legislation.Same(n, legislation));
}
