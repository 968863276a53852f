using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Credit.Check;

/// <summary>A listing in force on the date asked about.</summary>
public sealed record ActiveListing(
    long Id, string EntityName, string DecisionNumber, string Authority, string Category, string? Reason, ListingState State,
    DateOnly ListedOn, DateOnly? ListedUntil, IReadOnlyList<string> Measures);

/// <summary>
/// The answer a certification body or an officer gets before accepting an application: listed or not on
/// <see cref="AsOf"/>, the listings in force, and the union of their management measures (what to apply).
/// </summary>
public sealed record CreditCheckResult(string CreditCode, DateOnly AsOf, bool Listed, IReadOnlyList<ActiveListing> Listings, IReadOnlyList<string> Measures);

/// <summary>
/// Joint punishment (联合惩戒) as a question: "is this entity on the serious-dishonesty list on this date?". It applies the
/// same period rule as the verifier's holder-credit-list check (<see cref="DishonestyListing.ToSnapshot"/>: from
/// publication until the period ends or credit is restored; never while only decided, never when withdrawn), so an
/// application check and a certificate verdict cannot disagree. Published listings are public, so the answer does not
/// depend on the caller's region. The sampling planner is meant to read <see cref="ListedCodesAsync"/> for its weights.
/// </summary>
public sealed class CreditCheck(QualityWatchDbContext db)
{
    public async Task<CreditCheckResult> CheckAsync(string creditCode, DateOnly? asOf, CancellationToken ct)
    {
        var code = CreditCode.Normalise(creditCode);
        var date = asOf ?? CreditCalendar.Today(db.Clock);
        var listings = await InForceAsync([code], date, ct);
        var mine = listings.GetValueOrDefault(code) ?? [];
        return new CreditCheckResult(code, date, mine.Count > 0, mine,
            [.. mine.SelectMany(l => l.Measures).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>For many entities at once (the sampling planner, batch checks): the credit codes listed on <paramref name="asOf"/>.</summary>
    public async Task<IReadOnlySet<string>> ListedCodesAsync(IEnumerable<string> creditCodes, DateOnly asOf, CancellationToken ct)
    {
        var codes = creditCodes.Select(CreditCode.Normalise).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(500))
            result.UnionWith((await InForceAsync(chunk, asOf, ct)).Keys);
        return result;
    }

    private async Task<Dictionary<string, List<ActiveListing>>> InForceAsync(IReadOnlyCollection<string> codes, DateOnly asOf, CancellationToken ct)
    {
        var list = codes.ToList();
        var rows = await db.CreditListings.IgnoreQueryFilters().AsNoTracking()
            .Where(l => list.Contains(l.CreditCode) && l.State != ListingState.Decided && l.State != ListingState.Withdrawn)
            .ToListAsync(ct);
        return rows
            .Where(l => l.ToSnapshot() is { } s && s.Kind == Certification.Snapshot.CreditListKind.SeriousDishonesty && s.ActiveOn(asOf))
            .OrderByDescending(l => l.PublishedOn)
            .GroupBy(l => l.CreditCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(l => new ActiveListing(l.Id, l.EntityName, l.DecisionNumber, l.Authority, l.Category, l.Reason, l.State,
                l.ToSnapshot()!.ListedOn, l.ListedUntil, l.Measures)).ToList(), StringComparer.Ordinal);
    }
}
