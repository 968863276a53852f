using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Registry.Regions;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Bench;

/// <summary>
/// Enterprise list/search latency under concurrent load on loopback: the real app on Kestrel, N enterprises,
/// C concurrent clients for S seconds, a mix of list pages, name search, credit-code search and detail reads
/// by a regional officer (scoped queries) and by a national user.
/// </summary>
public static class SearchLoad
{
    private static readonly string[] Words = ["康洁", "安泰", "华盾", "众诚", "博瑞", "恒达", "瑞康", "美佳", "天成", "鑫源", "卫安", "佳禾", "普惠", "金盾", "绿源", "正和"];
    private static readonly string[] Trades = ["医疗用品", "防护用品", "无纺布制品", "医疗器械", "劳保用品", "卫生材料", "电子科技", "日用品"];

    public static async Task<int> RunAsync(string[] args)
    {
        var n = Arg(args, "--enterprises", 100_000);
        var concurrency = Arg(args, "--concurrency", 16);
        var seconds = Arg(args, "--seconds", 20);
        var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();

        var appArgs = new List<string> { "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning" };
        if (postgres is not null)
        {
            appArgs.AddRange(["--Database:Provider=Postgres", $"--ConnectionStrings:QualityWatch={postgres};Database=qw_bench_{Guid.NewGuid():N}", "--Database:MigrateOnStart=true"]);
        }
        else
        {
            appArgs.Add($"--Database:SqlitePath={Path.Combine(Directory.CreateTempSubdirectory("qw-bench-").FullName, "bench.db")}");
        }
        await using var app = QualityWatchApp.Build([.. appArgs]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var (officerToken, adminToken, codes) = await SeedAsync(app.Services, n);
        Console.WriteLine($"provider={(postgres is null ? "sqlite" : "postgres")} enterprises={n} concurrency={concurrency} seconds={seconds}");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = new Uri(address) };
        var kinds = new[] { "list-region", "search-name", "search-code", "detail", "list-national" };
        var samples = kinds.ToDictionary(k => k, _ => new List<double>());
        // Warm up (JIT, connection pools, SQLite page cache) before measuring.
        await RunPhaseAsync(http, kinds, officerToken, adminToken, codes, n, concurrency, 3, kinds.ToDictionary(k => k, _ => new List<double>()));
        var errors = await RunPhaseAsync(http, kinds, officerToken, adminToken, codes, n, concurrency, seconds, samples);

        var all = samples.Values.SelectMany(v => v).Order().ToList();
        Console.WriteLine($"{"request",-14} {"count",8} {"p50 ms",8} {"p99 ms",8}");
        foreach (var (k, v) in samples)
        {
            var sorted = v.Order().ToList();
            Console.WriteLine($"{k,-14} {sorted.Count,8} {P(sorted, 0.50),8:F2} {P(sorted, 0.99),8:F2}");
        }
        Console.WriteLine($"{"all",-14} {all.Count,8} {P(all, 0.50),8:F2} {P(all, 0.99),8:F2}   throughput {all.Count / (double)seconds:F0} req/s, errors {errors}");
        await app.StopAsync();
        return errors == 0 ? 0 : 1;
    }

    private static async Task<int> RunPhaseAsync(HttpClient http, string[] kinds, string officerToken, string adminToken, List<string> codes,
        int n, int concurrency, int seconds, Dictionary<string, List<double>> samples)
    {
        var deadline = Stopwatch.StartNew();
        var errors = 0;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var rnd = new Random(w);
            var local = kinds.ToDictionary(k => k, _ => new List<double>());
            while (deadline.Elapsed.TotalSeconds < seconds)
            {
                var kind = kinds[rnd.Next(kinds.Length)];
                var (token, url) = kind switch
                {
                    "list-region" => (officerToken, "/api/v1/enterprises?regionCode=4403&limit=50"),
                    "search-name" => (officerToken, $"/api/v1/enterprises?q={Uri.EscapeDataString(Words[rnd.Next(Words.Length)] + Trades[rnd.Next(Trades.Length)])}&limit=50"),
                    "search-code" => (adminToken, $"/api/v1/enterprises?q={codes[rnd.Next(codes.Count)][..12]}&limit=50"),
                    "detail" => (adminToken, $"/api/v1/enterprises/{rnd.Next(1, n + 1)}"),
                    _ => (adminToken, $"/api/v1/enterprises?limit=50&cursor={QualityWatch.Core.Paging.Cursor.Encode(rnd.Next(0, n - 50))}"),
                };
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var sw = Stopwatch.StartNew();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                sw.Stop();
                if (!response.IsSuccessStatusCode)
                    Interlocked.Increment(ref errors);
                local[kind].Add(sw.Elapsed.TotalMilliseconds);
            }
            lock (samples)
                foreach (var (k, v) in local)
                    samples[k].AddRange(v);
        })).ToArray();
        await Task.WhenAll(workers);
        return errors;
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Bulk-loads enterprises straight through EF (audit off: this is fixture data, not a user's change).</summary>
    private static async Task<(string Officer, string Admin, List<string> Codes)> SeedAsync(IServiceProvider services, int n)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("bench");
        var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
        db.AuditEnabled = false;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var counties = await db.Regions.Where(r => r.Level == RegionLevel.County).Select(r => r.Code).ToListAsync();
        var shenzhen = counties.Where(c => c.StartsWith("4403", StringComparison.Ordinal)).ToList();
        var rnd = new Random(42);
        var codes = new List<string>(n);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < n; i++)
        {
            var county = i % 20 == 0 ? shenzhen[rnd.Next(shenzhen.Count)] : counties[rnd.Next(counties.Count)];
            var code = CreditCode.Build("91", county, (i + 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)[..8]);
            var name = $"{Words[rnd.Next(Words.Length)]}{Trades[rnd.Next(Trades.Length)]}{i}有限公司";
            codes.Add(code);
            db.Enterprises.Add(new Enterprise
            {
                Name = name,
                NormalizedName = EnterpriseName.Normalise(name),
                CreditCode = code,
                RegionCode = county,
                Types = EnterpriseTypes.Producer,
                CreatedAt = now,
                UpdatedAt = now,
            });
            if (i % 5000 == 4999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();

        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokens>();
        await admin.AddAsync(new NewUser("bench.sz", Roles.RegionalOfficer, "4403", "Bench#2026"));
        await admin.AddAsync(new NewUser("bench.admin", Roles.NationalAdmin, "100000", "Bench#2026"));
        var officer = (await tokens.CreateAsync((await users.FindByNameAsync("bench.sz"))!, "bench")).Token;
        var national = (await tokens.CreateAsync((await users.FindByNameAsync("bench.admin"))!, "bench")).Token;
        return (officer, national, codes);
    }
}
