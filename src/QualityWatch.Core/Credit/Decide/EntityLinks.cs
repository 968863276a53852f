using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Credit.Decide;

/// <summary>A registered enterprise a listed credit code belongs to.</summary>
public sealed record LinkedEnterprise(long Id, string Name, string RegionCode);

/// <summary>
/// Links listings to the registry by credit code. The lookup ignores the caller's region on purpose: the listing's region
/// must come from the enterprise wherever it is registered, and the caller's scope is checked on that region afterwards.
/// </summary>
public static class EntityLinks
{
    public static async Task<Dictionary<string, LinkedEnterprise>> FindAsync(QualityWatchDbContext db, IReadOnlyCollection<string> creditCodes, CancellationToken ct)
    {
        if (creditCodes.Count == 0)
            return [];
        var codes = creditCodes.ToList();
        var rows = await db.Enterprises.IgnoreQueryFilters().AsNoTracking()
            .Where(e => codes.Contains(e.CreditCode))
            .Select(e => new { e.CreditCode, Link = new LinkedEnterprise(e.Id, e.Name, e.RegionCode) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.CreditCode, r => r.Link, StringComparer.Ordinal);
    }
}
