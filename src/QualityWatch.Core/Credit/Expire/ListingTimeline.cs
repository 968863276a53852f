using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Credit.Expire;

/// <summary>
/// The transitions that happen by the calendar alone: the objection window closes without objection (公示中 → 列入中) and
/// the listing period ends (列入中 → 期满移出). A listing with an objection awaiting a decision waits for that decision.
/// </summary>
public static class ListingTimeline
{
    /// <summary>Applies the transitions due on <paramref name="today"/>; returns how many it applied (0, 1 or 2).</summary>
    public static int Advance(QualityWatchDbContext db, DishonestyListing l, DateOnly today, DateTimeOffset now)
    {
        var steps = 0;
        if (l.State == ListingState.Published && l.ObjectionUntil is { } until && until < today)
        {
            l.State = ListingState.Listed;
            ListingHistory.Record(db, l, ListingEventKinds.WindowClosed, $"异议期已于 {CreditCalendar.Format(until)} 届满，未提出异议 (objection window closed)", now);
            steps++;
        }
        if (l.State == ListingState.Listed && l.ListedUntil is { } end && end <= today)
        {
            l.State = ListingState.Expired;
            ListingHistory.Record(db, l, ListingEventKinds.Expired, $"列入期于 {CreditCalendar.Format(end)} 届满，移出名单 (listing period ended)", now);
            steps++;
        }
        return steps;
    }
}
