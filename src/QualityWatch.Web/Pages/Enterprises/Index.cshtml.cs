using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityWatch.Core.Access;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Enterprises.Search;

namespace QualityWatch.Web.Pages.Enterprises;

/// <summary>Search by name, credit code and region, filter by type; keyset pages appended by htmx.</summary>
public sealed class IndexModel(EnterpriseQuery query) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<EnterpriseSummary> Results { get; private set; } = new([], null);
    public int Total { get; private set; }
    public bool RegionInvalid { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Total = RegionInvalid ? 0 : await query.CountAsync(Filter(), ct);
    }

    /// <summary>The next page's rows only, for htmx.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_Rows", this);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        RegionInvalid = !string.IsNullOrWhiteSpace(Region) && !RegionCodes.IsWellFormed(Region.Trim());
        if (RegionInvalid || !Core.Paging.Cursor.TryDecode(Cursor, out var after))
            return;
        Results = await query.ListAsync(Filter(), PageSize, after, ct);
    }

    private EnterpriseFilter Filter()
    {
        EnterpriseTypes? type = !string.IsNullOrWhiteSpace(Type) && EnterpriseTypeNames.TryParseOne(Type, out var t) ? t : null;
        return new EnterpriseFilter(Q, Region?.Trim(), type);
    }

    /// <summary>Query string of the current filter plus a cursor, for "next page" links.</summary>
    public string NextQuery(string cursor, bool rowsOnly)
    {
        var qs = new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["type"] = Type, ["cursor"] = cursor };
        if (rowsOnly)
            qs["handler"] = "Rows";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/enterprises", qs.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
