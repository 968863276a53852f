using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Persistence;
using QualityWatch.Web.Hosting;
using QualityWatch.Web.Tests.Infrastructure;

namespace QualityWatch.Web.Tests.Certification.Bodies;

/// <summary>
/// The real application with its own database per provider (schedulers off), so national certification scans here do
/// not touch the data other test classes rely on.
/// </summary>
public sealed class BodiesTestApp
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<BodiesTestApp>>> Apps = new();
    private readonly ConcurrentDictionary<string, string> tokens = new();

    public required WebApplication App { get; init; }
    public required Uri BaseAddress { get; init; }

    public static Task<BodiesTestApp> GetAsync(string provider) =>
        Apps.GetOrAdd(provider, p => new Lazy<Task<BodiesTestApp>>(() => StartAsync(p))).Value;

    private static async Task<BodiesTestApp> StartAsync(string provider)
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--RateLimiting:PublicPermitsPerMinute=1000",
            "--Risk:ScheduleEnabled=false", "--Certification:ScheduleEnabled=false",
        };
        if (provider == "postgres")
        {
            var baseCs = TestApp.PostgresConnectionBase() ?? throw new InvalidOperationException("CI=true but QW_TEST_PG is not set: PostgreSQL tests cannot run.");
            args.Add("--Database:Provider=Postgres");
            args.Add($"--ConnectionStrings:QualityWatch={baseCs};Database=qw_test_bodies_{Guid.NewGuid():N}");
            args.Add("--Database:MigrateOnStart=true");
        }
        else
        {
            var dir = Directory.CreateTempSubdirectory("qw-bodies-test-");
            args.Add($"--Database:SqlitePath={Path.Combine(dir.FullName, "test.db")}");
        }
        var app = QualityWatchApp.Build([.. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bodies = new BodiesTestApp { App = app, BaseAddress = new Uri(address) };
        foreach (var u in DemoUsers.All.Where(u => u.Role != Roles.EnterpriseUser))
            await bodies.AddUserAsync(u.Name, u.Role, u.RegionCode, null);
        return bodies;
    }

    public async Task AddUserAsync(string name, string role, string regionCode, long? enterpriseId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("test-setup");
        var result = await scope.ServiceProvider.GetRequiredService<UserAdmin>()
            .AddAsync(new NewUser(name, role, regionCode, "Bodies#Test2026", name, enterpriseId));
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

    /// <summary>Without following redirects, so a sign-in redirect is seen as such.</summary>
    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public async Task<T> WithDbAsync<T>(Func<QualityWatchDbContext, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("test-setup");
        return await work(scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>());
    }

    /// <summary>Registers an enterprise through the API (name index, region checks, audit) and returns its id and credit code.</summary>
    public async Task<(long Id, string CreditCode)> CreateEnterpriseAsync(string county, string name, string type)
    {
        var code = TestData.NewCreditCode(county);
        var response = await ClientFor("admin").PostAsJsonAsync("/api/v1/enterprises", new
        {
            name,
            creditCode = code,
            regionCode = county,
            types = new[] { type },
            address = "测试地址",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (JsonDocument.Parse(body).RootElement.GetProperty("enterprise").GetProperty("id").GetInt64(), code);
    }
}
