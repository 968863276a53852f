using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Registry.Products;

namespace QualityWatch.Web.Pages.Products;

public sealed class IndexModel(ProductHandlers products) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Manufacturer { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<ProductDto> Results { get; private set; } = new([], null);
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Total = await products.CountAsync(Category, ct);
    }

    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_Rows", this);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (ProductCategories.Find(Category) is null)
            Category = null;
        if (Core.Paging.Cursor.TryDecode(Cursor, out var after))
            Results = await products.ListAsync(Category, Manufacturer, Q, PageSize, after, ct);
    }

    public string NextQuery(string cursor, bool rowsOnly)
    {
        var qs = new Dictionary<string, string?>
        {
            ["category"] = Category,
            ["manufacturer"] = Manufacturer?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["q"] = Q,
            ["cursor"] = cursor,
            ["handler"] = rowsOnly ? "Rows" : null,
        };
        return QueryHelpers.AddQueryString("/products", qs.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
