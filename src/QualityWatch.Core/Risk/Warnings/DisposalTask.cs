using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;

namespace QualityWatch.Core.Risk.Warnings;

public enum DisposalKind
{
    TargetedSampling = 0,
    Inspection = 1,
    Enforcement = 2,
    RecallRequest = 3,
    Other = 4,
}

public enum DisposalStatus
{
    Open = 0,
    InProgress = 1,
    Done = 2,
    Cancelled = 3,
}

/// <summary>处置: one action ordered on a warning, owned by a region and an assignee, with a due date.</summary>
public sealed class DisposalTask : IAudited
{
    public long Id { get; set; }
    public long WarningId { get; set; }
    public RiskWarning? Warning { get; set; }
    public DisposalKind Kind { get; set; }
    public required string Title { get; set; }
    /// <summary>The region that must act; may be below the warning's region.</summary>
    public required string RegionCode { get; set; }
    public string? Assignee { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DisposalStatus Status { get; set; }
    public string? Result { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditRegionCode => RegionCode;
}

internal sealed class DisposalTaskConfiguration : IEntityTypeConfiguration<DisposalTask>
{
    public void Configure(EntityTypeBuilder<DisposalTask> builder)
    {
        builder.ToTable("disposal_tasks");
        builder.Property(t => t.Title).HasMaxLength(256);
        builder.Property(t => t.RegionCode).HasMaxLength(6);
        builder.Property(t => t.Assignee).HasMaxLength(256);
        builder.Property(t => t.Result).HasMaxLength(4000);
        builder.HasIndex(t => new { t.Status, t.DueAt });
        builder.HasIndex(t => t.RegionCode);
        builder.HasOne(t => t.Warning).WithMany().HasForeignKey(t => t.WarningId).OnDelete(DeleteBehavior.Restrict);
    }
}
