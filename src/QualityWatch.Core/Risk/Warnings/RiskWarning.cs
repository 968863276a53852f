using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;

namespace QualityWatch.Core.Risk.Warnings;

/// <summary>红/橙/黄/蓝 = Ⅰ/Ⅱ/Ⅲ/Ⅳ; the numeric value is the Roman level.</summary>
public enum WarningLevel
{
    Red = 1,
    Orange = 2,
    Yellow = 3,
    Blue = 4,
}

/// <summary>发现 → 研判 → 预警 → 处置 → 办结, plus dismissal at assessment.</summary>
public enum WarningState
{
    Detected = 0,
    Assessing = 1,
    Warned = 2,
    Disposing = 3,
    Closed = 4,
    Dismissed = 5,
}

/// <summary>A candidate or issued warning grouping the signals about one risk, and its workflow.</summary>
public sealed class RiskWarning : IAudited
{
    public long Id { get; set; }
    /// <summary>YJ-yyyy-nnnnn, readable on paper and the phone.</summary>
    public required string Number { get; set; }
    public required string Title { get; set; }
    /// <summary>What new signals are grouped by while the warning is open: enterprise, or category × problem × province.</summary>
    public required string GroupKey { get; set; }
    public WarningLevel Level { get; set; }
    public WarningState State { get; set; }
    /// <summary>The region the risk lies in; officers above it see it.</summary>
    public required string RegionCode { get; set; }
    public string? ProductCategory { get; set; }
    public string? Problem { get; set; }
    public long? EnterpriseId { get; set; }
    public double Score { get; set; }
    public int Severity { get; set; }
    /// <summary>JSON list of the score's contributions, so the level can be explained.</summary>
    public string ScoreBreakdown { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the current stage must be finished; from the level's deadlines.</summary>
    public DateTimeOffset? DueAt { get; set; }
    public string? Judgement { get; set; }
    /// <summary>Optional risk assessment attached at 研判 (e.g. a RAG severity × probability summary).</summary>
    public string? RiskAssessment { get; set; }
    public string? AssessedBy { get; set; }
    public DateTimeOffset? AssessedAt { get; set; }
    public DateTimeOffset? IssuedAt { get; set; }
    /// <summary>Region codes and enterprise ids the warning was issued to.</summary>
    public List<string> IssuedTo { get; set; } = [];
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditRegionCode => RegionCode;
}

internal sealed class RiskWarningConfiguration : IEntityTypeConfiguration<RiskWarning>
{
    public void Configure(EntityTypeBuilder<RiskWarning> builder)
    {
        builder.ToTable("risk_warnings");
        builder.Property(w => w.Number).HasMaxLength(24);
        builder.Property(w => w.Title).HasMaxLength(256);
        builder.Property(w => w.RegionCode).HasMaxLength(6);
        builder.Property(w => w.ProductCategory).HasMaxLength(16);
        builder.Property(w => w.Problem).HasMaxLength(24);
        builder.Property(w => w.Judgement).HasMaxLength(4000);
        builder.Property(w => w.RiskAssessment).HasMaxLength(4000);
        builder.Property(w => w.AssessedBy).HasMaxLength(256);
        builder.Property(w => w.Outcome).HasMaxLength(4000);
        builder.Property(w => w.GroupKey).HasMaxLength(128);
        builder.HasIndex(w => w.Number).IsUnique();
        builder.HasIndex(w => w.GroupKey);
        builder.HasIndex(w => new { w.State, w.DueAt });
        builder.HasIndex(w => w.RegionCode);
        builder.HasIndex(w => w.EnterpriseId);
    }
}
