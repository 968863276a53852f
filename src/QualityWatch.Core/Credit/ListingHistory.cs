using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Credit;

/// <summary>
/// Every step appends one event and touches the listing, so SaveChanges audits both: the event is the business history
/// shown on the timeline, the audit entry the tamper-proof record of who changed which field.
/// </summary>
internal static class ListingHistory
{
    public static ListingEvent Record(QualityWatchDbContext db, DishonestyListing listing, string kind, string? note, DateTimeOffset now)
    {
        var e = new ListingEvent { At = now, Kind = kind, Actor = db.Scope.Actor, Note = note };
        listing.UpdatedAt = now;
        listing.Events.Add(e);
        return e;
    }
}
