using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Store;

/// <summary>
/// A certification body, notified body, approval holder or authority as stored. Bodies are public national
/// records (CNCA and NANDO publish them), so no region filter applies; the API still requires staff.
/// </summary>
public sealed class BodyRecord : IAudited
{
    public long Id { get; set; }
    /// <summary>The snapshot id certificates refer to ("cnca:CNCA-R-2002-001", "nb:1282"); seed bodies use the same keys.</summary>
    public required string Key { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public BodyKind Kind { get; set; }
    public string? Number { get; set; }
    public string? Country { get; set; }
    public List<string> Aliases { get; set; } = [];
    public string? Source { get; set; }
    public List<BodyScopeRecord> Scopes { get; set; } = [];
    public List<BodyStatusRecord> Statuses { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    string IAudited.AuditId => Key;
    string? IAudited.AuditRegionCode => null;

    public CertificationBody ToSnapshot() => new()
    {
        Id = Key,
        NameZh = NameZh,
        NameEn = NameEn,
        Kind = Kind,
        Number = Number,
        Country = Country,
        Aliases = Aliases,
        Source = Source,
        StatusHistory = [.. Statuses.OrderBy(s => s.From ?? DateOnly.MinValue).ThenBy(s => s.Id).Select(s => new BodyStatusChange(s.From, s.Status, s.Note))],
        Scopes = [.. Scopes.Select(s => new BodyScope(s.Scheme, s.ProductCategory, s.Legislation, s.From, s.Until))],
    };
}

/// <summary>One approved or notified scope of a body, between two dates.</summary>
public sealed class BodyScopeRecord
{
    public long Id { get; set; }
    public long BodyId { get; set; }
    public CertificateScheme Scheme { get; set; }
    public string? ProductCategory { get; set; }
    public string? Legislation { get; set; }
    public DateOnly? From { get; set; }
    /// <summary>Exclusive end; null = open.</summary>
    public DateOnly? Until { get; set; }
}

/// <summary>A status change of a body (approved, suspended, revoked) from a date on.</summary>
public sealed class BodyStatusRecord
{
    public long Id { get; set; }
    public long BodyId { get; set; }
    public DateOnly? From { get; set; }
    public BodyStatus Status { get; set; }
    public string? Note { get; set; }
}

internal sealed class BodyRecordConfiguration : IEntityTypeConfiguration<BodyRecord>
{
    public void Configure(EntityTypeBuilder<BodyRecord> builder)
    {
        builder.ToTable("certification_bodies");
        builder.Property(b => b.Key).HasMaxLength(64);
        builder.Property(b => b.NameZh).HasMaxLength(256);
        builder.Property(b => b.NameEn).HasMaxLength(256);
        builder.Property(b => b.Number).HasMaxLength(32);
        builder.Property(b => b.Country).HasMaxLength(2);
        builder.Property(b => b.Source).HasMaxLength(512);
        builder.HasIndex(b => b.Key).IsUnique();
        builder.HasIndex(b => b.Number);
        builder.HasMany(b => b.Scopes).WithOne().HasForeignKey(s => s.BodyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(b => b.Statuses).WithOne().HasForeignKey(s => s.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BodyScopeRecordConfiguration : IEntityTypeConfiguration<BodyScopeRecord>
{
    public void Configure(EntityTypeBuilder<BodyScopeRecord> builder)
    {
        builder.ToTable("certification_body_scopes");
        builder.Property(s => s.ProductCategory).HasMaxLength(16);
        builder.Property(s => s.Legislation).HasMaxLength(32);
    }
}

internal sealed class BodyStatusRecordConfiguration : IEntityTypeConfiguration<BodyStatusRecord>
{
    public void Configure(EntityTypeBuilder<BodyStatusRecord> builder)
    {
        builder.ToTable("certification_body_statuses");
        builder.Property(s => s.Note).HasMaxLength(512);
    }
}
