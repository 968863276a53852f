using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Credit.Object;

public enum ObjectionVerdict
{
    /// <summary>异议不成立: the listing stands and is in force (列入中).</summary>
    Rejected = 0,
    /// <summary>异议成立: the listing is withdrawn (撤销列入) and counts as never having been in force.</summary>
    Upheld = 1,
}

public sealed record ObjectionDecisionInput(ObjectionVerdict? Verdict, string? Reason);

/// <summary>异议处理: decides a lodged objection. Rejected → 列入中; upheld → 撤销列入 (joint punishment lifts at once).</summary>
public sealed class DecideObjection(QualityWatchDbContext db, RegistrySnapshot snapshot)
{
    public async Task<ListingOutcome> DecideAsync(long id, ObjectionDecisionInput input, CancellationToken ct)
    {
        if (await db.CreditListings.FirstOrDefaultAsync(l => l.Id == id, ct) is not { } listing)
            return ListingOutcome.Missing;
        if (listing.State != ListingState.Objected)
            return ListingOutcome.Refused("state", $"没有待决定的异议（当前：{ListingRules.StateZh(listing.State)}） (there is no objection to decide; the listing is {ListingRules.Api(listing.State)})");
        var errors = new Dictionary<string, string[]>();
        if (input.Verdict is null)
            errors["verdict"] = ["请选择异议成立或不成立 (verdict must be upheld or rejected)"];
        if (string.IsNullOrWhiteSpace(input.Reason))
            errors["reason"] = ["请填写处理理由 (a reason is required)"];
        else if (input.Reason.Trim().Length > ListingRules.MaxTextLength)
            errors["reason"] = [$"超过 {ListingRules.MaxTextLength} 个字符 (longer than {ListingRules.MaxTextLength} characters)"];
        if (errors.Count > 0)
            return ListingOutcome.Invalid(errors);

        var now = db.Clock.GetUtcNow();
        var upheld = input.Verdict == ObjectionVerdict.Upheld;
        listing.State = upheld ? ListingState.Withdrawn : ListingState.Listed;
        ListingHistory.Record(db, listing, upheld ? ListingEventKinds.ObjectionUpheld : ListingEventKinds.ObjectionRejected, input.Reason!.Trim(), now);
        await db.SaveChangesAsync(ct);
        snapshot.Invalidate();
        return ListingOutcome.Done(listing);
    }
}
