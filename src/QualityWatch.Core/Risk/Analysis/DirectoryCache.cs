using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Linking;

namespace QualityWatch.Core.Risk.Analysis;

/// <summary>
/// Keeps one registry snapshot per database. Building it reads every enterprise (about a second at 100,000), too
/// slow for each API post; a count and the latest update time tell cheaply whether the registry changed.
/// </summary>
internal static class DirectoryCache
{
    private sealed record Entry(int Count, DateTimeOffset? LastUpdate, EnterpriseDirectory Directory);

    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<EnterpriseDirectory> GetAsync(QualityWatchDbContext db, CancellationToken ct)
    {
        var key = db.Database.GetConnectionString() ?? "";
        var all = db.Enterprises.IgnoreQueryFilters();
        var count = await all.CountAsync(ct);
        var last = count == 0 ? null : await all.MaxAsync(e => (DateTimeOffset?)e.UpdatedAt, ct);
        if (Entries.TryGetValue(key, out var e) && e.Count == count && e.LastUpdate == last)
            return e.Directory;
        await Gate.WaitAsync(ct);
        try
        {
            if (Entries.TryGetValue(key, out e) && e.Count == count && e.LastUpdate == last)
                return e.Directory;
            var directory = await EnterpriseDirectory.LoadAsync(db, ct);
            Entries[key] = new Entry(count, last, directory);
            return directory;
        }
        finally
        {
            Gate.Release();
        }
    }
}
