using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Identity;

public static class RoleSeed
{
    public static async Task EnsureRolesAsync(QualityWatchDbContext db, CancellationToken ct = default)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Where(r => !existing.Contains(r)))
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        await db.SaveChangesAsync(ct);
    }
}
