using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Credit.Restore;

/// <param name="Statement">The party's application (信用修复申请) as received.</param>
/// <param name="ReceivedOn">When it was received (default today).</param>
public sealed record RestorationRequestInput(string? Statement, DateOnly? ReceivedOn = null);

/// <summary>
/// 申请信用修复: recorded for a listing in force (列入中) once it has been listed long enough
/// (<see cref="DishonestyListing.RestorableFrom"/>). One application at a time awaits a decision.
/// </summary>
public sealed class RequestRestoration(QualityWatchDbContext db, RegistrySnapshot snapshot)
{
    public async Task<ListingOutcome> RequestAsync(long id, RestorationRequestInput input, CancellationToken ct)
    {
        if (await db.CreditListings.FirstOrDefaultAsync(l => l.Id == id, ct) is not { } listing)
            return ListingOutcome.Missing;
        if (listing.State != ListingState.Listed)
            return ListingOutcome.Refused("state", $"只有列入中的主体可以申请信用修复（当前：{ListingRules.StateZh(listing.State)}） (restoration can be requested only for a listing in force; it is {ListingRules.Api(listing.State)})");
        if (await RestorationState.PendingAsync(db, id, ct))
            return ListingOutcome.Refused("state", "已有待决定的信用修复申请 (a restoration request is already awaiting a decision)");
        if (string.IsNullOrWhiteSpace(input.Statement))
            return ListingOutcome.Invalid("statement", "请填写申请内容 (the application's statement is required)");
        if (input.Statement.Trim().Length > ListingRules.MaxTextLength)
            return ListingOutcome.Invalid("statement", $"超过 {ListingRules.MaxTextLength} 个字符 (longer than {ListingRules.MaxTextLength} characters)");
        var today = CreditCalendar.Today(db.Clock);
        var received = input.ReceivedOn ?? today;
        if (received > today)
            return ListingOutcome.Invalid("receivedOn", "收到日期晚于今天 (the date received is in the future)");
        if (listing.RestorableFrom is { } from && received < from)
            return ListingOutcome.Refused("restorableFrom", $"列入满规定期限后（{CreditCalendar.Format(from)} 起）方可申请信用修复 (restoration can be requested from {CreditCalendar.Format(from)})");

        var now = db.Clock.GetUtcNow();
        ListingHistory.Record(db, listing, ListingEventKinds.RestorationRequested, $"{CreditCalendar.Format(received)} 收到信用修复申请：{input.Statement.Trim()}", now);
        await db.SaveChangesAsync(ct);
        snapshot.Invalidate();
        return ListingOutcome.Done(listing);
    }
}

internal static class RestorationState
{
    /// <summary>The latest restoration event is a request: it awaits a decision.</summary>
    public static async Task<bool> PendingAsync(QualityWatchDbContext db, long listingId, CancellationToken ct) =>
        await db.CreditListingEvents.AsNoTracking()
            .Where(e => e.ListingId == listingId && (e.Kind == ListingEventKinds.RestorationRequested || e.Kind == ListingEventKinds.RestorationRefused || e.Kind == ListingEventKinds.Restored))
            .OrderByDescending(e => e.Id).Select(e => e.Kind).FirstOrDefaultAsync(ct) == ListingEventKinds.RestorationRequested;
}
