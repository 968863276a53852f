namespace QualityWatch.Core.Certification.Verification;

/// <summary>What an officer has in hand: a number (or pasted text) and what the seller claims about it.</summary>
public sealed record VerificationRequest
{
    /// <summary>The certificate number as written; when null, <see cref="FreeText"/> is searched for one.</summary>
    public string? Number { get; init; }
    /// <summary>Pasted text (a label, a certificate's first page, a customs declaration): scanned for numbers and claims.</summary>
    public string? FreeText { get; init; }
    public CertificateScheme? ClaimedScheme { get; init; }
    /// <summary>A product-category code (MASK-SURG) or free text (儿童口罩, KN95, FFP2 respirator).</summary>
    public string? ClaimedProduct { get; init; }
    public string? Model { get; init; }
    public string? ClaimedHolderName { get; init; }
    public string? ClaimedHolderCreditCode { get; init; }
    /// <summary>Issuer name or number as claimed (CQC, CNCA-R-2002-001, 1282, ECM).</summary>
    public string? ClaimedIssuer { get; init; }
    /// <summary>Text printed on the product or its packaging, for marking rules (NIOSH, CE).</summary>
    public string? Markings { get; init; }
}
