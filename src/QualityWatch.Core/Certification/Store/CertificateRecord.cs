using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Store;

/// <summary>
/// A certificate, registration, approval, listing or report as stored, with its lifecycle history. The verifier
/// never reads this table per request: <see cref="RegistrySnapshot"/> turns it into an in-memory
/// <see cref="CertificateRegistry"/>.
/// </summary>
public sealed class CertificateRecord : IAudited
{
    public long Id { get; set; }
    public CertificateScheme Scheme { get; set; }
    /// <summary>As printed on the certificate.</summary>
    public required string Number { get; set; }
    /// <summary><see cref="Numbers.CertificateNumber.Key"/> of the number: what lookups and uniqueness use.</summary>
    public required string NumberKey { get; set; }
    /// <summary><see cref="BodyRecord.Key"/> of the issuer; may name a seed body that has no row.</summary>
    public required string IssuerKey { get; set; }
    public required string HolderName { get; set; }
    public string? HolderCreditCode { get; set; }
    /// <summary>The registered enterprise the holder was linked to, when it is one.</summary>
    public long? HolderEnterpriseId { get; set; }
    /// <summary>6-digit county of the holder (from the linked enterprise or the credit code); null for foreign holders, which only national staff see.</summary>
    public string? RegionCode { get; set; }
    public string? Manufacturer { get; set; }
    public string? Factory { get; set; }
    public List<string> PrivateLabels { get; set; } = [];
    public string? ProductCategory { get; set; }
    public List<string> Products { get; set; } = [];
    public List<string> Models { get; set; } = [];
    public string? Standard { get; set; }
    public string? Legislation { get; set; }
    public string? Module { get; set; }
    /// <summary>Application date, where the body reports it: implausibly short application-to-issue times are a finding.</summary>
    public DateOnly? AppliedOn { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    /// <summary>Certification fee in CNY, where recorded.</summary>
    public decimal? Fee { get; set; }
    /// <summary>Status from the lifecycle events alone (kept for filtering); expiry is applied on read.</summary>
    public CertificateStatus Status { get; set; }
    /// <summary>Hash of the imported fields: a re-import of the same row changes nothing.</summary>
    public string ContentHash { get; set; } = "";
    public List<CertificateEventRecord> Events { get; set; } = [];
    public List<SurveillanceAuditRecord> Audits { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditRegionCode => RegionCode;

    public Certificate ToSnapshot() => new()
    {
        Id = Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Scheme = Scheme,
        Number = Number,
        IssuerBodyId = IssuerKey,
        HolderName = HolderName,
        HolderCreditCode = HolderCreditCode,
        Manufacturer = Manufacturer,
        Factory = Factory,
        PrivateLabels = PrivateLabels,
        ProductCategory = ProductCategory,
        Products = Products,
        Models = Models,
        Standard = Standard,
        Legislation = Legislation,
        Module = Module,
        IssuedOn = IssuedOn,
        ExpiresOn = ExpiresOn,
        Events = [.. Events.OrderBy(e => e.Date).ThenBy(e => e.Id).Select(e => new LifecycleEvent(e.Date, e.Kind, e.Note))],
        Audits = [.. Audits.OrderBy(a => a.Date).Select(a => new SurveillanceAudit(a.Date, a.Passed, a.Note))],
    };
}

/// <summary>
/// One lifecycle event (issued, changed, suspended, resumed, withdrawn, revoked, expired): the certification-activity trail.
/// Audited under its own id with the certificate's region, so the holder's regional officers read it in the audit log.
/// </summary>
public sealed class CertificateEventRecord : IAudited
{
    public long Id { get; set; }
    public long CertificateId { get; set; }
    public CertificateRecord? Certificate { get; set; }
    public DateOnly Date { get; set; }
    public LifecycleEventKind Kind { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    // Every writer adds events to a tracked certificate, so the navigation is fixed up by the time the audit is written.
    string? IAudited.AuditRegionCode => Certificate?.RegionCode;
}

/// <summary>A surveillance audit (监督审核) of the certified production; audited like <see cref="CertificateEventRecord"/>.</summary>
public sealed class SurveillanceAuditRecord : IAudited
{
    public long Id { get; set; }
    public long CertificateId { get; set; }
    public CertificateRecord? Certificate { get; set; }
    public DateOnly Date { get; set; }
    public bool Passed { get; set; }
    public string? Note { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditRegionCode => Certificate?.RegionCode;
}

internal sealed class CertificateRecordConfiguration : IEntityTypeConfiguration<CertificateRecord>
{
    public void Configure(EntityTypeBuilder<CertificateRecord> builder)
    {
        builder.ToTable("certificates");
        builder.Property(c => c.Number).HasMaxLength(64);
        builder.Property(c => c.NumberKey).HasMaxLength(64);
        builder.Property(c => c.IssuerKey).HasMaxLength(64);
        builder.Property(c => c.HolderName).HasMaxLength(256);
        builder.Property(c => c.HolderCreditCode).HasMaxLength(18);
        builder.Property(c => c.RegionCode).HasMaxLength(6);
        builder.Property(c => c.Manufacturer).HasMaxLength(256);
        builder.Property(c => c.Factory).HasMaxLength(256);
        builder.Property(c => c.ProductCategory).HasMaxLength(16);
        builder.Property(c => c.Standard).HasMaxLength(128);
        builder.Property(c => c.Legislation).HasMaxLength(32);
        builder.Property(c => c.Module).HasMaxLength(8);
        builder.Property(c => c.Fee).HasPrecision(18, 2);
        builder.Property(c => c.ContentHash).HasMaxLength(64);
        // EU bodies number their own certificates, so the same number from two bodies is two certificates.
        builder.HasIndex(c => new { c.Scheme, c.NumberKey, c.IssuerKey }).IsUnique();
        builder.HasIndex(c => c.NumberKey);
        builder.HasIndex(c => c.HolderCreditCode);
        builder.HasIndex(c => c.IssuerKey);
        builder.HasIndex(c => c.RegionCode);
        builder.HasMany(c => c.Events).WithOne(e => e.Certificate).HasForeignKey(e => e.CertificateId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Audits).WithOne(a => a.Certificate).HasForeignKey(a => a.CertificateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CertificateEventRecordConfiguration : IEntityTypeConfiguration<CertificateEventRecord>
{
    public void Configure(EntityTypeBuilder<CertificateEventRecord> builder)
    {
        builder.ToTable("certificate_events");
        builder.Property(e => e.Note).HasMaxLength(512);
        builder.HasIndex(e => new { e.CertificateId, e.Date, e.Kind }).IsUnique();
        builder.HasIndex(e => new { e.Kind, e.Date });
    }
}

internal sealed class SurveillanceAuditRecordConfiguration : IEntityTypeConfiguration<SurveillanceAuditRecord>
{
    public void Configure(EntityTypeBuilder<SurveillanceAuditRecord> builder)
    {
        builder.ToTable("certificate_audits");
        builder.Property(a => a.Note).HasMaxLength(512);
        builder.HasIndex(a => new { a.CertificateId, a.Date }).IsUnique();
    }
}
