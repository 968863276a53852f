namespace QualityWatch.Core.Certification.Verification;

/// <summary>The stable check ids; JSON consumers and tests key on them.</summary>
public static class CheckIds
{
    public const string Format = "format";
    public const string CheckDigit = "check-digit";
    public const string InRegistry = "in-registry";
    public const string IssuerExists = "issuer-exists";
    public const string IssuerScopeAtIssue = "issuer-scope-at-issue";
    public const string MarkedBodyScope = "marked-body-scope";
    public const string StatusOnDate = "status-on-date";
    public const string EuaInForce = "eua-in-force";
    public const string HolderMatches = "holder-matches";
    public const string ProductInScope = "product-in-scope";
    public const string SchemeFitsProduct = "scheme-fits-product";
    public const string NioshMarking = "niosh-marking";
    public const string DocumentTitle = "document-title";
    public const string MisleadingIssuer = "misleading-issuer";
    public const string HolderCreditList = "holder-credit-list";
}
