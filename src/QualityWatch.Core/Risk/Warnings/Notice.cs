using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;

namespace QualityWatch.Core.Risk.Warnings;

/// <summary>An in-app notice of an issued warning, addressed to a region's officers or to one enterprise.</summary>
public sealed class Notice : INotAudited
{
    public long Id { get; set; }
    public long WarningId { get; set; }
    public required string RegionCode { get; set; }
    public long? EnterpriseId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.ToTable("notices");
        builder.Property(n => n.RegionCode).HasMaxLength(6);
        builder.Property(n => n.Text).HasMaxLength(1024);
        builder.HasIndex(n => new { n.RegionCode, n.CreatedAt });
        builder.HasIndex(n => n.EnterpriseId);
    }
}
