using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;

namespace QualityWatch.Core.Risk.Leads;

public enum LeadStatus
{
    New = 0,
    Confirmed = 1,
    Dismissed = 2,
}

/// <summary>
/// A producer named in complaints, cases or news that matches no registered enterprise: a possible
/// unlicensed producer (黑作坊). Mentions accumulate on one lead per normalised name and region.
/// </summary>
public sealed class ProducerLead : IAudited
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
    public required string RegionCode { get; set; }
    public int Mentions { get; set; }
    /// <summary>Distinct source types that named it (complaint, case, opinion, inspection).</summary>
    public List<string> Sources { get; set; } = [];
    /// <summary>Up to the latest 50 mentions as "type:id", the evidence an officer opens.</summary>
    public List<string> Records { get; set; } = [];
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public LeadStatus Status { get; set; }
    /// <summary>Who confirmed or dismissed the lead, when, and why: the officer's on-site finding.</summary>
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewNote { get; set; }
    /// <summary>The signal a confirmation raised, so the lead enters the warning workflow once.</summary>
    public long? SignalId { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditRegionCode => RegionCode;
}

internal sealed class ProducerLeadConfiguration : IEntityTypeConfiguration<ProducerLead>
{
    public void Configure(EntityTypeBuilder<ProducerLead> builder)
    {
        builder.ToTable("producer_leads");
        builder.Property(l => l.Name).HasMaxLength(256);
        builder.Property(l => l.NormalizedName).HasMaxLength(256);
        builder.Property(l => l.RegionCode).HasMaxLength(6);
        builder.Property(l => l.ReviewedBy).HasMaxLength(256);
        builder.Property(l => l.ReviewNote).HasMaxLength(4000);
        builder.HasIndex(l => new { l.NormalizedName, l.RegionCode }).IsUnique();
        builder.HasIndex(l => l.RegionCode);
    }
}
