using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Warnings;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Risk;

/// <summary>
/// The risk dashboard: open warnings on the province map and by level and state, the strongest recent signals,
/// overdue warnings and tasks, and the chart of one series. Filters are in the query string; htmx swaps the panel.
/// Every query goes through the DbContext's region filters.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(QualityWatchDbContext db) : PageModel
{
    public static readonly int[] PeriodWeeks = [4, 8, 13, 26, 52];

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Weeks { get; set; } = 8;

    [BindProperty(SupportsGet = true)]
    public string? Series { get; set; }

    public DateTimeOffset Now { get; private set; }
    public bool RegionInvalid { get; private set; }
    public Dictionary<string, long> OpenByProvince { get; private set; } = [];
    public Dictionary<WarningLevel, int> OpenByLevel { get; private set; } = [];
    public Dictionary<WarningState, int> ByState { get; private set; } = [];
    public List<RiskSignal> TopSignals { get; private set; } = [];
    public List<RiskWarning> OverdueWarnings { get; private set; } = [];
    public List<DisposalTask> OverdueTasks { get; private set; } = [];
    public Dictionary<long, string> WarningNumbers { get; private set; } = [];
    public SeriesChart? Chart { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // htmx asks for the panel only; a history restore wants the whole page.
        if (Request.Headers["HX-Request"] == "true" && Request.Headers["HX-History-Restore-Request"] != "true")
            return Partial("_Panel", this);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = db.Clock.GetUtcNow();
        if (!PeriodWeeks.Contains(Weeks))
            Weeks = 8;
        Category = string.IsNullOrWhiteSpace(Category) ? null : Category.Trim();
        Source = RiskUi.SourceKinds.Contains(Source) ? Source : null;
        var region = Region?.Trim();
        string? prefix = null;
        if (!string.IsNullOrEmpty(region))
        {
            RegionInvalid = !RegionCodes.IsWellFormed(region);
            prefix = RegionInvalid ? null : RegionCodes.ToPrefix(region);
        }
        var since = DateOnly.FromDayNumber(RiskUi.Today(Now) - (Weeks * 7));
        var sinceAt = Now.AddDays(-7 * Weeks);

        var warnings = db.RiskWarnings.AsNoTracking();
        var signals = db.RiskSignals.AsNoTracking();
        if (Category is not null)
        {
            warnings = warnings.Where(w => w.ProductCategory == Category);
            signals = signals.Where(s => s.ProductCategory == Category);
        }
        if (prefix is not null)
        {
            warnings = warnings.Where(w => w.RegionCode.StartsWith(prefix));
            signals = signals.Where(s => s.RegionCode.StartsWith(prefix));
        }
        if (Source is not null)
        {
            var source = Source;
            warnings = warnings.Where(w => db.RiskSignals.Any(s => s.WarningId == w.Id && s.Source == source));
            signals = signals.Where(s => s.Source == source);
        }
        var open = warnings.Where(w => RiskUi.OpenStates.Contains(w.State));

        OpenByProvince = await open.GroupBy(w => w.RegionCode.Substring(0, 2))
            .Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        OpenByLevel = await open.GroupBy(w => w.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // Open warnings, and those closed or dismissed within the period.
        ByState = await warnings.Where(w => RiskUi.OpenStates.Contains(w.State) || w.UpdatedAt >= sinceAt)
            .GroupBy(w => w.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        TopSignals = await signals.Where(s => s.PeriodStart >= since)
            .OrderByDescending(s => s.Strength).ThenByDescending(s => s.PeriodStart).ThenByDescending(s => s.Id).Take(12).ToListAsync(ct);
        var now = Now;
        OverdueWarnings = await open.Where(w => w.DueAt != null && w.DueAt < now).OrderBy(w => w.DueAt).Take(20).ToListAsync(ct);
        var tasks = db.DisposalTasks.AsNoTracking().Where(t => (t.Status == DisposalStatus.Open || t.Status == DisposalStatus.InProgress) && t.DueAt < now);
        if (prefix is not null)
            tasks = tasks.Where(t => t.RegionCode.StartsWith(prefix));
        OverdueTasks = await tasks.OrderBy(t => t.DueAt).Take(20).ToListAsync(ct);
        var ids = OverdueTasks.Select(t => t.WarningId).Distinct().ToList();
        WarningNumbers = await db.RiskWarnings.AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Number, ct);

        Series = string.IsNullOrWhiteSpace(Series) ? TopSignals.FirstOrDefault(s => s.Kind != SignalKind.Convergence)?.SeriesKey ?? TopSignals.FirstOrDefault()?.SeriesKey : Series.Trim();
        Chart = await RiskUi.ChartAsync(db, Series, Now, ct);
    }

    /// <summary>The dashboard's address with the current filters and another series selected.</summary>
    public string SeriesQuery(string seriesKey) => Query(new() { ["series"] = seriesKey });

    public string Query(Dictionary<string, string?> overrides)
    {
        var qs = new Dictionary<string, string?>
        {
            ["category"] = Category,
            ["region"] = Region,
            ["source"] = Source,
            ["weeks"] = Weeks == 8 ? null : Weeks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["series"] = Series,
        };
        foreach (var (k, v) in overrides)
            qs[k] = v;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/risk", qs.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
