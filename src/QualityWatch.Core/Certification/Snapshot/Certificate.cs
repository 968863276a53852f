namespace QualityWatch.Core.Certification.Snapshot;

public enum LifecycleEventKind
{
    Issued,
    /// <summary>Scope, holder name or address changed; the status is unchanged.</summary>
    Changed,
    /// <summary>暂停: the certificate may not be used until resumed.</summary>
    Suspended,
    /// <summary>恢复.</summary>
    Resumed,
    /// <summary>注销: cancelled, usually at the holder's request or when the product is discontinued.</summary>
    Withdrawn,
    /// <summary>撤销: revoked as a sanction.</summary>
    Revoked,
    /// <summary>过期 recorded explicitly; the expiry date alone has the same effect.</summary>
    Expired,
}

public enum CertificateStatus
{
    NotYetIssued,
    Valid,
    Suspended,
    Withdrawn,
    Revoked,
    Expired,
}

public sealed record LifecycleEvent(DateOnly Date, LifecycleEventKind Kind, string? Note = null);

public sealed record SurveillanceAudit(DateOnly Date, bool Passed, string? Note = null);

/// <summary>
/// A certificate, registration, approval, listing or report, as a plain snapshot record: init-only properties so a
/// loader can map a database row (or a CSV line) into it with an object initialiser.
/// </summary>
public sealed record Certificate
{
    public required string Id { get; init; }
    public required CertificateScheme Scheme { get; init; }
    /// <summary>As printed; the registry indexes <see cref="Numbers.CertificateNumber.Key"/> of it.</summary>
    public required string Number { get; init; }
    /// <summary><see cref="CertificationBody.Id"/> of the issuer.</summary>
    public required string IssuerBodyId { get; init; }
    public required string HolderName { get; init; }
    public string? HolderCreditCode { get; init; }
    public string? Manufacturer { get; init; }
    public string? Factory { get; init; }
    /// <summary>Names the holder may also sell under (NIOSH private labels, OEM brands).</summary>
    public IReadOnlyList<string> PrivateLabels { get; init; } = [];
    /// <summary>Code from <see cref="Registry.Products.ProductCategories"/>; null when the product is outside the taxonomy.</summary>
    public string? ProductCategory { get; init; }
    public IReadOnlyList<string> Products { get; init; } = [];
    public IReadOnlyList<string> Models { get; init; } = [];
    public string? Standard { get; init; }
    /// <summary>EU: the legislation the certificate was issued under, e.g. "(EU) 2016/425".</summary>
    public string? Legislation { get; init; }
    /// <summary>EU: conformity-assessment module ("B", "C2", "D").</summary>
    public string? Module { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public DateOnly? ExpiresOn { get; init; }
    /// <summary>Lifecycle history in date order; the status on any date is derived from it.</summary>
    public IReadOnlyList<LifecycleEvent> Events { get; init; } = [];
    public IReadOnlyList<SurveillanceAudit> Audits { get; init; } = [];

    public CertificateStatus StatusOn(DateOnly date) => StatusOn(date, out _);

    /// <summary>The status on a date and the event that set it (null when the status follows from the dates alone).</summary>
    public CertificateStatus StatusOn(DateOnly date, out LifecycleEvent? cause)
    {
        cause = null;
        if (date < IssuedOn)
            return CertificateStatus.NotYetIssued;
        var status = CertificateStatus.Valid;
        foreach (var e in Events)
        {
            if (e.Date > date)
                break;
            var next = e.Kind switch
            {
                LifecycleEventKind.Issued or LifecycleEventKind.Resumed => CertificateStatus.Valid,
                LifecycleEventKind.Suspended => CertificateStatus.Suspended,
                LifecycleEventKind.Withdrawn => CertificateStatus.Withdrawn,
                LifecycleEventKind.Revoked => CertificateStatus.Revoked,
                LifecycleEventKind.Expired => CertificateStatus.Expired,
                _ => status,
            };
            // Withdrawal and revocation are final: a later "resumed" row is a data error, not a revival.
            if (status is CertificateStatus.Withdrawn or CertificateStatus.Revoked)
                continue;
            if (next != status || e.Kind == LifecycleEventKind.Issued)
                cause = e;
            status = next;
        }
        if (status == CertificateStatus.Valid && ExpiresOn is { } exp && date > exp)
            return CertificateStatus.Expired;
        return status;
    }
}
