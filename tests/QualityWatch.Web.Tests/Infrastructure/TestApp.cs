using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Identity;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Tests.Infrastructure;

/// <summary>
/// The real application on Kestrel at a loopback port, on a fresh SQLite file or a fresh PostgreSQL database
/// (from QW_TEST_PG, which ./test.sh sets after starting a throwaway cluster). One instance per provider per run;
/// tests make their own uniquely-coded records so they do not interfere.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<TestApp>>> Apps = new();
    private readonly Dictionary<string, string> tokens = [];

    public required WebApplication App { get; init; }
    public required Uri BaseAddress { get; init; }
    public required string Provider { get; init; }

    /// <summary>The providers every data test runs on: SQLite always, PostgreSQL when configured (required when CI=true).</summary>
    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (PostgresConnectionBase() is not null || IsCi)
            data.Add("postgres");
        return data;
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? PostgresConnectionBase() => Environment.GetEnvironmentVariable("QW_TEST_PG") is { Length: > 0 } s ? s : null;

    public static Task<TestApp> GetAsync(string provider) =>
        Apps.GetOrAdd(provider, p => new Lazy<Task<TestApp>>(() => StartAsync(p))).Value;

    private static async Task<TestApp> StartAsync(string provider)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--RateLimiting:PublicPermitsPerMinute=1000" };
        if (provider == "postgres")
        {
            var baseCs = PostgresConnectionBase() ?? throw new InvalidOperationException("CI=true but QW_TEST_PG is not set: PostgreSQL tests cannot run.");
            args.Add("--Database:Provider=Postgres");
            args.Add($"--ConnectionStrings:QualityWatch={baseCs};Database=qw_test_{Guid.NewGuid():N}");
            args.Add("--Database:MigrateOnStart=true");
        }
        else
        {
            var dir = Directory.CreateTempSubdirectory("qw-test-");
            args.Add($"--Database:SqlitePath={Path.Combine(dir.FullName, "test.db")}");
        }
        var app = QualityWatchApp.Build([.. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var testApp = new TestApp { App = app, BaseAddress = new Uri(address), Provider = provider };
        await testApp.SeedUsersAsync();
        return testApp;
    }

    private async Task SeedUsersAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("test-setup");
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var apiTokens = scope.ServiceProvider.GetRequiredService<ApiTokens>();
        foreach (var u in DemoUsers.All.Where(u => u.Role != Roles.EnterpriseUser))
        {
            var result = await admin.AddAsync(new NewUser(u.Name, u.Role, u.RegionCode, u.Password, u.DisplayName));
            if (result.User is null)
                throw new InvalidOperationException($"Seeding {u.Name} failed: {string.Join("; ", result.Errors.SelectMany(e => e.Value))}");
            var appUser = await users.FindByNameAsync(u.Name);
            tokens[u.Name] = (await apiTokens.CreateAsync(appUser!, "tests")).Token;
        }
    }

    /// <summary>An HTTP client calling the API as the named demo user with a bearer token.</summary>
    public HttpClient ClientFor(string userName)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[userName]);
        return client;
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public static class HttpJson
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<T>(JsonOptions);
        return body ?? throw new InvalidOperationException("empty body");
    }

    public static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);
}
