using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>Was a body approved (or notified) for this scheme, product and legislation on a date? Shared by the issuer and CE-marked-body checks.</summary>
internal static class BodyScopeEvaluation
{
    public static void Evaluate(VerificationContext c, string id, CertificationBody body, CertificateScheme scheme, DateOnly date, string dateZh, string dateEn)
    {
        var who = (IssuerExistsCheck.Describe(body, zh: true), IssuerExistsCheck.Describe(body, zh: false));
        var status = body.StatusOn(date);
        if (status != BodyStatus.Approved)
        {
            var (zh, en) = status == BodyStatus.Suspended ? ("被暂停", "suspended") : ("被撤销或撤回授权", "revoked or withdrawn");
            c.Fail(id, Severity.Critical, $"{who.Item1} 在{dateZh}（{date:yyyy-MM-dd}）处于{zh}状态", $"{who.Item2} was {en} on the {dateEn} ({date:yyyy-MM-dd})");
            return;
        }
        if (body.Scopes.Count == 0)
        {
            c.Fail(id, Severity.Warning, $"登记库未记载 {who.Item1} 的批准范围，无法核对其是否可颁发{scheme.Zh()}",
                $"the registry holds no approved scopes for {who.Item2}, so whether it may issue: {scheme.En()} cannot be checked");
            return;
        }
        var legislation = c.RequiredLegislation;
        var category = c.Product?.CategoryCode;
        foreach (var s in body.Scopes)
        {
            if (SchemeMatches(s.Scheme, scheme) && s.ActiveOn(date)
                && (s.ProductCategory is null || category is null || s.ProductCategory == category)
                && (s.Legislation is null || legislation is null || Legislation.Same(s.Legislation, legislation)))
            {
                var what = string.Join(" / ", new[] { s.Legislation, s.ProductCategory }.OfType<string>());
                c.Pass(id, $"{who.Item1} 在{dateZh}（{date:yyyy-MM-dd}）获准颁发{scheme.Zh()}{(what.Length > 0 ? "（" + what + "）" : "")}",
                    $"{who.Item2} was approved for {scheme.En()}{(what.Length > 0 ? " (" + what + ")" : "")} on the {dateEn} ({date:yyyy-MM-dd})");
                return;
            }
        }
        var heldList = body.Scopes.Take(8).Select(s => s.Legislation ?? (s.ProductCategory is null ? s.Scheme.Token() : $"{s.Scheme.Token()}/{s.ProductCategory}")).Distinct().ToList();
        var wantedZh = $"{scheme.Zh()}{(legislation is null ? "" : "，" + legislation)}{(category is null ? "" : "，" + category)}";
        var wantedEn = $"{scheme.En()}{(legislation is null ? "" : ", " + legislation)}{(category is null ? "" : ", " + category)}";
        c.Fail(id, Severity.Critical, $"{who.Item1} 在{dateZh}（{date:yyyy-MM-dd}）未获准颁发：{wantedZh}；其授权范围为：{string.Join("、", heldList)}",
            $"{who.Item2} was not approved for {wantedEn} on the {dateEn} ({date:yyyy-MM-dd}); it is approved for: {string.Join(", ", heldList)}");
    }

    private static bool SchemeMatches(CertificateScheme approved, CertificateScheme claimed) =>
        approved == claimed || (approved.IsEu() && claimed.IsEu());
}
