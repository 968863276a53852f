using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityWatch.Core.Registry.Batches;
using QualityWatch.Core.Registry.Products;

namespace QualityWatch.Web.Pages.Products;

public sealed class DetailModel(ProductHandlers products, BatchHandlers batches) : PageModel
{
    public ProductDto Product { get; private set; } = null!;
    public IReadOnlyList<BatchDto> Batches { get; private set; } = [];
    public bool MoreBatches { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var p = await products.FindAsync(id, ct);
        if (p is null)
            return NotFound();
        Product = ProductDto.From(p);
        var page = await batches.ListAsync(id, 200, 0, ct);
        Batches = page.Items;
        MoreBatches = page.NextCursor is not null;
        return Page();
    }
}
