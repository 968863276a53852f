using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Credit.Query;

/// <param name="State">One state, or null for all.</param>
/// <param name="InForceOnly">Only listings in force (公示中, 异议处理中, 列入中).</param>
/// <param name="Text">A credit code (exact) or a fragment of the entity's name or decision number.</param>
/// <param name="RegionPrefix">A 2, 4 or 6 digit GB/T 2260 prefix inside the caller's own region.</param>
public sealed record ListingFilter(ListingState? State = null, bool InForceOnly = false, string? Text = null, string? RegionPrefix = null,
    string? Category = null, long? EnterpriseId = null);

/// <summary>
/// The staff side: lists and details through the region filters, so an officer sees the listings of their region only
/// (decided ones included); a listing outside it does not exist for them.
/// </summary>
public sealed class ListingQuery(QualityWatchDbContext db)
{
    public async Task<Page<ListingDto>> ListAsync(ListingFilter f, int take, long after, CancellationToken ct)
    {
        var q = db.CreditListings.AsNoTracking();
        if (f.State is { } state)
            q = q.Where(l => l.State == state);
        if (f.InForceOnly)
            q = q.Where(l => l.State == ListingState.Published || l.State == ListingState.Objected || l.State == ListingState.Listed);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var text = f.Text.Trim();
            var code = CreditCode.Normalise(text);
            q = q.Where(l => l.CreditCode == code || l.EntityName.Contains(text) || l.DecisionNumber.Contains(text));
        }
        if (f.RegionPrefix is { } prefix)
            q = q.Where(l => l.RegionCode.StartsWith(prefix));
        if (!string.IsNullOrWhiteSpace(f.Category))
            q = q.Where(l => l.Category == f.Category);
        if (f.EnterpriseId is { } e)
            q = q.Where(l => l.EnterpriseId == e);
        if (after > 0)
            q = q.Where(l => l.Id < after);
        var rows = await q.OrderByDescending(l => l.Id).Take(take + 1).ToListAsync(ct);
        var today = CreditCalendar.Today(db.Clock);
        var page = Cursor.ToPage(rows, take, l => l.Id);
        return new Page<ListingDto>([.. page.Items.Select(l => ListingDto.From(l, today))], page.NextCursor);
    }

    public async Task<ListingDetail?> FindAsync(long id, CancellationToken ct)
    {
        var l = await db.CreditListings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (l is null)
            return null;
        var events = await db.CreditListingEvents.AsNoTracking().Where(e => e.ListingId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var lastRestoration = events.LastOrDefault(e => e.Kind is ListingEventKinds.RestorationRequested or ListingEventKinds.RestorationRefused or ListingEventKinds.Restored);
        return new ListingDetail(ListingDto.From(l, CreditCalendar.Today(db.Clock)), [.. events.Select(ListingEventDto.From)],
            l.State == ListingState.Listed && lastRestoration?.Kind == ListingEventKinds.RestorationRequested);
    }

    /// <summary>The listings of one enterprise that are in force today (the enterprise page's joint-punishment flag).</summary>
    public async Task<List<ListingDto>> InForceForEnterpriseAsync(long enterpriseId, string creditCode, CancellationToken ct)
    {
        var today = CreditCalendar.Today(db.Clock);
        // Published listings are public, so the flag does not depend on the viewer's region.
        var rows = await db.CreditListings.IgnoreQueryFilters().AsNoTracking()
            .Where(l => (l.EnterpriseId == enterpriseId || l.CreditCode == creditCode) &&
                (l.State == ListingState.Published || l.State == ListingState.Objected || l.State == ListingState.Listed))
            .OrderByDescending(l => l.Id).ToListAsync(ct);
        return [.. rows.Where(l => l.ToSnapshot()?.ActiveOn(today) == true).Select(l => ListingDto.From(l, today))];
    }

    /// <summary>Parses the API's region filter against GB/T 2260 code shapes.</summary>
    public static bool TryRegionPrefix(string? regionCode, out string? prefix)
    {
        prefix = null;
        if (string.IsNullOrWhiteSpace(regionCode))
            return true;
        if (!RegionCodes.IsWellFormed(regionCode.Trim()))
            return false;
        prefix = RegionCodes.ToPrefix(regionCode);
        return true;
    }
}
