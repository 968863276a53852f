using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Warnings;

namespace QualityWatch.Web.Pages.Risk.Warnings;

/// <summary>
/// Warnings of the caller's region, newest first, with filters; open to every signed-in user because the query filters
/// already show an enterprise user only the issued warnings about its own enterprise.
/// </summary>
public sealed class IndexModel(QualityWatchDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Open { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<RiskWarning> Results { get; private set; } = new([], null);
    public DateTimeOffset Now { get; private set; }
    public bool RegionInvalid { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_WarningRows", this);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = db.Clock.GetUtcNow();
        var q = db.RiskWarnings.AsNoTracking();
        if (Enum.TryParse<WarningLevel>(Level, ignoreCase: true, out var level) && Enum.IsDefined(level))
            q = q.Where(w => w.Level == level);
        if (Enum.TryParse<WarningState>(State, ignoreCase: true, out var state) && Enum.IsDefined(state))
            q = q.Where(w => w.State == state);
        if (!string.IsNullOrWhiteSpace(Category))
        {
            var category = Category.Trim();
            q = q.Where(w => w.ProductCategory == category);
        }
        if (!string.IsNullOrWhiteSpace(Region))
        {
            RegionInvalid = !RegionCodes.IsWellFormed(Region.Trim());
            if (!RegionInvalid && RegionCodes.ToPrefix(Region) is { } prefix)
                q = q.Where(w => w.RegionCode.StartsWith(prefix));
        }
        if (Open || Overdue)
            q = q.Where(w => RiskUi.OpenStates.Contains(w.State));
        if (Overdue)
        {
            var now = Now;
            q = q.Where(w => w.DueAt != null && w.DueAt < now);
        }
        if (RegionInvalid || !Core.Paging.Cursor.TryDecode(Cursor, out var before))
            return;
        if (before > 0)
            q = q.Where(w => w.Id < before);
        var rows = await q.OrderByDescending(w => w.Id).Take(PageSize + 1).ToListAsync(ct);
        Results = Core.Paging.Cursor.ToPage(rows, PageSize, w => w.Id);
    }

    public string NextQuery(string cursor, bool rowsOnly)
    {
        var qs = new Dictionary<string, string?>
        {
            ["level"] = Level,
            ["state"] = State,
            ["category"] = Category,
            ["region"] = Region,
            ["open"] = Open ? "true" : null,
            ["overdue"] = Overdue ? "true" : null,
            ["cursor"] = cursor,
            ["handler"] = rowsOnly ? "Rows" : null,
        };
        return QueryHelpers.AddQueryString("/risk/warnings", qs.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
