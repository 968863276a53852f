using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;

namespace QualityWatch.Core.Risk.Outbox;

/// <summary>
/// A message written in the same transaction as the change that caused it and delivered afterwards, so
/// a warning is never issued without its webhook nor a webhook sent for a warning that rolled back.
/// </summary>
public sealed class OutboxMessage : INotAudited
{
    public long Id { get; set; }
    /// <summary>warning.issued, warning.closed …</summary>
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public required string Target { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    /// <summary>Set when the message gave up after the configured attempts.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Type).HasMaxLength(64);
        builder.Property(m => m.Target).HasMaxLength(1024);
        builder.Property(m => m.LastError).HasMaxLength(1024);
        builder.HasIndex(m => new { m.DeliveredAt, m.NextAttemptAt });
    }
}
