using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Certification.Findings;

/// <summary>The enterprise that used a number, when the registry knows it reliably.</summary>
/// <param name="TraderOnly">Registered as distributor, retailer, online seller or importer but not as a producer: selling a product under its maker's certificate is normal then.</param>
public sealed record ClaimUser(long Id, string Name, string CreditCode, string RegionCode, bool TraderOnly);

/// <summary>
/// A certificate or registration number as used somewhere: quoted in a complaint, inspection, case or news item (the
/// risk module's identifier extraction), or carried by a product in the registry.
/// </summary>
/// <param name="Source">The record or product the number was seen in.</param>
/// <param name="UsedOn">The date the number was in use: the record's date, or for a product the production date of its latest batch (its registration date when it has none).</param>
/// <param name="SeenOn">The date the claim was first recorded; with <paramref name="UsedOn"/> it dates the finding.</param>
/// <param name="RegionCode">Where it was seen (the record's or the product's region).</param>
/// <param name="Category">Product category the record or product is about, when known.</param>
public sealed record CertificateClaim(
    RecordRef Source,
    string Number,
    CertificateScheme Scheme,
    DateOnly UsedOn,
    DateOnly SeenOn,
    string RegionCode,
    string? Category,
    string? Model,
    ClaimUser? User,
    VulnerableGroups Vulnerable)
{
    /// <summary>The record's source id or the product's brand and model: how notes name where the number was seen.</summary>
    public string? Label { get; init; }

    /// <summary>For a product: its batches (production date, batch reference), the evidence that it was still made under the number.</summary>
    public IReadOnlyList<(DateOnly Date, RecordRef Ref)> Uses { get; init; } = [];
}
