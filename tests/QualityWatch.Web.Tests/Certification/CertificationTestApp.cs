using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
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
using QualityWatch.Core.Demo;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Web.Hosting;
using QualityWatch.Web.Tests.Infrastructure;

namespace QualityWatch.Web.Tests.Certification;

/// <summary>
/// The real application on its own database (SQLite file or a fresh PostgreSQL database), with the demo users and their
/// tokens, the Guangdong medical-products administration as a body, and certificates written straight through the
/// DbContext (as an import would store them) followed by a registry refresh, so verification sees them.
/// </summary>
public sealed class CertificationTestApp
{
    public static readonly string ShenzhenHolder = CreditCode.Build("91", "440305", "MA5F1234");
    public const string ShenzhenHolderName = "深圳市康泽医疗用品有限公司";
    public static readonly string GuangzhouHolder = CreditCode.Build("91", "440106", "MA5G5678");
    public const string GuangzhouHolderName = "广州市宏达防护用品有限公司";
    public const string Issuer = "mpa:44";

    private static readonly ConcurrentDictionary<string, Lazy<Task<CertificationTestApp>>> Apps = new();
    private readonly ConcurrentDictionary<string, string> tokens = new();
    private int serial;

    public required WebApplication App { get; init; }
    public required Uri BaseAddress { get; init; }

    public static Task<CertificationTestApp> GetAsync(string provider) =>
        Apps.GetOrAdd(provider, p => new Lazy<Task<CertificationTestApp>>(() => StartAsync(p, verifyPermits: 100_000))).Value;

    /// <summary>A separate SQLite app whose public verification budget is <paramref name="verifyPermits"/> a minute.</summary>
    public static Task<CertificationTestApp> RateLimitedAsync(int verifyPermits) =>
        Apps.GetOrAdd($"sqlite-limit-{verifyPermits}", _ => new Lazy<Task<CertificationTestApp>>(() => StartAsync("sqlite", verifyPermits))).Value;

    private static async Task<CertificationTestApp> StartAsync(string provider, int verifyPermits)
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--RateLimiting:PublicPermitsPerMinute=100000",
            $"--RateLimiting:VerifyPermitsPerMinute={verifyPermits}", "--Risk:ScheduleEnabled=false",
        };
        if (provider == "postgres")
        {
            var baseCs = TestApp.PostgresConnectionBase() ?? throw new InvalidOperationException("CI=true but QW_TEST_PG is not set: PostgreSQL tests cannot run.");
            args.Add("--Database:Provider=Postgres");
            args.Add($"--ConnectionStrings:QualityWatch={baseCs};Database=qw_test_cert_{Guid.NewGuid():N}");
            args.Add("--Database:MigrateOnStart=true");
        }
        else
        {
            var dir = Directory.CreateTempSubdirectory("qw-cert-test-");
            args.Add($"--Database:SqlitePath={Path.Combine(dir.FullName, "test.db")}");
        }
        var app = QualityWatchApp.Build([.. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var cert = new CertificationTestApp { App = app, BaseAddress = new Uri(address) };
        foreach (var u in DemoUsers.All.Where(u => u.Role != Roles.EnterpriseUser))
            await cert.AddUserAsync(u.Name, u.Role, u.RegionCode);
        await cert.WithDbAsync(async db =>
        {
            db.CertificationBodies.Add(new BodyRecord
            {
                Key = Issuer,
                NameZh = "广东省药品监督管理局",
                NameEn = "Guangdong Medical Products Administration",
                Kind = BodyKind.Other,
                Scopes = [new BodyScopeRecord { Scheme = CertificateScheme.NmpaRegistration }],
            });
            return await db.SaveChangesAsync();
        });
        return cert;
    }

    private async Task AddUserAsync(string name, string role, string regionCode)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("test-setup");
        var result = await scope.ServiceProvider.GetRequiredService<UserAdmin>().AddAsync(new NewUser(name, role, regionCode, "Cert#Test2026", name));
        if (result.User is null)
            throw new InvalidOperationException($"Seeding {name} failed: {string.Join("; ", result.Errors.SelectMany(e => e.Value))}");
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(name);
        tokens[name] = (await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(user!, "tests")).Token;
    }

    public HttpClient ClientFor(string userName)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[userName]);
        return client;
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public async Task<T> WithDbAsync<T>(Func<QualityWatchDbContext, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("test-setup");
        return await work(scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>());
    }

    public RegistrySnapshot Snapshot => App.Services.GetRequiredService<RegistrySnapshot>();

    /// <summary>A fresh, well-formed Guangdong registration number for a surgical mask issued in 2024: unique in this app.</summary>
    public string NewNumber() => $"粤械注准2024214{Interlocked.Increment(ref serial):0000}";

    /// <summary>Stores a surgical-mask registration of the given holder (county decides the region), then refreshes the registry.</summary>
    public async Task<CertificateRecord> AddMaskAsync(string county, string holderName, string holderCode, Action<CertificateRecord>? edit = null)
    {
        var number = NewNumber();
        var record = await WithDbAsync(async db =>
        {
            var now = db.Clock.GetUtcNow();
            var c = new CertificateRecord
            {
                Scheme = CertificateScheme.NmpaRegistration,
                Number = number,
                NumberKey = CertificateNumber.Key(CertificateScheme.NmpaRegistration, number),
                IssuerKey = Issuer,
                HolderName = holderName,
                HolderCreditCode = holderCode,
                RegionCode = county,
                Manufacturer = holderName,
                ProductCategory = "MASK-SURG",
                Products = ["医用外科口罩"],
                Models = ["KZ-01", "KZ-02"],
                Standard = "YY 0469-2011",
                IssuedOn = new DateOnly(2024, 3, 1),
                ExpiresOn = new DateOnly(2029, 2, 28),
                Status = CertificateStatus.Valid,
                Events = [new CertificateEventRecord { Date = new DateOnly(2024, 3, 1), Kind = LifecycleEventKind.Issued, RecordedAt = now }],
                CreatedAt = now,
                UpdatedAt = now,
            };
            edit?.Invoke(c);
            db.Certificates.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        await Snapshot.RefreshAsync();
        return record;
    }

    public Task<CertificateRecord> AddShenzhenMaskAsync(Action<CertificateRecord>? edit = null) => AddMaskAsync("440305", ShenzhenHolderName, ShenzhenHolder, edit);

    public Task<CertificateRecord> AddGuangzhouMaskAsync(Action<CertificateRecord>? edit = null) => AddMaskAsync("440106", GuangzhouHolderName, GuangzhouHolder, edit);

    public Task<int> CountAuditAsync(long certificateId, string action) =>
        WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.EntityType == nameof(CertificateRecord)
            && a.EntityId == certificateId.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == action));
}
