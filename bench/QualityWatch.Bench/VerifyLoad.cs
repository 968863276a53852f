using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Persistence;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Bench;

/// <summary>
/// POST /api/v1/certificates/verify latency under concurrent load on loopback: the real app on Kestrel with N stored
/// certificates (the synthetic registry of bench/certificates, bulk-inserted and loaded into the registry snapshot the
/// way the app loads it), C concurrent clients for S seconds over that benchmark's query mix, authenticated with API
/// tokens so the public rate limit is not what is measured: half the calls from a national user, half from a provincial
/// officer (whose calls also run the one-row visibility query). With --anonymous a third of the calls carry no token
/// (no token lookup, public view; the public budget is lifted for the run), to show what the token lookup costs.
/// With --rate R the clients are replaced by an open loop at R requests a second (latency from when each was due).
/// </summary>
public static class VerifyLoad
{
    private static readonly DateOnly AsOf = new(2024, 6, 1);

    public static async Task<int> RunAsync(string[] args)
    {
        var n = Arg(args, "--certificates", 1_000_000);
        var concurrency = Arg(args, "--concurrency", 8);
        var seconds = Arg(args, "--seconds", 20);
        var warmup = Arg(args, "--warmup", 5);
        var queries = Arg(args, "--queries", 100_000);
        var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
        // A SQLite file kept between runs: seeded on the first, reused (not re-seeded) on the next ones.
        var keep = args.SkipWhile(a => a != "--sqlite").Skip(1).FirstOrDefault();
        var withAnonymous = args.Contains("--anonymous");
        // Open loop: requests start at this fixed rate whatever the answers do, and each one's latency counts from the
        // moment it was due, so a slow answer is not hidden by the client waiting for it (no coordinated omission).
        // 0 = closed loop: C clients each send the next request when the previous one is answered (maximum throughput).
        var rate = Arg(args, "--rate", 0);

        // Everything the app writes (database, data-protection keys) goes to a temporary folder, not the working directory.
        var folder = Directory.CreateTempSubdirectory("qw-bench-verify-").FullName;
        var appArgs = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Risk:ScheduleEnabled=false",
            $"--DataProtection:KeysPath={Path.Combine(folder, "keys")}",
            // With --anonymous, those calls would otherwise stop at the public budget after 60.
            "--RateLimiting:VerifyPermitsPerMinute=100000000",
        };
        var pgDatabase = $"qw_bench_verify_{Guid.NewGuid():N}";
        if (postgres is not null)
            appArgs.AddRange(["--Database:Provider=Postgres", $"--ConnectionStrings:QualityWatch={postgres};Database={pgDatabase}", "--Database:MigrateOnStart=true"]);
        else
            appArgs.Add($"--Database:SqlitePath={(keep is null ? Path.Combine(folder, "bench.db") : Path.GetFullPath(keep))}");
        var timings = new ServerTimings();
        await using var app = QualityWatchApp.Build([.. appArgs], b => b.Services.AddSingleton<IStartupFilter>(timings));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"provider={(postgres is null ? "sqlite" : "postgres")} certificates={n:N0} "
            + (rate > 0 ? $"open loop at {rate} req/s" : $"closed loop, concurrency={concurrency}") + $" seconds={seconds} warmup={warmup}s "
            + $"gc={(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}/{System.Runtime.GCSettings.LatencyMode} cores={Environment.ProcessorCount}");

        var sw = Stopwatch.StartNew();
        var data = SyntheticRegistry.Generate(n + (n / 20), seed: 1);
        var existing = await CountAsync(app.Services);
        if (existing == 0)
        {
            var stored = await SeedAsync(app.Services, data, n);
            Console.WriteLine($"stored                  {stored:N0} certificates in {sw.Elapsed.TotalSeconds:F1} s (bulk insert)");
        }
        else
        {
            Console.WriteLine($"reused                  {existing:N0} certificates already in {keep}");
        }
        sw.Restart();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var registry = await app.Services.GetRequiredService<RegistrySnapshot>().RefreshAsync();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"registry snapshot       {registry.CertificateCount:N0} certificates loaded in {sw.Elapsed.TotalSeconds:F1} s, {(after - before) / 1048576.0:F0} MiB");
        var (national, provincial) = await TokensAsync(app.Services);

        var bodies = QueryMix.Build(data, queries, seed: 2).Select(Body).ToArray();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = rate > 0 ? 64 : concurrency * 2 }) { BaseAddress = new Uri(address) };
        string[] kinds = withAnonymous ? ["national", "provincial", "anonymous"] : ["national", "provincial"];
        string?[] tokens = withAnonymous ? [national, provincial, null] : [national, provincial];
        Func<int, List<double>[], int[], Task<int>> phase = rate > 0
            ? (s, samples, verdicts) => RunOpenLoopAsync(http, bodies, tokens, rate, s, samples, verdicts)
            : (s, samples, verdicts) => RunPhaseAsync(http, bodies, tokens, concurrency, s, samples, verdicts);
        await phase(warmup, [.. kinds.Select(_ => new List<double>())], new int[4]);
        var samples = kinds.Select(_ => new List<double>()).ToArray();
        var verdicts = new int[4];
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pauseBefore = GC.GetTotalPauseDuration();
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        timings.Recording = true;
        var errors = await phase(seconds, samples, verdicts);
        timings.Recording = false;
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        Console.WriteLine($"{"caller",-12} {"count",8} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8}");
        var all = samples.SelectMany(s => s).Order().ToList();
        for (var k = 0; k < kinds.Length; k++)
            Line(kinds[k], samples[k].Order().ToList());
        Line("all", all);
        Line("in server", timings.Sorted());
        Console.WriteLine($"throughput              {all.Count / (double)seconds:F0} req/s, errors {errors}, CPU {cpu.TotalSeconds / seconds * 100:F0} % of one core (server and load generator)");
        Console.WriteLine($"GCs during the run      gen0 {GC.CollectionCount(0) - gcBefore.Item1}, gen1 {GC.CollectionCount(1) - gcBefore.Item2}, gen2 {GC.CollectionCount(2) - gcBefore.Item3}, paused {pause.TotalMilliseconds:F0} ms in all");
        Console.WriteLine($"load average            before {load}; after {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
        Console.WriteLine($"verdicts                authentic {verdicts[0]:N0}, suspicious {verdicts[1]:N0}, invalid {verdicts[2]:N0}, unknown {verdicts[3]:N0}");
        Console.WriteLine($"peak working set        {process.PeakWorkingSet64 / 1048576.0:F0} MiB");
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        if (postgres is not null)
            await DropAsync(postgres, pgDatabase);
        return errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// Time from the first middleware to the response being written, per request: the server's own share, without the
    /// client's queueing. On a shared 2-core machine the two differ by the time the load generator waited for a core.
    /// </summary>
    private sealed class ServerTimings : IStartupFilter
    {
        private readonly List<double> samples = [];

        public volatile bool Recording;

        public List<double> Sorted()
        {
            lock (samples)
                return [.. samples.Order()];
        }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                var started = Stopwatch.GetTimestamp();
                await inner(context);
                if (Recording)
                {
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    lock (samples)
                        samples.Add(ms);
                }
            });
            next(app);
        };
    }

    private static void Line(string label, List<double> sorted) =>
        Console.WriteLine($"{label,-12} {sorted.Count,8} {P(sorted, 0.50),8:F2} {P(sorted, 0.90),8:F2} {P(sorted, 0.99),8:F2} {(sorted.Count == 0 ? double.NaN : sorted[^1]),8:F2}");

    /// <summary>The query as the API's JSON body, serialised once so the clients spend no time on it.</summary>
    private static byte[] Body(VerificationRequest q) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
    {
        ["number"] = q.Number,
        ["text"] = q.FreeText,
        ["scheme"] = q.ClaimedScheme?.Token(),
        ["product"] = q.ClaimedProduct,
        ["model"] = q.Model,
        ["holder"] = q.ClaimedHolderName,
        ["holderCreditCode"] = q.ClaimedHolderCreditCode,
        ["issuer"] = q.ClaimedIssuer,
        ["markings"] = q.Markings,
        ["asOf"] = AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    });

    private static async Task<int> RunPhaseAsync(HttpClient http, byte[][] bodies, string?[] tokens, int concurrency, int seconds,
        List<double>[] samples, int[] verdicts)
    {
        var clock = Stopwatch.StartNew();
        var errors = 0;
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var local = tokens.Select(_ => new List<double>()).ToArray();
            var localVerdicts = new int[4];
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var i = Interlocked.Increment(ref next);
                var kind = i % tokens.Length;
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/certificates/verify")
                {
                    Content = new ByteArrayContent(bodies[i % bodies.Length]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                if (tokens[kind] is { } token)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                local[kind].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }
                localVerdicts[VerdictIndex(body)]++;
            }
            lock (samples)
            {
                for (var k = 0; k < local.Length; k++)
                    samples[k].AddRange(local[k]);
                for (var v = 0; v < 4; v++)
                    verdicts[v] += localVerdicts[v];
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return errors;
    }

    /// <summary>
    /// Open loop: request i is due at i / rate seconds; a ticker starts every request that has fallen due (about every
    /// millisecond) without waiting for earlier answers, and its latency runs from when it was due to its answer.
    /// </summary>
    private static async Task<int> RunOpenLoopAsync(HttpClient http, byte[][] bodies, string?[] tokens, int rate, int seconds,
        List<double>[] samples, int[] verdicts)
    {
        var clock = Stopwatch.StartNew();
        var errors = 0;
        var sent = 0L;
        var total = (long)rate * seconds;
        var inFlight = new List<Task>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A thread of its own sleeping 1 ms at a time: Task.Delay's timer fires late on a busy machine, which would
        // send in bursts and charge the delay to the server.
        var ticker = new Thread(() =>
        {
            while (sent < total)
            {
                var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate));
                for (; sent < due; sent++)
                {
                    var i = (int)sent;
                    var dueAt = TimeSpan.FromSeconds(sent / (double)rate);
                    inFlight.Add(Task.Run(() => SendAsync(i, dueAt)));
                }
                Thread.Sleep(1);
            }
            done.SetResult();
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        ticker.Start();
        await done.Task;
        await Task.WhenAll(inFlight);
        return errors;

        async Task SendAsync(int i, TimeSpan dueAt)
        {
            var kind = i % tokens.Length;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/certificates/verify")
            {
                Content = new ByteArrayContent(bodies[i % bodies.Length]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            if (tokens[kind] is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var ms = (clock.Elapsed - dueAt).TotalMilliseconds;
            lock (samples)
            {
                samples[kind].Add(ms);
                if (response.IsSuccessStatusCode)
                    verdicts[VerdictIndex(body)]++;
            }
            if (!response.IsSuccessStatusCode)
                Interlocked.Increment(ref errors);
        }
    }

    /// <summary>The verdict is the first property the API writes: {"verdict":"…".</summary>
    private static int VerdictIndex(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        reader.Read();
        reader.Read();
        return reader.GetString() switch { "authentic" => 0, "suspicious" => 1, "invalid" => 2, _ => 3 };
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>
    /// Bodies through EF, then the first <paramref name="n"/> certificates that are unique by (scheme, number, issuer) — the
    /// generator repeats a few numbers, as renewals do, which the table's unique index refuses — with their lifecycle
    /// events, and the credit listings, all through <see cref="BulkInsert"/> (fixture data: not audited).
    /// </summary>
    private static async Task<int> SeedAsync(IServiceProvider services, SyntheticRegistry data, int n)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("bench");
        var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
        db.AuditEnabled = false;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTimeOffset.UtcNow;
        foreach (var b in data.Bodies)
        {
            db.CertificationBodies.Add(new BodyRecord
            {
                Key = b.Id,
                NameZh = b.NameZh,
                NameEn = b.NameEn,
                Kind = b.Kind,
                Number = b.Number,
                Scopes = [.. b.Scopes.Select(s => new BodyScopeRecord { Scheme = s.Scheme, ProductCategory = s.ProductCategory, Legislation = s.Legislation, From = s.From, Until = s.Until })],
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync();

        var seen = new HashSet<(CertificateScheme, string, string)>();
        var kept = new List<Certificate>(n);
        foreach (var c in data.Certificates)
        {
            if (kept.Count == n)
                break;
            if (seen.Add((c.Scheme, CertificateNumber.Key(c.Scheme, c.Number), c.IssuerBodyId)))
                kept.Add(c);
        }
        const int chunk = 50_000;
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            for (var start = 0; start < kept.Count; start += chunk)
            {
                var rows = kept.Skip(start).Take(chunk).Select(c => Record(c, now)).ToList();
                await BulkInsert.InsertAsync(db, rows, readBackKeys: false);
            }
            await tx.CommitAsync();
        }
        // Ids follow insertion order in an empty table; read them back by key anyway rather than assume it.
        var ids = new Dictionary<(CertificateScheme, string, string), long>(kept.Count);
        await foreach (var r in db.Certificates.AsNoTracking().Select(c => new { c.Id, c.Scheme, c.NumberKey, c.IssuerKey }).AsAsyncEnumerable())
            ids[(r.Scheme, r.NumberKey, r.IssuerKey)] = r.Id;
        var events = kept.SelectMany(c => c.Events.Select(e => new CertificateEventRecord
        {
            CertificateId = ids[(c.Scheme, CertificateNumber.Key(c.Scheme, c.Number), c.IssuerBodyId)],
            Date = e.Date,
            Kind = e.Kind,
            Note = e.Note,
            RecordedAt = now,
        })).ToList();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await BulkInsert.InsertAsync(db, events, readBackKeys: false);
            var listings = data.Listings.DistinctBy(l => l.CreditCode).Select((l, i) => new DishonestyListing
            {
                Kind = l.Kind,
                CreditCode = l.CreditCode,
                EntityName = "bench",
                RegionCode = l.CreditCode.Substring(2, 6),
                Category = "产品质量",
                LegalBasis = "《市场监督管理严重违法失信名单管理办法》",
                DecisionNumber = $"BENCH-{i:000000}",
                DecidedOn = l.ListedOn,
                Authority = "市场监督管理局",
                State = ListingState.Listed,
                PublishedOn = l.ListedOn,
                CreatedAt = now,
                UpdatedAt = now,
            }).ToList();
            await BulkInsert.InsertAsync(db, listings, readBackKeys: false);
            await tx.CommitAsync();
        }
        return kept.Count;
    }

    private static CertificateRecord Record(Certificate c, DateTimeOffset now) => new()
    {
        Scheme = c.Scheme,
        Number = c.Number,
        NumberKey = CertificateNumber.Key(c.Scheme, c.Number),
        IssuerKey = c.IssuerBodyId,
        HolderName = c.HolderName,
        HolderCreditCode = c.HolderCreditCode,
        // The synthetic credit codes carry a city code (xx0100) in the registration-authority position.
        RegionCode = c.HolderCreditCode?.Substring(2, 6),
        Manufacturer = c.Manufacturer,
        ProductCategory = c.ProductCategory,
        Models = [.. c.Models],
        IssuedOn = c.IssuedOn,
        ExpiresOn = c.ExpiresOn,
        Status = c.Events.Count == 0 ? CertificateStatus.Valid : c.Events[^1].Kind switch
        {
            LifecycleEventKind.Suspended => CertificateStatus.Suspended,
            LifecycleEventKind.Withdrawn => CertificateStatus.Withdrawn,
            _ => CertificateStatus.Valid,
        },
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static async Task DropAsync(string server, string database)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new Npgsql.NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<int> CountAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("bench");
        return await scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>().Certificates.CountAsync();
    }

    private static async Task<(string National, string Provincial)> TokensAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("bench");
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokens>();
        if (await users.FindByNameAsync("bench.admin") is null)
        {
            await admin.AddAsync(new NewUser("bench.admin", Roles.NationalAdmin, "100000", "Bench#2026"));
            await admin.AddAsync(new NewUser("bench.gd", Roles.RegionalOfficer, "44", "Bench#2026"));
        }
        var national = (await tokens.CreateAsync((await users.FindByNameAsync("bench.admin"))!, "bench")).Token;
        var provincial = (await tokens.CreateAsync((await users.FindByNameAsync("bench.gd"))!, "bench")).Token;
        return (national, provincial);
    }
}
