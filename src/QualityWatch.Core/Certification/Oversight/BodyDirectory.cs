using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Findings;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Risk.Detection;

namespace QualityWatch.Core.Certification.Oversight;

/// <summary>A body as the list shows it: the public register entry, plus what the caller may see of its certificates and findings.</summary>
/// <param name="Stored">False for a seed body known only from the identifier notes (no database row).</param>
/// <param name="Certificates">Certificates it issued that the caller's region covers.</param>
/// <param name="Findings">Certification signals naming it that the caller's region covers.</param>
public sealed record BodySummary(
    string Key,
    string NameZh,
    string NameEn,
    BodyKind Kind,
    string? Number,
    string? Country,
    BodyStatus Status,
    IReadOnlyList<BodyScope> Scopes,
    string RegionCode,
    long? EnterpriseId,
    bool Stored,
    int Certificates,
    int Findings);

/// <summary>
/// Lists certification bodies (the stored register plus the seed bodies) with counts. Bodies are public records and
/// are listed for every staff member; the counts go through the region filters, so a city officer counts the
/// certificates and findings of their own region only.
/// </summary>
public sealed class BodyDirectory(QualityWatchDbContext db, RegistrySnapshot snapshot)
{
    public const int DefaultLimit = 100;

    public async Task<Page<BodySummary>> ListAsync(string? query, BodyKind? kind, int take, string after, CancellationToken ct)
    {
        var registry = await snapshot.GetAsync(ct);
        IEnumerable<CertificationBody> bodies = registry.Bodies.OrderBy(b => b.Id, StringComparer.Ordinal);
        if (kind is { } k)
            bodies = bodies.Where(b => b.Kind == k);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim();
            var n = EnterpriseName.Normalise(q);
            bodies = bodies.Where(b => b.Id.Contains(q, StringComparison.OrdinalIgnoreCase)
                || (b.Number ?? "").Contains(q, StringComparison.OrdinalIgnoreCase)
                || b.NameEn.Contains(q, StringComparison.OrdinalIgnoreCase)
                || (n.Length > 0 && b.Aliases.Append(b.NameZh).Any(a => EnterpriseName.Normalise(a).Contains(n, StringComparison.Ordinal))));
        }
        if (after.Length > 0)
            bodies = bodies.Where(b => string.CompareOrdinal(b.Id, after) > 0);
        var page = bodies.Take(take + 1).ToList();
        var shown = page.Take(take).ToList();
        var summaries = await SummariseAsync(shown, ct);
        return new Page<BodySummary>(summaries, page.Count > take ? Cursor.EncodeKey(shown[^1].Id) : null);
    }

    public async Task<BodySummary?> FindAsync(string key, CancellationToken ct)
    {
        var registry = await snapshot.GetAsync(ct);
        return registry.BodyById(key) is { } body ? (await SummariseAsync([body], ct))[0] : null;
    }

    private async Task<List<BodySummary>> SummariseAsync(List<CertificationBody> bodies, CancellationToken ct)
    {
        if (bodies.Count == 0)
            return [];
        var keys = bodies.Select(b => b.Id).ToList();
        var stored = (await db.CertificationBodies.AsNoTracking().Where(b => keys.Contains(b.Key)).Select(b => b.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var certificates = await db.Certificates.AsNoTracking().Where(c => keys.Contains(c.IssuerKey))
            .GroupBy(c => c.IssuerKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var findings = await FindingCountsAsync(db, ct);
        var locations = await BodyLocations.LoadAsync(db, bodies, ct);
        var today = Risk.Sources.SourceRecord.ChinaDate(db.Clock.GetUtcNow());
        return [.. bodies.Select(b =>
        {
            var at = BodyLocations.Of(locations, b.Id);
            return new BodySummary(b.Id, b.NameZh, b.NameEn, b.Kind, b.Number, b.Country, b.StatusOn(today), b.Scopes, at.RegionCode, at.EnterpriseId,
                stored.Contains(b.Id), certificates.GetValueOrDefault(b.Id), findings.GetValueOrDefault(SubjectKeys.Body(b.Id)));
        })];
    }

    /// <summary>Visible certification signals per body (by the body entries in their evidence).</summary>
    private static async Task<Dictionary<long, int>> FindingCountsAsync(QualityWatchDbContext db, CancellationToken ct)
    {
        var counts = new Dictionary<long, int>();
        var evidence = await db.RiskSignals.AsNoTracking().Where(s => s.Source == FindingSignals.Source && s.Evidence.Contains("\"type\":\"body\""))
            .Select(s => s.Evidence).ToListAsync(ct);
        foreach (var json in evidence)
        {
            foreach (var id in RecordRef.ParseList(json).Where(r => r.Type == "body").Select(r => r.Id).Distinct())
                counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        return counts;
    }

    /// <summary>The text a body's entry has in a signal's stored evidence, for a database-side search.</summary>
    public static string EvidenceMarker(string bodyKey) => RecordRef.ToJson([FindingSignals.BodyRef(bodyKey)])[1..^1];
}
