using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityWatch.Core.Audit;

/// <summary>One append-only record of a change. Never updated or deleted (enforced in code and by database triggers).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Action { get; set; }
    /// <summary>JSON object: field → {"before": …, "after": …}.</summary>
    public required string Changes { get; set; }
    /// <summary>Region of the changed record, when it has one, so regional officers can read their own trail.</summary>
    public string? RegionCode { get; set; }
    public string? RequestId { get; set; }
    public string? ClientAddress { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.EntityType).HasMaxLength(64);
        builder.Property(e => e.EntityId).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(16);
        builder.Property(e => e.RegionCode).HasMaxLength(6);
        builder.Property(e => e.RequestId).HasMaxLength(128);
        builder.Property(e => e.ClientAddress).HasMaxLength(64);
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => e.RegionCode);
    }
}
