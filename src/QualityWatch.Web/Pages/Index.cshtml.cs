using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Core.Registry.Products;

namespace QualityWatch.Web.Pages;

public sealed record RegionRow(string Code, string Name, long Enterprises, long Products, long Batches);

public sealed record CategoryRow(string Code, long Products, long Batches);

/// <summary>The dashboard: counts of the caller's region (the DbContext's scope filters apply to every query here).</summary>
public sealed class IndexModel(QualityWatchDbContext db, EnterpriseQuery enterprises, ProductHandlers products) : PageModel
{
    public long EnterpriseCount { get; private set; }
    public long ProductCount { get; private set; }
    public long BatchCount { get; private set; }
    public long NeedsVerificationCount { get; private set; }
    public List<RegionRow> ByRegion { get; private set; } = [];
    public List<CategoryRow> ByCategory { get; private set; } = [];
    public Dictionary<string, long> EnterprisesByProvince { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        EnterpriseCount = await enterprises.CountAsync(new EnterpriseFilter(), ct);
        ProductCount = await products.CountAsync(null, ct);
        BatchCount = await db.Batches.CountAsync(ct);
        NeedsVerificationCount = await db.Enterprises.CountAsync(e => e.CreditCodeStatus != Core.Registry.Identifiers.CreditCodeStatus.Valid, ct);

        EnterprisesByProvince = await CountByPrefix(db.Enterprises.Select(e => e.RegionCode), 2, ct);

        // One level below the caller's own region: provinces for national users, cities for a province, counties for a city.
        var length = db.Scope.RegionPrefix switch
        {
            null => 2,
            { Length: <= 2 } => 4,
            _ => 6,
        };
        var e = await CountByPrefix(db.Enterprises.Select(x => x.RegionCode), length, ct);
        var p = await CountByPrefix(db.Products.Select(x => x.RegionCode), length, ct);
        var b = await CountByPrefix(db.Batches.Select(x => x.RegionCode), length, ct);
        var codes = e.Keys.Union(p.Keys).Union(b.Keys).ToList();
        var names = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        ByRegion = codes
            .Select(c => new RegionRow(c, names.GetValueOrDefault(c, c), e.GetValueOrDefault(c), p.GetValueOrDefault(c), b.GetValueOrDefault(c)))
            .OrderByDescending(r => r.Enterprises).ThenBy(r => r.Code).ToList();

        var pc = await db.Products.GroupBy(x => x.Category).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var bc = await db.Batches.GroupBy(x => x.Product!.Category).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        ByCategory = ProductCategories.All
            .Select(c => new CategoryRow(c.Code, pc.GetValueOrDefault(c.Code), bc.GetValueOrDefault(c.Code)))
            .ToList();
    }

    private static async Task<Dictionary<string, long>> CountByPrefix(IQueryable<string> regionCodes, int length, CancellationToken ct) =>
        await regionCodes.Where(c => c.Length >= length)
            .GroupBy(c => c.Substring(0, length))
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
}
