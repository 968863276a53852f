namespace QualityWatch.Core.Credit.Query;

/// <summary>A listing as staff see it: every field, plus whether it is in force today.</summary>
public sealed record ListingDto(
    long Id, string Kind, string CreditCode, string EntityName, long? EnterpriseId, string RegionCode,
    string Category, string LegalBasis, string DecisionNumber, DateOnly DecidedOn, string Authority, string? Reason, string? CaseNumber,
    ListingState State, string StateZh, bool IsPublic, bool InForce,
    DateOnly? PublishedOn, DateOnly? ObjectionUntil, DateOnly? ListedUntil, DateOnly? RestorableFrom, DateOnly? RestoredOn, string? RestorationNote,
    IReadOnlyList<string> Measures, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ListingDto From(DishonestyListing l, DateOnly today) => new(
        l.Id, l.Kind == Certification.Snapshot.CreditListKind.SeriousDishonesty ? "seriousDishonesty" : "abnormalOperations",
        l.CreditCode, l.EntityName, l.EnterpriseId, l.RegionCode,
        l.Category, l.LegalBasis, l.DecisionNumber, l.DecidedOn, l.Authority, l.Reason, l.CaseNumber,
        l.State, ListingRules.StateZh(l.State), l.IsPublic, l.ToSnapshot()?.ActiveOn(today) == true,
        l.PublishedOn, l.ObjectionUntil, l.ListedUntil, l.RestorableFrom, l.RestoredOn, l.RestorationNote,
        l.Measures, l.CreatedAt, l.UpdatedAt);
}

public sealed record ListingEventDto(long Id, DateTimeOffset At, string Kind, string KindZh, string Actor, string? Note)
{
    public static ListingEventDto From(ListingEvent e) => new(e.Id, e.At, e.Kind, ListingEventKinds.NameZh(e.Kind), e.Actor, e.Note);
}

/// <summary>A listing with its whole history, oldest step first, and whether a restoration request awaits a decision.</summary>
public sealed record ListingDetail(ListingDto Listing, IReadOnlyList<ListingEventDto> Events, bool RestorationPending);

/// <summary>
/// What the public sees. A listing in force shows the decision (number, date, authority, category, basis, reason, measures)
/// and its dates. A listing that has left the list (restored or expired) shows only who, which decision, that it was
/// removed (已移出) and when, because publication of the details stops at removal. Internal fields (case number, region,
/// linked enterprise, objection and restoration statements, officers) are never public.
/// </summary>
public sealed record PublicListing(
    string EntityName, string CreditCode, string DecisionNumber, string Authority, DateOnly DecidedOn, DateOnly? PublishedOn,
    string Status, string StatusZh,
    string? Category, string? LegalBasis, string? Reason, DateOnly? ObjectionUntil, DateOnly? ListedUntil, IReadOnlyList<string>? Measures,
    DateOnly? RemovedOn)
{
    public const string InForce = "listed";
    public const string RemovedStatus = "removed";

    public static PublicListing From(DishonestyListing l)
    {
        if (ListingRules.Removed.Contains(l.State))
        {
            var removed = l.State == ListingState.Restored ? l.RestoredOn : l.ListedUntil;
            return new(l.EntityName, l.CreditCode, l.DecisionNumber, l.Authority, l.DecidedOn, l.PublishedOn, RemovedStatus,
                l.State == ListingState.Restored ? "已移出（信用修复）" : "已移出（期满）", null, null, null, null, null, null, removed);
        }
        return new(l.EntityName, l.CreditCode, l.DecisionNumber, l.Authority, l.DecidedOn, l.PublishedOn, InForce,
            l.State switch { ListingState.Published => "公示中", ListingState.Objected => "公示中（异议处理中）", _ => "列入中" },
            l.Category, l.LegalBasis, l.Reason, l.State == ListingState.Listed ? null : l.ObjectionUntil, l.ListedUntil, l.Measures, null);
    }
}
