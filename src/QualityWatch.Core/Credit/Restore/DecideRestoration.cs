using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Credit.Restore;

public enum RestorationVerdict
{
    /// <summary>准予信用修复: the listing is removed early (已信用修复移出).</summary>
    Grant = 0,
    /// <summary>不予修复: the listing stays in force; the party may apply again.</summary>
    Refuse = 1,
}

/// <param name="ConditionsMet">Codes of <see cref="RestorationConditions.All"/> the officer confirmed; a grant needs every one.</param>
/// <param name="Note">What the officer checked (evidence, documents), or why restoration is refused.</param>
/// <param name="DecidedOn">Date of the decision, which is the restoration date on a grant (default today).</param>
public sealed record RestorationDecisionInput(RestorationVerdict? Verdict, IReadOnlyList<string>? ConditionsMet, string? Note, DateOnly? DecidedOn = null);

/// <summary>
/// 信用修复决定 on a pending application. A grant is possible only from <see cref="DishonestyListing.RestorableFrom"/> and only
/// with every condition confirmed; it sets the restoration date and note, which end joint punishment from that date on.
/// </summary>
public sealed class DecideRestoration(QualityWatchDbContext db, RegistrySnapshot snapshot)
{
    public async Task<ListingOutcome> DecideAsync(long id, RestorationDecisionInput input, CancellationToken ct)
    {
        if (await db.CreditListings.FirstOrDefaultAsync(l => l.Id == id, ct) is not { } listing)
            return ListingOutcome.Missing;
        if (listing.State != ListingState.Listed || !await RestorationState.PendingAsync(db, id, ct))
            return ListingOutcome.Refused("state", $"没有待决定的信用修复申请（当前：{ListingRules.StateZh(listing.State)}） (there is no restoration request to decide)");
        var errors = new Dictionary<string, string[]>();
        if (input.Verdict is null)
            errors["verdict"] = ["请选择准予或不予修复 (verdict must be grant or refuse)"];
        if (string.IsNullOrWhiteSpace(input.Note))
            errors["note"] = ["请填写核查情况或不予修复的理由 (a note is required)"];
        else if (input.Note.Trim().Length > ListingRules.MaxTextLength - 400)
            errors["note"] = [$"超过 {ListingRules.MaxTextLength - 400} 个字符 (longer than {ListingRules.MaxTextLength - 400} characters)"];
        var today = CreditCalendar.Today(db.Clock);
        var date = input.DecidedOn ?? today;
        if (date > today)
            errors["decidedOn"] = ["决定日期晚于今天 (the decision date is in the future)"];
        var met = new List<RestorationCondition>();
        foreach (var code in input.ConditionsMet ?? [])
        {
            if (RestorationConditions.Find(code) is { } c)
                met.Add(c);
            else
                errors["conditionsMet"] = [$"未知的条件“{code}”，可选：{string.Join("、", RestorationConditions.All.Select(x => x.Code))} (unknown condition)"];
        }
        if (input.Verdict == RestorationVerdict.Grant && !errors.ContainsKey("conditionsMet"))
        {
            var missing = RestorationConditions.All.Where(c => !met.Contains(c)).ToList();
            if (missing.Count > 0)
                errors["conditionsMet"] = [$"尚未确认的修复条件：{string.Join("；", missing.Select(c => c.NameZh))} (conditions not confirmed: {string.Join("; ", missing.Select(c => c.NameEn))})"];
        }
        if (errors.Count > 0)
            return ListingOutcome.Invalid(errors);

        var now = db.Clock.GetUtcNow();
        var note = input.Note!.Trim();
        if (input.Verdict == RestorationVerdict.Refuse)
        {
            ListingHistory.Record(db, listing, ListingEventKinds.RestorationRefused, note, now);
        }
        else
        {
            if (listing.RestorableFrom is { } from && date < from)
                return ListingOutcome.Refused("restorableFrom", $"{CreditCalendar.Format(from)} 前不能准予信用修复 (restoration cannot be granted before {CreditCalendar.Format(from)})");
            listing.State = ListingState.Restored;
            listing.RestoredOn = date;
            listing.RestorationNote = $"已满足条件：{string.Join("；", met.Distinct().Select(c => c.NameZh))}。核查情况：{note}";
            ListingHistory.Record(db, listing, ListingEventKinds.Restored, $"{CreditCalendar.Format(date)} 准予信用修复，提前移出。{listing.RestorationNote}", now);
        }
        await db.SaveChangesAsync(ct);
        snapshot.Invalidate();
        return ListingOutcome.Done(listing);
    }
}
