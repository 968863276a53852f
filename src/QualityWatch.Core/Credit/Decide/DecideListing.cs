using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Credit.Decide;

/// <summary>
/// 列入决定: records a listing decision, not yet public. The entity is identified by its credit code and linked to the
/// registered enterprise with that code; its region (which decides which officers see the unpublished decision) comes
/// from the enterprise, else from the code's division digits. The caller must cover that region.
/// </summary>
public sealed class DecideListing(QualityWatchDbContext db, RegistrySnapshot snapshot, IOptions<CreditOptions> options)
{
    public async Task<ListingOutcome> DecideAsync(DecisionInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var decision = DecisionFields.Validate(input, CreditCalendar.Today(db.Clock), options.Value.EffectiveMeasures, errors);
        if (decision is null)
            return ListingOutcome.Invalid(errors);
        if (await NumberTakenAsync(decision.DecisionNumber, ct))
            return Duplicate(decision.DecisionNumber);
        var link = (await EntityLinks.FindAsync(db, [decision.CreditCode], ct)).GetValueOrDefault(decision.CreditCode);
        var region = link?.RegionCode ?? DecisionFields.RegionFromCreditCode(decision.CreditCode);
        if (!db.Scope.Covers(region))
            return ListingOutcome.Invalid("creditCode", $"该主体所在地区（{region}）不在您的管辖范围内 (the entity's region {region} is outside yours)");
        var name = decision.EntityName ?? link?.Name;
        if (name is null)
            return ListingOutcome.Invalid("entityName", "未登记的主体须填写名称 (required: no registered enterprise has this credit code)");

        var now = db.Clock.GetUtcNow();
        var listing = Create(decision, name, link?.Id, region, now);
        ListingHistory.Record(db, listing, ListingEventKinds.Decided, Summary(decision), now);
        db.CreditListings.Add(listing);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two officers entered the same decision at once: the unique index kept one.
            db.ChangeTracker.Clear();
            if (await NumberTakenAsync(decision.DecisionNumber, CancellationToken.None))
                return Duplicate(decision.DecisionNumber);
            throw;
        }
        snapshot.Invalidate();
        return ListingOutcome.Done(listing);
    }

    // Unfiltered: a decision recorded in another region still exists.
    private Task<bool> NumberTakenAsync(string number, CancellationToken ct) =>
        db.CreditListings.IgnoreQueryFilters().AnyAsync(l => l.DecisionNumber == number, ct);

    private static ListingOutcome Duplicate(string number) =>
        ListingOutcome.Refused("decisionNumber", $"列入决定书文号 {number} 已登记 (this decision number is already recorded)");

    internal static DishonestyListing Create(ValidDecision d, string name, long? enterpriseId, string region, DateTimeOffset now) => new()
    {
        Kind = CreditListKind.SeriousDishonesty,
        CreditCode = d.CreditCode,
        EntityName = name,
        EnterpriseId = enterpriseId,
        RegionCode = region,
        Category = d.Category,
        LegalBasis = d.LegalBasis,
        DecisionNumber = d.DecisionNumber,
        DecidedOn = d.DecidedOn,
        Authority = d.Authority,
        Reason = d.Reason,
        CaseNumber = d.CaseNumber,
        Measures = d.Measures,
        State = ListingState.Decided,
        CreatedAt = now,
        UpdatedAt = now,
    };

    internal static string Summary(ValidDecision d) =>
        $"{d.Authority} {d.DecisionNumber}，列入日期 {CreditCalendar.Format(d.DecidedOn)}，类别：{d.Category}";
}
