using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityWatch.Core.Risk.Sources;

/// <summary>An enforcement or anti-counterfeiting case; the source id is the case number.</summary>
public sealed class EnforcementCase : SourceRecord
{
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>As recorded: 无证生产, 假冒, 伪造证书, 虚假宣传, 哄抬价格 …; the classified problem is in <see cref="SourceRecord.Problem"/>.</summary>
    public string? ViolationType { get; set; }
    public string? GoodsSeized { get; set; }
    public decimal? Penalty { get; set; }
    public string? Summary { get; set; }

    public override string AnalysedText => string.Join('\n', ViolationType, ProductText, GoodsSeized, Summary);
}

internal sealed class EnforcementCaseConfiguration : IEntityTypeConfiguration<EnforcementCase>
{
    public void Configure(EntityTypeBuilder<EnforcementCase> builder)
    {
        SourceRecordConfiguration.ConfigureCommon(builder, "enforcement_cases");
        builder.Property(c => c.ViolationType).HasMaxLength(64);
        builder.Property(c => c.GoodsSeized).HasMaxLength(512);
        builder.Property(c => c.Summary).HasMaxLength(4000);
        builder.Property(c => c.Penalty).HasPrecision(18, 2);
    }
}
