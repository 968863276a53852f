using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using QualityWatch.Core.Access;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry;
using QualityWatch.Core.Risk;

namespace QualityWatch.Risk.Bench;

/// <summary>
/// A fresh, migrated database with the same services the CLI builds (CliHost): a SQLite file in a temporary folder,
/// or a new PostgreSQL database under the given server connection string, dropped afterwards.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? folder;
    private readonly string? postgresAdmin;
    private readonly string? postgresName;

    private readonly bool keep;

    private BenchDatabase(DatabaseOptions options, ServiceProvider services, string? folder, string? postgresAdmin, string? postgresName, bool keep)
    {
        this.keep = keep;
        Options = options;
        Services = services;
        this.folder = folder;
        this.postgresAdmin = postgresAdmin;
        this.postgresName = postgresName;
    }

    public DatabaseOptions Options { get; }
    public ServiceProvider Services { get; }
    public bool IsPostgres => Options.Provider == DatabaseProvider.Postgres;
    public string Label => IsPostgres ? "PostgreSQL" : "SQLite";

    /// <summary>Connection string of a PostgreSQL server from --postgres or QW_BENCH_PG; null means SQLite.</summary>
    public static string? PostgresFrom(string[] args) =>
        args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault() ?? (Environment.GetEnvironmentVariable("QW_BENCH_PG") is { Length: > 0 } s ? s : null);

    /// <param name="keep">Keep the database afterwards (SQLite: in this folder; PostgreSQL: a fixed name) and reuse it next time.</param>
    public static async Task<BenchDatabase> CreateAsync(string? postgres, string name, string? keep = null)
    {
        DatabaseOptions options;
        string? folder = null;
        string? database = null;
        if (postgres is not null)
        {
            database = keep is null ? $"qw_bench_{name}_{Guid.NewGuid():N}"[..40] : $"qw_bench_{name}_kept";
            var builder = new NpgsqlConnectionStringBuilder(postgres) { Database = database };
            options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = builder.ConnectionString };
        }
        else
        {
            folder = keep is null ? Directory.CreateTempSubdirectory("qw-bench-").FullName : Directory.CreateDirectory(keep).FullName;
            options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = Path.Combine(folder, "bench.db") };
        }
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        // Migrating a new database probes for the history table first; EF logs that expected failure as an error.
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None));
        services.AddQualityWatchData(options);
        services.AddQualityWatchIdentityCore();
        services.AddRegistry();
        services.AddRisk();
        var provider = services.BuildServiceProvider();
        var db = new BenchDatabase(options, provider, folder, postgres, database, keep is not null);
        await using var scope = db.OpenScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        return db;
    }

    /// <summary>A scope acting as the system user "bench", as the CLI acts as "cli:user".</summary>
    public AsyncServiceScope OpenScope()
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("bench");
        return scope;
    }

    public long DatabaseBytes()
    {
        if (folder is null)
            return -1;
        return new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (keep)
            return;
        if (folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing a benchmark over.
            }
        }
        if (postgresAdmin is not null && postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
