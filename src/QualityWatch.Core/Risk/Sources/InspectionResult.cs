using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityWatch.Core.Risk.Sources;

public enum InspectionVerdict
{
    Pass = 0,
    Fail = 1,
}

/// <summary>A supervisory sampling-inspection result; the source id is the sample number.</summary>
public sealed class InspectionResult : SourceRecord
{
    public string? Plan { get; set; }
    public string? BatchNumber { get; set; }
    public string? Standard { get; set; }
    public InspectionVerdict Verdict { get; set; }
    /// <summary>One entry per failed item as "项目: 实测值 (要求)", kept as written by the laboratory.</summary>
    public List<string> FailedItems { get; set; } = [];

    public override string AnalysedText => string.Join('\n', new[] { ProductText ?? "" }.Concat(FailedItems));
}

internal sealed class InspectionResultConfiguration : IEntityTypeConfiguration<InspectionResult>
{
    public void Configure(EntityTypeBuilder<InspectionResult> builder)
    {
        SourceRecordConfiguration.ConfigureCommon(builder, "inspection_results");
        builder.Property(i => i.Plan).HasMaxLength(128);
        builder.Property(i => i.BatchNumber).HasMaxLength(64);
        builder.Property(i => i.Standard).HasMaxLength(64);
    }
}
