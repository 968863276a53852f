using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Warnings;
using QualityWatch.Web.Pages.Risk;

namespace QualityWatch.Web.Pages.Enterprises;

/// <summary>
/// One enterprise, its products and its risk history (signals, warnings and the source records linked to it); outside the
/// caller's region it does not exist (404). The risk lists go through the same region filters, so an enterprise user sees
/// only the warnings issued about its own enterprise and no signals or source records.
/// </summary>
public sealed class DetailModel(EnterpriseQuery query, ProductHandlers products, QualityWatchDbContext db) : PageModel
{
    public const int RiskRows = 20;

    public Enterprise Enterprise { get; private set; } = null!;
    public IReadOnlyList<ProductDto> Products { get; private set; } = [];
    public bool MoreProducts { get; private set; }
    public List<RiskSignal> RiskSignals { get; private set; } = [];
    public List<RiskWarning> RiskWarnings { get; private set; } = [];
    public List<RecordView> SourceRecords { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    [TempData]
    public string? Warnings { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var e = await query.FindAsync(id, ct);
        if (e is null)
            return NotFound();
        Enterprise = e;
        var page = await products.ListAsync(null, id, null, 100, 0, ct);
        Products = page.Items;
        MoreProducts = page.NextCursor is not null;
        Now = db.Clock.GetUtcNow();
        RiskWarnings = await db.RiskWarnings.AsNoTracking().Where(w => w.EnterpriseId == id).OrderByDescending(w => w.Id).Take(RiskRows).ToListAsync(ct);
        RiskSignals = await db.RiskSignals.AsNoTracking().Where(s => s.EnterpriseId == id).OrderByDescending(s => s.PeriodStart).ThenByDescending(s => s.Id).Take(RiskRows).ToListAsync(ct);
        SourceRecords = await RiskUi.LatestForEnterpriseAsync(db, id, RiskRows, ct);
        return Page();
    }
}
