using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Persistence;
using QualityWatch.Web.Api;
using QualityWatch.Web.Scheduling;
using QualityWatch.Web.Security;

namespace QualityWatch.Web.Hosting;

/// <summary>
/// The web application's table of contents. Program.cs, `qw serve` and the tests all build the app here,
/// so they run the same pipeline.
/// </summary>
public static class QualityWatchApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(QualityWatchApp).Assembly.GetName().Name,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        // Defaults first, so appsettings.json, environment variables and switches override them.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            },
        });
        configure?.Invoke(builder);

        builder.AddQualityWatchDatabase();
        builder.AddQualityWatchIdentity();
        builder.Services.AddQualityWatchModules();
        builder.AddRiskSchedule();
        builder.AddCreditSchedule();
        builder.AddCertificationSchedule();
        builder.AddQualityWatchWeb();

        var app = builder.Build();
        app.UseQualityWatchPipeline();
        app.MapQualityWatchApi();
        app.MapRazorPages();
        return app;
    }

    public static void AddQualityWatchDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= builder.Configuration.GetConnectionString("QualityWatch");
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // Microsoft.Data.Sqlite runs queries synchronously under its async API, so each request holds a pool
            // thread for the query's duration; on a 2-core machine the pool's slow thread injection would queue
            // requests for hundreds of milliseconds under load.
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        }
        builder.Services.AddQualityWatchData(options);
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddHealthChecks().AddDbContextCheck<QualityWatchDbContext>("database", tags: ["ready"]);
    }

    public static void AddQualityWatchIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddQualityWatchIdentityCore()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<QualityWatchClaimsFactory>()
            .AddDefaultTokenProviders();

        const string smart = "QualityWatch";
        builder.Services.AddAuthentication(smart)
            .AddPolicyScheme(smart, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(o => o.ApplicationCookie?.Configure(c =>
            {
                c.LoginPath = "/account/login";
                c.LogoutPath = "/account/logout";
                c.AccessDeniedPath = "/account/denied";
                c.Cookie.Name = "qw.auth";
                c.Cookie.HttpOnly = true;
                c.Cookie.SameSite = SameSiteMode.Lax;
                c.SlidingExpiration = true;
                c.ExpireTimeSpan = TimeSpan.FromHours(8);
                // API callers get status codes, not a redirect to the sign-in page.
                c.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                c.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            }));

        builder.Services.AddAuthorizationBuilder()
            // Everything needs a signed-in user unless it says [AllowAnonymous] / AllowAnonymous().
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff.Split(',')))
            .AddPolicy(Policies.RegistryEditor, p => p.RequireRole(Roles.RegistryEditors.Split(',')))
            .AddPolicy(Policies.UserAdmin, p => p.RequireRole(Roles.NationalAdmin, Roles.RegionalOfficer))
            .AddPolicy(Policies.NationalAdmin, p => p.RequireRole(Roles.NationalAdmin));
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static void AddQualityWatchWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        // Cookie and antiforgery keys live beside the data (or on a shared volume for several instances),
        // so sign-ins survive a restart and do not depend on the service account's home directory.
        services.AddDataProtection()
            .SetApplicationName("QualityWatch")
            .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["DataProtection:KeysPath"] ?? Path.Combine("data", "keys")));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddOpenApi("v1");
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<Ui.MapOptions>(builder.Configuration.GetSection(Ui.MapOptions.Section));
        services.AddRazorPages().AddViewLocalization().AddDataAnnotationsLocalization();
        services.AddQualityWatchRateLimiting(builder.Configuration);
    }

    public static void UseQualityWatchPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var cultures = new[] { "zh-CN", "en" };
        var localization = new RequestLocalizationOptions()
            .SetDefaultCulture("zh-CN").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
        // Chinese unless the user chose English with the switch: a regulator's English-language browser
        // should not silently change the working language.
        localization.RequestCultureProviders = [.. localization.RequestCultureProviders.Where(p => p is not AcceptLanguageHeaderRequestCultureProvider)];
        app.UseRequestLocalization(localization);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(QualityWatchApp).Assembly, "wwwroot"),
        });
        app.UseAuthentication();
        app.UseMiddleware<AccessScopeMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    }
}

public static class Policies
{
    public const string Staff = nameof(Staff);
    public const string RegistryEditor = nameof(RegistryEditor);
    public const string UserAdmin = nameof(UserAdmin);
    public const string NationalAdmin = nameof(NationalAdmin);
}

/// <summary>
/// Migrates SQLite on start (the embedded default must just work); a PostgreSQL deployment is migrated
/// by `qw db migrate` and the app refuses to start on an out-of-date schema rather than half-work.
/// </summary>
internal sealed class DatabaseStartup(IServiceProvider services, DatabaseOptions options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var init = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        if (options.Provider == DatabaseProvider.Sqlite || options.MigrateOnStart)
        {
            await init.MigrateAsync(cancellationToken);
            return;
        }
        if (await init.HasPendingMigrationsAsync(cancellationToken))
            throw new InvalidOperationException("The PostgreSQL schema is not up to date: run `./qw db migrate` first.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
