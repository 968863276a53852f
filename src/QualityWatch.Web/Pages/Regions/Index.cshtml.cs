using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Regions;

namespace QualityWatch.Web.Pages.Regions;

public sealed record RegionChild(string Code, string Name, RegionLevel Level, bool HasChildren, long Enterprises);

/// <summary>The GB/T 2260 tree, one level at a time, with the number of enterprises the caller can see in each.</summary>
public sealed class IndexModel(QualityWatchDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Parent { get; set; }

    public Region? Current { get; private set; }
    public List<Region> Ancestors { get; private set; } = [];
    public List<RegionChild> Children { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var regions = db.Regions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Parent))
        {
            Current = await regions.FirstOrDefaultAsync(r => r.Code == Parent, ct);
            if (Current is null)
                return NotFound();
            for (var code = Current.ParentCode; code is not null;)
            {
                var up = await regions.FirstOrDefaultAsync(r => r.Code == code, ct);
                if (up is null)
                    break;
                Ancestors.Insert(0, up);
                code = up.ParentCode;
            }
        }
        var children = Current is null
            ? await regions.Where(r => r.Level == RegionLevel.Province).OrderBy(r => r.Code).ToListAsync(ct)
            : await regions.Where(r => r.ParentCode == Current.Code).OrderBy(r => r.Code).ToListAsync(ct);
        var codes = children.Select(c => c.Code).ToList();
        var withChildren = (await regions.Where(r => r.ParentCode != null && codes.Contains(r.ParentCode)).Select(r => r.ParentCode!).Distinct().ToListAsync(ct)).ToHashSet();
        var length = Current is null ? 2 : Current.Level == RegionLevel.Province ? 4 : 6;
        var prefix = Current?.Code ?? "";
        var counts = await db.Enterprises.Where(e => e.RegionCode.StartsWith(prefix))
            .GroupBy(e => e.RegionCode.Substring(0, length))
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Children = children.Select(c => new RegionChild(c.Code, c.Name, c.Level, withChildren.Contains(c.Code), counts.GetValueOrDefault(c.Code))).ToList();
        return Page();
    }
}
