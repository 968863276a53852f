using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityWatch.Core.Risk.Sources;

/// <summary>A news or social-media item; the source id is its URL.</summary>
public sealed class OpinionItem : SourceRecord
{
    public string? SourceSite { get; set; }
    public required string Title { get; set; }
    public string? Text { get; set; }
    /// <summary>The configured feed it came from, or null when imported or posted.</summary>
    public string? Feed { get; set; }

    public override string AnalysedText => Text is null ? Title : Title + "\n" + Text;
}

internal sealed class OpinionItemConfiguration : IEntityTypeConfiguration<OpinionItem>
{
    public void Configure(EntityTypeBuilder<OpinionItem> builder)
    {
        SourceRecordConfiguration.ConfigureCommon(builder, "opinion_items");
        builder.Property(o => o.SourceId).HasMaxLength(1024);
        builder.Property(o => o.SourceSite).HasMaxLength(128);
        builder.Property(o => o.Title).HasMaxLength(512);
        builder.Property(o => o.Text).HasMaxLength(8000);
        builder.Property(o => o.Feed).HasMaxLength(64);
    }
}
