using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using QualityWatch.Core.Access;
using QualityWatch.Core.Persistence;
using QualityWatch.Web;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Browser.Tests;

/// <summary>
/// The real app on Kestrel at a free loopback port with a throwaway SQLite file and seeded data, and one headless Chromium.
/// Shared by every browser test (one collection, so they run one after another).
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "qw-browser-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? playwright;

    public WebApplication App { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public SeededData Data { get; private set; } = null!;

    public static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        App = QualityWatchApp.Build(
            [
                "--urls", BaseUrl,
                "--Database:Provider=Sqlite",
                $"--Database:SqlitePath={Path.Combine(directory, "browser.db")}",
                // Every test signs in; the per-address limit on the sign-in page is for the internet, not for this loop.
                "--RateLimiting:PublicPermitsPerMinute=100000",
            ],
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
            });
        await App.StartAsync();
        Data = await TestData.SeedAsync(App.Services);

        if (!File.Exists(BrowserFactAttribute.ChromiumPath))
            return; // the facts are skipped (or, with CI=true, fail in Launch below)
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFactAttribute.ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not a test failure.
        }
    }

    /// <summary>Launches Chromium when the fixture could not (missing binary under CI=true): this throws and fails the test.</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        if (Browser is not null)
            return Browser;
        playwright ??= await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFactAttribute.ChromiumPath, Headless = true, Args = ChromiumArgs });
        return Browser;
    }

    /// <summary>A fresh browser context (no cookies) with a Chinese browser, signed in as <paramref name="user"/>.</summary>
    public async Task<Session> SignInAsync(string user, string password)
    {
        var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_UserName", user);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(BaseUrl + "/");
        return session;
    }

    public async Task<Session> OpenAsync()
    {
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new() { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var session = new Session(context, page);
        page.PageError += (_, e) => session.Errors.Add(e);
        page.Console += (_, m) =>
        {
            // Failed requests are recorded with their address below; the console line for them names none.
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                session.Errors.Add(m.Text);
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
                session.Errors.Add($"{r.Status} {r.Url}");
        };
        return session;
    }

    /// <summary>The app's own UI string for a key in a culture, so tests do not restate the resource files.</summary>
    public string Text(string key, string culture)
    {
        var localizer = App.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var s = localizer[key];
            Assert.False(s.ResourceNotFound, $"no UI string '{key}' for {culture}");
            return s.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    /// <summary>Runs a query as the system (no region filter), independent of the scoping under test.</summary>
    public async Task<T> QueryAsync<T>(Func<QualityWatchDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("browser-tests");
        return await query(scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>());
    }

    public Task<int> CountEnterprisesAsync(string regionPrefix) =>
        QueryAsync(db => db.Enterprises.IgnoreQueryFilters().CountAsync(e => e.RegionCode.StartsWith(regionPrefix)));

    public static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QualityWatch.slnx")))
            dir = dir.Parent;
        var root = dir?.FullName ?? Directory.GetCurrentDirectory();
        var target = Path.Combine(root, "docs", "screenshots");
        Directory.CreateDirectory(target);
        return Path.Combine(target, name);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class Session(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;

    /// <summary>Script errors and console errors seen on the page; a page that throws is a failed page.</summary>
    public List<string> Errors { get; } = [];

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "browser";
}
