namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>The issuer was approved or notified, for this scheme, product and legislation, on the issue date (the query date when no certificate was found).</summary>
internal sealed class IssuerScopeCheck : IVerificationCheck
{
    public string Id => CheckIds.IssuerScopeAtIssue;

    public void Run(VerificationContext c)
    {
        if (c.Issuer is not { } body || c.Scheme is not { } scheme)
            return;
        var (zh, en) = c.Certificate is null ? ("查询日", "query date") : ("发证日", "issue date");
        BodyScopeEvaluation.Evaluate(c, Id, body, scheme, c.ScopeDate, zh, en);
    }
}

/// <summary>
/// The number printed next to CE belongs to the body running the production module (C2/D), which may differ from the
/// type-examination issuer (§6.1, Art. 17); it must be notified for the legislation too.
/// </summary>
internal sealed class MarkedBodyScopeCheck : IVerificationCheck
{
    public string Id => CheckIds.MarkedBodyScope;

    public void Run(VerificationContext c)
    {
        if (c.MarkedBodyNumber is not { } marked || c.IssuerSource == "marked")
            return;
        if (c.MarkedBody is not { } body)
        {
            c.Fail(Id, Severity.Warning, $"CE 标志旁的公告机构编号 {marked.Normalised} 不在登记库中", $"the notified-body number {marked.Normalised} next to CE is not in the registry");
            return;
        }
        if (body.Id == c.Issuer?.Id)
            return;
        BodyScopeEvaluation.Evaluate(c, Id, body, CertificateScheme.EuProductionQuality, c.AsOf, "查询日", "query date");
    }
}
