using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Names;

namespace QualityWatch.Core.Certification.Oversight;

/// <summary>Where a body sits: the registered enterprise it is (a Chinese body is a company with a credit code), and its region.</summary>
/// <param name="RegionCode">The enterprise's county for a Chinese body found in the enterprise registry, else 100000 (national).</param>
public sealed record BodyLocation(long? EnterpriseId, string RegionCode);

/// <summary>
/// Finds each body's location. Body records carry no address, so a Chinese body is matched to the enterprise registry
/// by its normalised Chinese name or an alias (certification bodies register as enterprises of type 认证机构, which wins
/// a tie). Foreign bodies, and Chinese ones not registered as enterprises, are national business.
/// </summary>
public static class BodyLocations
{
    public static readonly BodyLocation National = new(null, RegionCodes.National);

    public static async Task<Dictionary<string, BodyLocation>> LoadAsync(QualityWatchDbContext db, IEnumerable<CertificationBody> bodies, CancellationToken ct)
    {
        var names = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var b in bodies)
        {
            if (b.Country is not (null or "CN"))
                continue;
            var keys = b.Aliases.Prepend(b.NameZh).Select(EnterpriseName.Normalise).Where(n => n.Length >= 4).Distinct().ToList();
            if (keys.Count > 0)
                names[b.Id] = keys;
        }
        var wanted = names.Values.SelectMany(n => n).Distinct().ToList();
        var matches = new List<(long Id, string NormalizedName, string RegionCode, EnterpriseTypes Types)>();
        foreach (var chunk in wanted.Chunk(500))
        {
            var rows = await db.Enterprises.IgnoreQueryFilters().AsNoTracking().Where(e => chunk.Contains(e.NormalizedName))
                .Select(e => new { e.Id, e.NormalizedName, e.RegionCode, e.Types }).ToListAsync(ct);
            matches.AddRange(rows.Select(r => (r.Id, r.NormalizedName, r.RegionCode, r.Types)));
        }
        var byName = matches.ToLookup(m => m.NormalizedName, StringComparer.Ordinal);
        var result = new Dictionary<string, BodyLocation>(StringComparer.Ordinal);
        foreach (var (key, keys) in names)
        {
            var best = keys.SelectMany(k => byName[k])
                .OrderByDescending(m => m.Types.HasFlag(EnterpriseTypes.CertificationBody)).ThenBy(m => m.Id)
                .Select(m => new BodyLocation(m.Id, m.RegionCode)).FirstOrDefault();
            if (best is not null)
                result[key] = best;
        }
        return result;
    }

    public static BodyLocation Of(IReadOnlyDictionary<string, BodyLocation> locations, string bodyKey) =>
        locations.TryGetValue(bodyKey, out var l) ? l : National;
}
