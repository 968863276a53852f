namespace QualityWatch.Core.Certification.Snapshot;

public enum BodyKind
{
    /// <summary>Certification body approved by CNCA (CNCA-R / CNCA-RF number).</summary>
    CnApproved,
    /// <summary>EU notified body (4-digit NANDO number).</summary>
    EuNotified,
    /// <summary>NIOSH approval holder (a manufacturer, not a certifier, but the party named on the approval).</summary>
    NioshHolder,
    /// <summary>Anything else that issues documents: NMPA and provincial MPAs, FDA, test laboratories.</summary>
    Other,
}

public enum BodyStatus
{
    /// <summary>Approved by CNCA, or notified in NANDO.</summary>
    Approved,
    Suspended,
    /// <summary>Approval revoked (撤销) or notification withdrawn.</summary>
    Revoked,
}

/// <param name="From">First day of this status; null when only the status, not its date, is known (seed data).</param>
public sealed record BodyStatusChange(DateOnly? From, BodyStatus Status, string? Note = null);

/// <summary>
/// One approved scope: a scheme, optionally limited to a product category (codes of
/// <see cref="Registry.Products.ProductCategories"/>) and, for EU bodies, to a legislation, between two dates.
/// </summary>
/// <param name="ProductCategory">Null = every category.</param>
/// <param name="Legislation">e.g. "(EU) 2016/425"; null = not tied to a legislation (Chinese schemes).</param>
/// <param name="From">Null when the start date is unknown.</param>
/// <param name="Until">Exclusive end; null = open.</param>
public sealed record BodyScope(CertificateScheme Scheme, string? ProductCategory, string? Legislation, DateOnly? From, DateOnly? Until)
{
    public bool ActiveOn(DateOnly date) => (From is null || From <= date) && (Until is null || date < Until);
}

/// <summary>A certification body, notified body, approval holder or authority, as a plain snapshot record.</summary>
public sealed record CertificationBody
{
    /// <summary>Stable id used by certificates (e.g. "cnca:CNCA-R-2002-001", "nb:1282").</summary>
    public required string Id { get; init; }
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public required BodyKind Kind { get; init; }
    /// <summary>CNCA approval number or 4-digit notified-body number; null for other kinds.</summary>
    public string? Number { get; init; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; init; }
    /// <summary>Short names and former names printed on documents (e.g. "CQC", "ECM").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Status changes in date order; empty = approved for as long as the record exists.</summary>
    public IReadOnlyList<BodyStatusChange> StatusHistory { get; init; } = [];
    public IReadOnlyList<BodyScope> Scopes { get; init; } = [];
    /// <summary>Where the facts come from (seed data cites identifiers.md).</summary>
    public string? Source { get; init; }

    public BodyStatus StatusOn(DateOnly date)
    {
        var status = BodyStatus.Approved;
        foreach (var change in StatusHistory)
        {
            if (change.From is null || change.From <= date)
                status = change.Status;
        }
        return status;
    }
}
