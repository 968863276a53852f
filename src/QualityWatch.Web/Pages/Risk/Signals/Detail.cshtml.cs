using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Warnings;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Risk.Signals;

/// <summary>One signal: the numbers that raised it, its series' chart and the records it counted, with matched terms marked.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(QualityWatchDbContext db) : PageModel
{
    public RiskSignal Signal { get; private set; } = null!;
    public RiskWarning? Warning { get; private set; }
    public SeriesChart? Chart { get; private set; }
    public List<RecordView> Records { get; private set; } = [];
    public int EvidenceCount { get; private set; }
    public Dictionary<long, string> EnterpriseNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var s = await db.RiskSignals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
            return NotFound();
        Signal = s;
        if (s.WarningId is { } w)
            Warning = await db.RiskWarnings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == w, ct);
        var now = db.Clock.GetUtcNow();
        if (s.Kind != SignalKind.Convergence)
            Chart = await RiskUi.ChartAsync(db, s.SeriesKey, now, ct);
        else if (s.EnterpriseId is { } e)
            Chart = await RiskUi.ChartAsync(db, $"convergence|*|{s.RegionCode}|*|weekly|e{e}", now, ct);
        var evidence = RiskUi.ParseEvidence(s.Evidence);
        EvidenceCount = evidence.Count;
        Records = (await RiskUi.LoadRecordsAsync(db, evidence.Take(Evidence.MaxRecords), ct))
            .OrderByDescending(r => r.OccurredAt).ThenBy(r => r.Id).ToList();
        var ids = Records.Select(r => r.EnterpriseId).OfType<long>().Append(s.EnterpriseId ?? 0).Distinct().ToList();
        EnterpriseNames = await db.Enterprises.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return Page();
    }
}
