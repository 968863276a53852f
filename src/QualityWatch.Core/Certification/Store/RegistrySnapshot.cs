using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification.Seed;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Certification.Store;

/// <summary>
/// The in-memory registry every verification reads (thousands per second; a database round trip per check would
/// not do). Loaded on first use from the database plus the seed bodies; after an import or a lifecycle change the
/// writer calls <see cref="Invalidate"/> and the next reader triggers a reload while still being served the previous
/// snapshot, so verification never waits on a rebuild once one snapshot exists.
/// </summary>
public sealed class RegistrySnapshot(IServiceScopeFactory scopes, ILogger<RegistrySnapshot> log)
{
    private readonly Lock _gate = new();
    private volatile CertificateRegistry? _current;
    private volatile bool _stale = true;
    private Task<CertificateRegistry>? _loading;

    /// <summary>When the current snapshot was built (UTC); null before the first load.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>The current snapshot; the first call waits for the load, later calls never do.</summary>
    public async ValueTask<CertificateRegistry> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = _current;
        if (current is not null && !_stale)
        {
            CheckForOutsideWrites();
            return current;
        }
        var loading = StartLoad();
        return current ?? await loading.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Writes from another process (`qw import certificates` next to a running server, a second web node) never call
    /// this instance's <see cref="Invalidate"/>; at most once a minute a reader therefore starts a cheap fingerprint query
    /// in the background and invalidates when it changed. The reader itself never waits for it.
    /// </summary>
    private void CheckForOutsideWrites()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastCheck);
        if (now - last < 60_000 || Interlocked.CompareExchange(ref _lastCheck, now, last) != last)
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                var fingerprint = await FingerprintAsync();
                if (_fingerprint is not null && fingerprint != _fingerprint)
                    Invalidate();
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Checking the certificate registry for outside changes failed");
            }
        });
    }

    private long _lastCheck = Environment.TickCount64;
    private volatile string? _fingerprint;

    private async Task<string> FingerprintAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("system:certificate-registry");
        var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
        return await FingerprintOfAsync(db, CancellationToken.None);
    }

    /// <summary>Counts and latest ids and update times: any insert, update or lifecycle event changes one of them.</summary>
    private static async Task<string> FingerprintOfAsync(QualityWatchDbContext db, CancellationToken ct)
    {
        var certificates = db.Certificates.IgnoreQueryFilters();
        var listings = db.CreditListings.IgnoreQueryFilters();
        var parts = new object?[]
        {
            await certificates.CountAsync(ct),
            await certificates.MaxAsync(c => (DateTimeOffset?)c.UpdatedAt, ct),
            await db.CertificateEvents.IgnoreQueryFilters().MaxAsync(e => (long?)e.Id, ct),
            await db.CertificateAudits.IgnoreQueryFilters().MaxAsync(a => (long?)a.Id, ct),
            await db.CertificationBodies.MaxAsync(b => (DateTimeOffset?)b.UpdatedAt, ct),
            await db.CertificationBodies.CountAsync(ct),
            await listings.CountAsync(ct),
            await listings.MaxAsync(l => (DateTimeOffset?)l.UpdatedAt, ct),
        };
        return string.Join('|', parts.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Marks the snapshot out of date; the next read starts a reload.</summary>
    public void Invalidate() => _stale = true;

    /// <summary>Reloads now and waits for it: for the CLI and tests, which must see their own writes.</summary>
    public async Task<CertificateRegistry> RefreshAsync(CancellationToken cancellationToken = default)
    {
        Task<CertificateRegistry> loading;
        lock (_gate)
        {
            // A load already running may have read the database before the caller's write: start a new one after it.
            var previous = _loading;
            _stale = false;
            _loading = loading = previous is { IsCompleted: false }
                ? previous.ContinueWith(_ => LoadAsync(), TaskScheduler.Default).Unwrap()
                : LoadAsync();
        }
        return await loading.WaitAsync(cancellationToken);
    }

    private Task<CertificateRegistry> StartLoad()
    {
        lock (_gate)
        {
            if (_loading is { IsCompleted: false })
                return _loading;
            if (_current is not null && !_stale && _loading is not null)
                return _loading;
            _stale = false;
            return _loading = Task.Run(LoadAsync);
        }
    }

    private async Task<CertificateRegistry> LoadAsync()
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("system:certificate-registry");
            var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
            // Taken before the load: a write during the load then shows as a change at the next check.
            var fingerprint = await FingerprintOfAsync(db, CancellationToken.None);
            var registry = await LoadFromAsync(db, CancellationToken.None);
            _fingerprint = fingerprint;
            _current = registry;
            LoadedAt = DateTimeOffset.UtcNow;
            log.LogInformation("Certificate registry loaded: {Certificates} certificates, {Bodies} bodies in {Seconds:0.00} s",
                registry.CertificateCount, registry.Bodies.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            return registry;
        }
        catch (Exception ex)
        {
            _stale = true;
            log.LogError(ex, "Loading the certificate registry failed");
            throw;
        }
    }

    /// <summary>Builds a registry from the database as it is now, with the seed bodies and misleading issuers.</summary>
    public static async Task<CertificateRegistry> LoadFromAsync(QualityWatchDbContext db, CancellationToken cancellationToken)
    {
        // The registry is national by nature (verification is public), so region filters do not apply here.
        var bodies = await db.CertificationBodies.IgnoreQueryFilters().AsNoTracking()
            .Include(b => b.Scopes).Include(b => b.Statuses).AsSplitQuery()
            .ToListAsync(cancellationToken);
        var events = (await db.CertificateEvents.IgnoreQueryFilters().AsNoTracking()
                .Select(e => new { e.CertificateId, e.Id, e.Date, e.Kind, e.Note })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.CertificateId);
        var audits = (await db.CertificateAudits.IgnoreQueryFilters().AsNoTracking()
                .Select(a => new { a.CertificateId, a.Date, a.Passed, a.Note })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.CertificateId);
        var certificates = new List<Certificate>();
        // Each row read brings its own copy of every string; a registry keeps millions of them for hours, and holders,
        // issuers, categories, standards and products repeat, so one shared copy each (the 1,000,000-certificate
        // benchmark registry: 917 MiB without, see bench/README.md). Fewer live objects also means cheaper collections.
        var pool = new StringPool();
        await foreach (var c in db.Certificates.IgnoreQueryFilters().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var snapshot = c.ToSnapshot() with
            {
                IssuerBodyId = pool.Of(c.IssuerKey),
                HolderName = pool.Of(c.HolderName),
                HolderCreditCode = pool.Of(c.HolderCreditCode),
                Manufacturer = pool.Of(c.Manufacturer),
                Factory = pool.Of(c.Factory),
                ProductCategory = pool.Of(c.ProductCategory),
                Standard = pool.Of(c.Standard),
                Legislation = pool.Of(c.Legislation),
                Module = pool.Of(c.Module),
                PrivateLabels = pool.Of(c.PrivateLabels),
                Products = pool.Of(c.Products),
                Models = pool.Of(c.Models),
                Events = [.. events[c.Id].OrderBy(e => e.Date).ThenBy(e => e.Id).Select(e => new LifecycleEvent(e.Date, e.Kind, pool.Of(e.Note)))],
                Audits = [.. audits[c.Id].OrderBy(a => a.Date).Select(a => new SurveillanceAudit(a.Date, a.Passed, pool.Of(a.Note)))],
            };
            certificates.Add(snapshot);
        }
        var listings = (await db.CreditListings.IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken))
            .Select(l => l.ToSnapshot()).OfType<CreditListing>();
        return KnownBodies.Registry(certificates, bodies.Select(b => b.ToSnapshot()), listings);
    }
}

/// <summary>One shared instance per distinct string while a snapshot is built (not <see cref="string.Intern"/>: that pool is never freed).</summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public string? Of(string? value)
    {
        if (value is null)
            return null;
        ref var shared = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(strings, value, out var exists);
        if (!exists)
            shared = value;
        return shared!;
    }

    /// <summary>An array of shared strings; empty lists all become the one empty array.</summary>
    public IReadOnlyList<string> Of(List<string> values)
    {
        if (values.Count == 0)
            return [];
        var shared = new string[values.Count];
        for (var i = 0; i < shared.Length; i++)
            shared[i] = Of(values[i]);
        return shared;
    }
}
