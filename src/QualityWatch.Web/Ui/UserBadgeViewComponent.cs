using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Persistence;
using QualityWatch.Web.Security;

namespace QualityWatch.Web.Ui;

public sealed record UserBadgeModel(string UserName, string DisplayName, string RegionCode, string? RegionName, IReadOnlyList<string> Roles);

/// <summary>The signed-in user's name, role and region for the page header.</summary>
public sealed class UserBadgeViewComponent(QualityWatchDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = (ClaimsPrincipal)User;
        var region = user.FindFirstValue(QualityWatchClaims.Region) ?? RegionCodes.National;
        string? regionName = null;
        if (region != RegionCodes.National)
        {
            var full = region.PadRight(6, '0');
            regionName = await db.Regions.AsNoTracking().Where(r => r.Code == full || r.Code == region).Select(r => r.Name).FirstOrDefaultAsync(HttpContext.RequestAborted);
        }
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var name = user.Identity?.Name ?? "";
        return View(new UserBadgeModel(name, user.FindFirstValue(QualityWatchClaims.DisplayName) ?? name, region, regionName, roles));
    }
}
