using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Registry.Regions;

namespace QualityWatch.Core.Persistence;

/// <summary>Creates and migrates the database and loads the reference data every deployment needs.</summary>
public sealed class DatabaseInitializer(QualityWatchDbContext db, DatabaseOptions options, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        if (options.Provider == DatabaseProvider.Postgres)
            await EnsurePostgresDatabaseAsync(db.Database.GetConnectionString()!, ct);
        await db.Database.MigrateAsync(ct);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the web app read while an import writes; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        var added = await RegionSeed.EnsureSeededAsync(db, ct);
        if (added > 0)
            logger.LogInformation("Loaded {Count} GB/T 2260 regions", added);
        await RoleSeed.EnsureRolesAsync(db, ct);
    }

    public async Task<bool> HasPendingMigrationsAsync(CancellationToken ct = default) =>
        (await db.Database.GetPendingMigrationsAsync(ct)).Any();

    /// <summary>
    /// EF would create the database with the server's default collation; Chinese text needs a UTF-8 one,
    /// so the database is created here from template0 with C.UTF-8.
    /// </summary>
    public static async Task EnsurePostgresDatabaseAsync(string connectionString, CancellationToken ct = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database ?? throw new InvalidOperationException("The PostgreSQL connection string names no database.");
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection))
        {
            exists.Parameters.AddWithValue("n", name);
            if (await exists.ExecuteScalarAsync(ct) is not null)
                return;
        }
        var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand(
            $"CREATE DATABASE {quoted} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'", connection);
        await create.ExecuteNonQueryAsync(ct);
    }
}
