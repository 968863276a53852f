using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Query;
using QualityWatch.Core.Paging;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Credit;

/// <summary>The listings of the caller's region (decided ones included), newest first, with filters and htmx paging.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(ListingQuery query) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>A state, or "active" for the listings in force.</summary>
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<ListingDto> Results { get; private set; } = new([], null);
    public bool RegionInvalid { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_ListingRows", this);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var filter = new ListingFilter(Text: string.IsNullOrWhiteSpace(Q) ? null : Q);
        if (string.Equals(State, "active", StringComparison.OrdinalIgnoreCase))
            filter = filter with { InForceOnly = true };
        else if (ListingRules.TryParseState(State, out var s))
            filter = filter with { State = s };
        RegionInvalid = !ListingQuery.TryRegionPrefix(Region, out var prefix);
        if (RegionInvalid || !Core.Paging.Cursor.TryDecode(Cursor, out var before))
            return;
        Results = await query.ListAsync(filter with { RegionPrefix = prefix }, PageSize, before, ct);
    }

    public string NextQuery(string cursor, bool rowsOnly)
    {
        var qs = new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["state"] = State,
            ["region"] = Region,
            ["cursor"] = cursor,
            ["handler"] = rowsOnly ? "Rows" : null,
        };
        return QueryHelpers.AddQueryString("/credit/listings", qs.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
