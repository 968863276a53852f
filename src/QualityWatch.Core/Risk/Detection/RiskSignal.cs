using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;

namespace QualityWatch.Core.Risk.Detection;

/// <summary>What kind of evidence raised a signal.</summary>
public enum SignalKind
{
    /// <summary>A count series (category × region × source × problem) rose beyond its history.</summary>
    Count = 0,
    /// <summary>The share of failed samples rose beyond its history.</summary>
    FailureRate = 1,
    /// <summary>Several independent sources named one enterprise within a window.</summary>
    Convergence = 2,
    /// <summary>Raised by another module (certification, recalls) through the same workflow.</summary>
    External = 3,
}

/// <summary>
/// 发现: one alarm with the numbers that caused it, so an officer can see why it fired without re-running
/// the method. A scan that finds the same alarm again updates it rather than adding a second row.
/// </summary>
public sealed class RiskSignal : IAudited
{
    public long Id { get; set; }
    /// <summary>Stable identity of the series, e.g. "complaint|MASK-CHILD|440300|substandard|weekly".</summary>
    public required string SeriesKey { get; set; }
    public SignalKind Kind { get; set; }
    /// <summary>complaint, inspection, case, opinion, or the module that raised an external signal.</summary>
    public required string Source { get; set; }
    public string? ProductCategory { get; set; }
    public string? Problem { get; set; }
    /// <summary>Province or city code the series covers, or the enterprise's county for convergence.</summary>
    public required string RegionCode { get; set; }
    public long? EnterpriseId { get; set; }
    /// <summary>weekly or daily.</summary>
    public required string Frequency { get; set; }
    /// <summary>First day of the evaluated week or the evaluated day.</summary>
    public DateOnly PeriodStart { get; set; }
    public double Observed { get; set; }
    public double? Expected { get; set; }
    public double? Threshold { get; set; }
    /// <summary>noufaily, ears-c2 …, with its parameters, as run.</summary>
    public required string Method { get; set; }
    /// <summary>How far above the threshold, on a 0–100 scale used by the risk score.</summary>
    public double Strength { get; set; }
    /// <summary>Severity 1 (low) to 4 (serious) from the problem types behind the signal.</summary>
    public int Severity { get; set; }
    public Sources.VulnerableGroups Vulnerable { get; set; }
    /// <summary>JSON list of {type, id} of the records counted in the alarming period.</summary>
    public string Evidence { get; set; } = "[]";
    public string? Note { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public long? WarningId { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditRegionCode => RegionCode;
}

internal sealed class RiskSignalConfiguration : IEntityTypeConfiguration<RiskSignal>
{
    public void Configure(EntityTypeBuilder<RiskSignal> builder)
    {
        builder.ToTable("risk_signals");
        builder.Property(s => s.SeriesKey).HasMaxLength(128);
        builder.Property(s => s.Source).HasMaxLength(24);
        builder.Property(s => s.ProductCategory).HasMaxLength(16);
        builder.Property(s => s.Problem).HasMaxLength(24);
        builder.Property(s => s.RegionCode).HasMaxLength(6);
        builder.Property(s => s.Frequency).HasMaxLength(8);
        builder.Property(s => s.Method).HasMaxLength(64);
        builder.Property(s => s.Note).HasMaxLength(512);
        builder.HasIndex(s => new { s.SeriesKey, s.PeriodStart }).IsUnique();
        builder.HasIndex(s => s.DetectedAt);
        builder.HasIndex(s => s.RegionCode);
        builder.HasIndex(s => s.EnterpriseId);
        builder.HasIndex(s => s.WarningId);
    }
}
