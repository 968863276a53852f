using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Verification;

/// <summary>Everything the checks share for one request: the parse, the resolved certificate and issuer, and the results so far.</summary>
public sealed class VerificationContext
{
    private readonly List<CheckResult> _results = new(16);

    internal VerificationContext(VerificationRequest request, CertificateRegistry registry, DateOnly asOf)
    {
        Request = request;
        Registry = registry;
        AsOf = asOf;
    }

    public VerificationRequest Request { get; }
    public CertificateRegistry Registry { get; }
    public DateOnly AsOf { get; }
    public required NumberParse Parse { get; init; }
    /// <summary>The certificate number to check (not a body number), if any was recognised.</summary>
    public ParsedNumber? Number { get; init; }
    /// <summary>The claimed scheme, else the detected one (a bare CE number means an EU certificate).</summary>
    public CertificateScheme? Scheme { get; init; }
    public Certificate? Certificate { get; init; }
    /// <summary>Registry certificates with the same number that were not chosen (renewals, other holders).</summary>
    public IReadOnlyList<Certificate> OtherCandidates { get; init; } = [];
    public CertificationBody? Issuer { get; init; }
    /// <summary>Where <see cref="Issuer"/> came from: "certificate", "claimed" or "marked".</summary>
    public string? IssuerSource { get; init; }
    /// <summary>The notified-body number printed next to CE (or a CNCA number in the text), when there is one.</summary>
    public ParsedNumber? MarkedBodyNumber { get; init; }
    public CertificationBody? MarkedBody { get; init; }
    /// <summary>The claim about the product, or else the certificate's own category.</summary>
    public ClaimedProduct? Product { get; init; }
    /// <summary>True when <see cref="Product"/> comes from the claim rather than from the certificate.</summary>
    public bool ProductClaimed { get; init; }
    /// <summary>All the claim's text, folded, for marking and title rules.</summary>
    public required string ClaimText { get; init; }

    public IReadOnlyList<CheckResult> Results => _results;

    /// <summary>The date the issuer's approval must have covered: the issue date when known, else the query date.</summary>
    public DateOnly ScopeDate => Certificate?.IssuedOn ?? AsOf;

    /// <summary>The EU legislation the claim falls under, from the certificate or else from the product and date.</summary>
    public string? RequiredLegislation
    {
        get
        {
            if (Certificate?.Legislation is { } l)
                return l;
            if (Scheme is not { } s || !s.IsEu() || Product is null)
                return null;
            if (Product.Category is { MedicalDevice: true })
                return ScopeDate >= new DateOnly(2021, 5, 26) ? PpeFacts.MedicalDeviceRegulation : PpeFacts.MedicalDeviceDirective;
            if (Product.Family == ProductFamily.Mask || Product.CategoryCode == "GOGGLES")
                return ScopeDate >= PpeFacts.PpeRegulationAppliesFrom ? PpeFacts.PpeRegulation : PpeFacts.PpeDirective;
            return null;
        }
    }

    public void Pass(string id, string zh, string en) => _results.Add(new CheckResult(id, true, Severity.Info, zh, en));

    public void Fail(string id, Severity severity, string zh, string en) => _results.Add(new CheckResult(id, false, severity, zh, en));
}
