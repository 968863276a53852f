using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Credit.Object;

/// <param name="Statement">What the party says is wrong with the listing, as received.</param>
/// <param name="ReceivedOn">When the objection was received (default today); it must fall inside the window.</param>
public sealed record ObjectionInput(string? Statement, DateOnly? ReceivedOn = null);

/// <summary>
/// 提出异议: the party objects while the listing is published and the window (publication + objection days, inclusive) is
/// open. The listing stays public while the objection is decided.
/// </summary>
public sealed class LodgeObjection(QualityWatchDbContext db, RegistrySnapshot snapshot)
{
    public async Task<ListingOutcome> LodgeAsync(long id, ObjectionInput input, CancellationToken ct)
    {
        if (await db.CreditListings.FirstOrDefaultAsync(l => l.Id == id, ct) is not { } listing)
            return ListingOutcome.Missing;
        if (listing.State == ListingState.Objected)
            return ListingOutcome.Refused("state", "已有异议待决定 (an objection is already awaiting a decision)");
        if (listing.State != ListingState.Published)
            return ListingOutcome.Refused("state", $"只能在公示期内对已公示的列入提出异议（当前：{ListingRules.StateZh(listing.State)}） (objections are possible only while the listing is published; it is {ListingRules.Api(listing.State)})");
        if (string.IsNullOrWhiteSpace(input.Statement))
            return ListingOutcome.Invalid("statement", "请填写异议内容 (the objection's statement is required)");
        if (input.Statement.Trim().Length > ListingRules.MaxTextLength)
            return ListingOutcome.Invalid("statement", $"超过 {ListingRules.MaxTextLength} 个字符 (longer than {ListingRules.MaxTextLength} characters)");
        var today = CreditCalendar.Today(db.Clock);
        var received = input.ReceivedOn ?? today;
        if (received > today)
            return ListingOutcome.Invalid("receivedOn", "收到日期晚于今天 (the date received is in the future)");
        if (received < listing.PublishedOn)
            return ListingOutcome.Invalid("receivedOn", $"收到日期早于公示日期 {CreditCalendar.Format(listing.PublishedOn!.Value)} (received before publication)");
        if (received > listing.ObjectionUntil)
            return ListingOutcome.Refused("state", $"异议期已于 {CreditCalendar.Format(listing.ObjectionUntil!.Value)} 届满 (the objection window closed on {CreditCalendar.Format(listing.ObjectionUntil!.Value)})");

        var now = db.Clock.GetUtcNow();
        listing.State = ListingState.Objected;
        ListingHistory.Record(db, listing, ListingEventKinds.Objected, $"{CreditCalendar.Format(received)} 收到异议：{input.Statement.Trim()}", now);
        await db.SaveChangesAsync(ct);
        snapshot.Invalidate();
        return ListingOutcome.Done(listing);
    }
}
