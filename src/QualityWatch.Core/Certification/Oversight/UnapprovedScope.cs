using QualityWatch.Core.Certification.Findings;
using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Oversight;

/// <summary>
/// Certificates a body issued while it was suspended or revoked, or for a scheme × product category (× EU legislation)
/// it was not approved or notified for on the issue date: unapproved certification activity (无资质认证). Bodies with no
/// recorded scopes are not judged (the register is incomplete, not the body), nor are NIOSH approval holders, which
/// are manufacturers.
/// </summary>
public static class UnapprovedScope
{
    public const double Strength = 80;
    public const int Severity = 3;

    public static List<Finding> Find(OversightData data)
    {
        var found = new List<Finding>();
        foreach (var c in data.Judged.OrderBy(c => c.Id))
        {
            if (data.Registry.BodyById(c.IssuerKey) is not { } body || body.Kind == BodyKind.NioshHolder)
                continue;
            var status = body.StatusOn(c.IssuedOn);
            string zh, en;
            if (status != BodyStatus.Approved)
            {
                var (sz, se) = status == BodyStatus.Suspended ? ("暂停", "suspended") : ("撤销", "revoked");
                zh = $"{body.NameZh} 在发证日 {c.IssuedOn:yyyy-MM-dd} 处于{sz}状态，仍颁发 {c.Number}（{c.HolderName}）";
                en = $"{body.NameEn} was {se} on {c.IssuedOn:yyyy-MM-dd} and still issued {c.Number} ({c.HolderName})";
            }
            else if (body.Scopes.Count > 0 && !body.Scopes.Any(s => Covers(s, c)))
            {
                var held = string.Join("、", body.Scopes.Where(s => s.ActiveOn(c.IssuedOn)).Select(Describe).Distinct().Take(8));
                var wanted = $"{c.Scheme.Token()}/{c.Category ?? "*"}";
                zh = $"{body.NameZh} 于 {c.IssuedOn:yyyy-MM-dd} 颁发 {c.Number}（{wanted}），不在其当日批准范围内（{(held.Length > 0 ? held : "无有效范围")}）";
                en = $"{body.NameEn} issued {c.Number} ({wanted}) on {c.IssuedOn:yyyy-MM-dd}, outside its approved scopes on that date ({(held.Length > 0 ? held : "none in force")})";
            }
            else
            {
                continue;
            }
            found.Add(data.BodyFinding(FindingRules.UnapprovedScope, c.IssuerKey, c.Category, c.IssuedOn, Strength, Severity, zh, en,
                [FindingSignals.CertificateRef(c.Id)]));
        }
        return found;
    }

    /// <summary>As the verifier's issuer-scope check: same scheme (any EU module for an EU scope), category and legislation when both are given, in force on the issue date.</summary>
    private static bool Covers(BodyScope s, CertificateFacts c) =>
        (s.Scheme == c.Scheme || (s.Scheme.IsEu() && c.Scheme.IsEu())) && s.ActiveOn(c.IssuedOn)
        && (s.ProductCategory is null || c.Category is null || s.ProductCategory == c.Category);

    private static string Describe(BodyScope s) =>
        s.Legislation ?? (s.ProductCategory is null ? s.Scheme.Token() : $"{s.Scheme.Token()}/{s.ProductCategory}");
}
