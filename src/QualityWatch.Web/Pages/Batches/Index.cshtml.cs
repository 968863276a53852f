using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Web.Pages.Batches;

public sealed record BatchRow(long Id, string LotNumber, DateOnly? ProductionDate, long Quantity, string Unit, string RegionCode,
    long ProductId, string Category, string? Brand, string Model, long ManufacturerId);

/// <summary>Production batches with their product, newest id last; scoped by the DbContext like every list.</summary>
public sealed class IndexModel(QualityWatchDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public long? Product { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Lot { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<BatchRow> Results { get; private set; } = new([], null);
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Total = await Query().CountAsync(ct);
    }

    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_Rows", this);
    }

    private IQueryable<Core.Registry.Batches.Batch> Query()
    {
        var q = db.Batches.AsNoTracking();
        if (Product is { } p)
            q = q.Where(b => b.ProductId == p);
        if (!string.IsNullOrWhiteSpace(Lot))
            q = q.Where(b => b.LotNumber.StartsWith(Lot.Trim()));
        return q;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (!Core.Paging.Cursor.TryDecode(Cursor, out var after))
            return;
        var rows = await Query().Where(b => b.Id > after).OrderBy(b => b.Id).Take(PageSize + 1)
            .Select(b => new BatchRow(b.Id, b.LotNumber, b.ProductionDate, b.Quantity, b.Unit, b.RegionCode,
                b.ProductId, b.Product!.Category, b.Product.Brand, b.Product.Model, b.Product.ManufacturerId))
            .ToListAsync(ct);
        Results = Core.Paging.Cursor.ToPage(rows, PageSize, b => b.Id);
    }

    public string NextQuery(string cursor, bool rowsOnly)
    {
        var qs = new Dictionary<string, string?>
        {
            ["product"] = Product?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["lot"] = Lot,
            ["cursor"] = cursor,
            ["handler"] = rowsOnly ? "Rows" : null,
        };
        return QueryHelpers.AddQueryString("/batches", qs.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
