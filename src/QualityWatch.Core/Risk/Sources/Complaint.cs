using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityWatch.Core.Risk.Sources;

/// <summary>A 12315-style complaint or report.</summary>
public sealed class Complaint : SourceRecord
{
    /// <summary>热线, 网络, APP, 微信, 来信, 来访 …</summary>
    public string? Channel { get; set; }
    /// <summary>消费者, 企业, 医疗机构, 学校 …</summary>
    public string? ComplainantType { get; set; }
    public required string ProblemText { get; set; }
    public decimal? Amount { get; set; }
    public string? Status { get; set; }

    public override string AnalysedText => ProductText is null ? ProblemText : ProductText + "\n" + ProblemText;
}

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        SourceRecordConfiguration.ConfigureCommon(builder, "complaints");
        builder.Property(c => c.Channel).HasMaxLength(32);
        builder.Property(c => c.ComplainantType).HasMaxLength(32);
        builder.Property(c => c.ProblemText).HasMaxLength(4000);
        builder.Property(c => c.Status).HasMaxLength(32);
        builder.Property(c => c.Amount).HasPrecision(18, 2);
    }
}
