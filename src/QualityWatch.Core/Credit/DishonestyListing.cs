using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Credit;

/// <summary>
/// Where a listing stands (SAMR Order No. 44): decided → published with an objection window → in force, and out
/// again by restoration (信用修复), by the end of the listing period, or by an upheld objection.
/// </summary>
public enum ListingState
{
    /// <summary>列入决定 made; not yet public.</summary>
    Decided = 0,
    /// <summary>公示: public, and the party may still object until <see cref="DishonestyListing.ObjectionUntil"/>.</summary>
    Published = 1,
    /// <summary>An objection was lodged and awaits a decision; the listing stays public meanwhile.</summary>
    Objected = 2,
    /// <summary>In force after the objection window closed or an objection was rejected.</summary>
    Listed = 3,
    /// <summary>Removed early after credit restoration (信用修复).</summary>
    Restored = 4,
    /// <summary>The listing period ended (移出).</summary>
    Expired = 5,
    /// <summary>Withdrawn because an objection was upheld or the decision was quashed (撤销列入).</summary>
    Withdrawn = 6,
}

/// <summary>
/// One listing of an entity on a credit list, by decision, with its whole history in <see cref="Events"/>. Joint
/// punishment reads <see cref="ToSnapshot"/> through the certification registry snapshot and the enterprise pages.
/// </summary>
public sealed class DishonestyListing : IAudited
{
    public long Id { get; set; }
    public CreditListKind Kind { get; set; }
    public required string CreditCode { get; set; }
    public required string EntityName { get; set; }
    /// <summary>The registered enterprise, when the credit code matches one.</summary>
    public long? EnterpriseId { get; set; }
    /// <summary>6-digit county of the entity; decides which officers see the listing before it is public.</summary>
    public required string RegionCode { get; set; }
    /// <summary>e.g. 产品质量, 认证认可, 医疗器械.</summary>
    public required string Category { get; set; }
    /// <summary>Articles the decision rests on (e.g. 《市场监督管理严重违法失信名单管理办法》第二条、第五条).</summary>
    public required string LegalBasis { get; set; }
    /// <summary>列入决定书 number; unique, and the idempotency key of imports.</summary>
    public required string DecisionNumber { get; set; }
    public DateOnly DecidedOn { get; set; }
    public required string Authority { get; set; }
    public string? Reason { get; set; }
    /// <summary>The enforcement case or penalty decision that triggered the listing.</summary>
    public string? CaseNumber { get; set; }
    public ListingState State { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public DateOnly? ObjectionUntil { get; set; }
    /// <summary>Scheduled end of the listing period.</summary>
    public DateOnly? ListedUntil { get; set; }
    /// <summary>Earliest date a restoration request may be granted.</summary>
    public DateOnly? RestorableFrom { get; set; }
    public DateOnly? RestoredOn { get; set; }
    /// <summary>The conditions met for restoration (penalty paid, corrected, commitment made …), as recorded by the officer.</summary>
    public string? RestorationNote { get; set; }
    /// <summary>Management measures applied while listed (重点监管, 限制评优, 限制认证申请 …).</summary>
    public List<string> Measures { get; set; } = [];
    public List<ListingEvent> Events { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditRegionCode => RegionCode;

    /// <summary>True when the listing is public: from publication until it leaves the list.</summary>
    public bool IsPublic => State is ListingState.Published or ListingState.Objected or ListingState.Listed;

    /// <summary>
    /// The period the verifier and joint punishment treat as listed. A decided but unpublished listing is not yet in
    /// force; a withdrawn one never was.
    /// </summary>
    public CreditListing? ToSnapshot() => State is ListingState.Decided or ListingState.Withdrawn
        ? null
        : new CreditListing(CreditCode, Kind, PublishedOn ?? DecidedOn, ListedUntil, RestoredOn, Authority, Reason);
}

/// <summary>One dated step of a listing's history: decided, published, objected, objection rejected/upheld, restored, expired.</summary>
public sealed class ListingEvent : IAudited
{
    public long Id { get; set; }
    public long ListingId { get; set; }
    public DishonestyListing? Listing { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public required string Actor { get; set; }
    public string? Note { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    // Added to a tracked listing, so the navigation is there: the listing's regional officers read the step in the audit log.
    string? IAudited.AuditRegionCode => Listing?.RegionCode;
}

internal sealed class DishonestyListingConfiguration : IEntityTypeConfiguration<DishonestyListing>
{
    public void Configure(EntityTypeBuilder<DishonestyListing> builder)
    {
        builder.ToTable("credit_listings");
        builder.Property(l => l.CreditCode).HasMaxLength(18);
        builder.Property(l => l.EntityName).HasMaxLength(256);
        builder.Property(l => l.RegionCode).HasMaxLength(6);
        builder.Property(l => l.Category).HasMaxLength(64);
        builder.Property(l => l.LegalBasis).HasMaxLength(1000);
        builder.Property(l => l.DecisionNumber).HasMaxLength(64);
        builder.Property(l => l.Authority).HasMaxLength(256);
        builder.Property(l => l.Reason).HasMaxLength(4000);
        builder.Property(l => l.CaseNumber).HasMaxLength(64);
        builder.Property(l => l.RestorationNote).HasMaxLength(4000);
        builder.HasIndex(l => l.DecisionNumber).IsUnique();
        builder.HasIndex(l => l.CreditCode);
        builder.HasIndex(l => l.RegionCode);
        builder.HasIndex(l => new { l.State, l.ObjectionUntil });
        builder.HasMany(l => l.Events).WithOne(e => e.Listing).HasForeignKey(e => e.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ListingEventConfiguration : IEntityTypeConfiguration<ListingEvent>
{
    public void Configure(EntityTypeBuilder<ListingEvent> builder)
    {
        builder.ToTable("credit_listing_events");
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.Note).HasMaxLength(4000);
        builder.HasIndex(e => new { e.ListingId, e.At });
    }
}
