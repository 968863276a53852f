using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Credit.Expire;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Credit.Publish;

/// <summary>
/// 公示: makes a decided listing public. The publication date starts every period: the objection window (publication +
/// <see cref="CreditOptions.ObjectionDays"/>, inclusive), the listing period (+ <see cref="CreditOptions.ListingYears"/>,
/// exclusive end) and the earliest restoration date (+ <see cref="CreditOptions.RestorableAfterYears"/>). A back-dated
/// publication whose window has already passed goes straight on to 列入中 (or 期满).
/// </summary>
public sealed class PublishListing(QualityWatchDbContext db, RegistrySnapshot snapshot, IOptions<CreditOptions> options)
{
    public async Task<ListingOutcome> PublishAsync(long id, DateOnly? publishedOn, CancellationToken ct)
    {
        if (await db.CreditListings.FirstOrDefaultAsync(l => l.Id == id, ct) is not { } listing)
            return ListingOutcome.Missing;
        if (listing.State != ListingState.Decided)
            return ListingOutcome.Refused("state", $"只能公示“已决定未公示”的列入（当前：{ListingRules.StateZh(listing.State)}） (only a decided listing can be published; it is {ListingRules.Api(listing.State)})");
        var today = CreditCalendar.Today(db.Clock);
        var date = publishedOn ?? today;
        if (Check(listing.DecidedOn, date, today) is { } error)
            return ListingOutcome.Invalid("publishedOn", error);
        var now = db.Clock.GetUtcNow();
        Apply(db, listing, date, options.Value, now);
        ListingTimeline.Advance(db, listing, today, now);
        await db.SaveChangesAsync(ct);
        snapshot.Invalidate();
        return ListingOutcome.Done(listing);
    }

    /// <summary>Why <paramref name="date"/> cannot be the publication date, or null.</summary>
    internal static string? Check(DateOnly decidedOn, DateOnly date, DateOnly today)
    {
        if (date > today)
            return $"公示日期 {CreditCalendar.Format(date)} 晚于今天 (the publication date is in the future)";
        if (date < decidedOn)
            return $"公示日期早于列入日期 {CreditCalendar.Format(decidedOn)} (the publication date is before the decision date)";
        return null;
    }

    internal static void Apply(QualityWatchDbContext db, DishonestyListing listing, DateOnly date, CreditOptions o, DateTimeOffset now)
    {
        listing.State = ListingState.Published;
        listing.PublishedOn = date;
        listing.ObjectionUntil = date.AddDays(o.ObjectionDays);
        listing.ListedUntil = date.AddYears(o.ListingYears);
        listing.RestorableFrom = date.AddYears(o.RestorableAfterYears);
        ListingHistory.Record(db, listing, ListingEventKinds.Published,
            $"公示日期 {CreditCalendar.Format(date)}；异议期至 {CreditCalendar.Format(listing.ObjectionUntil.Value)}（含）；" +
            $"列入期至 {CreditCalendar.Format(listing.ListedUntil.Value)}（不含）；{CreditCalendar.Format(listing.RestorableFrom.Value)} 起可申请信用修复", now);
    }
}
