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

namespace QualityWatch.Web.Tests.Risk;

/// <summary>
/// The real application like <see cref="TestApp"/>, with its own database and a webhook configured (never delivered:
/// the scheduler is off), so the risk tests can check outbox messages and run national scans without touching the
/// data other test classes rely on.
/// </summary>
public sealed class RiskTestApp
{
    public const string Webhook = "http://127.0.0.1:9/qw-test-hook";

    private static readonly ConcurrentDictionary<string, Lazy<Task<RiskTestApp>>> Apps = new();
    private readonly ConcurrentDictionary<string, string> tokens = new();

    public required WebApplication App { get; init; }
    public required Uri BaseAddress { get; init; }

    public static Task<RiskTestApp> GetAsync(string provider) =>
        Apps.GetOrAdd(provider, p => new Lazy<Task<RiskTestApp>>(() => StartAsync(p))).Value;

    private static async Task<RiskTestApp> StartAsync(string provider)
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--RateLimiting:PublicPermitsPerMinute=1000",
            "--Risk:ScheduleEnabled=false", $"--Risk:Webhooks:0={Webhook}",
        };
        if (provider == "postgres")
        {
            var baseCs = TestApp.PostgresConnectionBase() ?? throw new InvalidOperationException("CI=true but QW_TEST_PG is not set: PostgreSQL tests cannot run.");
            args.Add("--Database:Provider=Postgres");
            args.Add($"--ConnectionStrings:QualityWatch={baseCs};Database=qw_test_risk_{Guid.NewGuid():N}");
            args.Add("--Database:MigrateOnStart=true");
        }
        else
        {
            var dir = Directory.CreateTempSubdirectory("qw-risk-test-");
            args.Add($"--Database:SqlitePath={Path.Combine(dir.FullName, "test.db")}");
        }
        var app = QualityWatchApp.Build([.. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var risk = new RiskTestApp { App = app, BaseAddress = new Uri(address) };
        foreach (var u in DemoUsers.All.Where(u => u.Role != Roles.EnterpriseUser))
            await risk.AddUserAsync(u.Name, u.Role, u.RegionCode, null);
        return risk;
    }

    /// <summary>Adds a user and keeps a personal API token for it.</summary>
    public async Task AddUserAsync(string name, string role, string regionCode, long? enterpriseId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("test-setup");
        var result = await scope.ServiceProvider.GetRequiredService<UserAdmin>()
            .AddAsync(new NewUser(name, role, regionCode, "Risk#Test2026", name, enterpriseId));
        if (result.User is null)
            throw new InvalidOperationException($"Seeding {name} failed: {string.Join("; ", result.Errors.SelectMany(e => e.Value))}");
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(name);
        tokens[name] = (await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(user!, "tests")).Token;
    }

    /// <summary>A regional officer (or other role) that only some tests need.</summary>
    public async Task AddUserIfMissingAsync(string name, string regionCode, string role = Roles.RegionalOfficer)
    {
        if (!tokens.ContainsKey(name))
            await AddUserAsync(name, role, regionCode, null);
    }

    public HttpClient ClientFor(string userName)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[userName]);
        return client;
    }

    /// <summary>Runs <paramref name="work"/> on a DbContext acting as the system (sees every region).</summary>
    public async Task<T> WithDbAsync<T>(Func<QualityWatchDbContext, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("test-setup");
        return await work(scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>());
    }

    public async Task<long> CreateEnterpriseAsync(string county, string name)
    {
        var e = await TestData.CreateEnterpriseAsync(ClientFor("admin"), county, name);
        return e.GetProperty("id").GetInt64();
    }
}

public static class RiskHttp
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url)).JsonAsync(expected);

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string url, object body, HttpStatusCode expected) =>
        await (await client.PostAsJsonAsync(url, body)).JsonAsync(expected);

    public static IEnumerable<JsonElement> Items(this JsonElement list) => list.GetProperty("items").EnumerateArray();
}
