using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Credit.Expire;

public sealed record ExpiryResult(DateOnly AsOf, int WindowsClosed, int Expired);

/// <summary>
/// The daily run (Quartz job and `qw credit expire`, one handler): closes objection windows that have passed and ends
/// listing periods that have run out, with an event each. Idempotent: a second run on the same day finds nothing due.
/// </summary>
public sealed class ExpireListings(QualityWatchDbContext db, RegistrySnapshot snapshot)
{
    private const int Batch = 500;

    public async Task<ExpiryResult> RunAsync(CancellationToken ct)
    {
        var today = CreditCalendar.Today(db.Clock);
        int closed = 0, expired = 0;
        while (true)
        {
            var due = await db.CreditListings
                .Where(l => (l.State == ListingState.Published && l.ObjectionUntil < today) || (l.State == ListingState.Listed && l.ListedUntil <= today))
                .OrderBy(l => l.Id).Take(Batch).ToListAsync(ct);
            if (due.Count == 0)
                break;
            var now = db.Clock.GetUtcNow();
            foreach (var l in due)
            {
                var wasPublished = l.State == ListingState.Published;
                ListingTimeline.Advance(db, l, today, now);
                if (wasPublished)
                    closed++;
                if (l.State == ListingState.Expired)
                    expired++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        if (closed + expired > 0)
            snapshot.Invalidate();
        return new ExpiryResult(today, closed, expired);
    }
}
