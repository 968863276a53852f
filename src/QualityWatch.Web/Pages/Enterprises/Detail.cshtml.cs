using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Core.Registry.Products;

namespace QualityWatch.Web.Pages.Enterprises;

/// <summary>One enterprise and its products; outside the caller's region it does not exist (404).</summary>
public sealed class DetailModel(EnterpriseQuery query, ProductHandlers products) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public IReadOnlyList<ProductDto> Products { get; private set; } = [];
    public bool MoreProducts { get; private set; }

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
        return Page();
    }
}
