using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry;
using QualityWatch.Core.Risk;

namespace QualityWatch.Cli;

/// <summary>
/// The services a CLI command needs, from the same configuration sources as the web app
/// (appsettings.json in the working directory, QW_ environment variables) plus <c>--database</c>.
/// The CLI acts as the system user "cli:&lt;OS user&gt;" in the audit log.
/// </summary>
public static class CliHost
{
    public static IConfiguration Configuration(ParseResult parse)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        return builder.Build();
    }

    public static DatabaseOptions DatabaseOptions(ParseResult parse)
    {
        var value = parse.GetValue(GlobalOptions.Database);
        if (!string.IsNullOrWhiteSpace(value))
            return Core.Persistence.DatabaseOptions.FromCliValue(value);
        var config = Configuration(parse);
        var options = config.GetSection(Core.Persistence.DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= config.GetConnectionString("QualityWatch");
        return options;
    }

    public static ServiceProvider Build(ParseResult parse)
    {
        var services = new ServiceCollection();
        // Module options bind from the same appsettings.json and environment variables the web app reads.
        services.AddSingleton(Configuration(parse));
        // Logs go to stderr so that stdout carries only the command's output (tokens, lists) for scripts.
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddQualityWatchData(DatabaseOptions(parse));
        services.AddQualityWatchIdentityCore();
        services.AddRegistry();
        services.AddRisk();
        services.AddCertification();
        return services.BuildServiceProvider();
    }

    /// <summary>A scope acting as the CLI user, with the database migrated when it is the embedded SQLite.</summary>
    public static async Task<AsyncServiceScope> OpenAsync(ServiceProvider provider, CancellationToken ct, bool migrateSqlite = true)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("cli:" + Environment.UserName);
        var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        if (migrateSqlite && options.Provider == DatabaseProvider.Sqlite)
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        return scope;
    }
}
