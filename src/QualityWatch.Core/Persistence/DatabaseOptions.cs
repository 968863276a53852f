using System.ComponentModel.DataAnnotations;

namespace QualityWatch.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the <c>Database</c> section and <c>ConnectionStrings:QualityWatch</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, optional: defaults to <see cref="SqlitePath"/>. For PostgreSQL, required.</summary>
    public string? ConnectionString { get; set; }

    [Required]
    public string SqlitePath { get; set; } = Path.Combine("data", "qualitywatch.db");

    /// <summary>SQLite is migrated on start; PostgreSQL only by `qw db migrate` unless this is set.</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>
    /// Parses the CLI's <c>--database</c> value: <c>sqlite:PATH</c>, or anything else as a PostgreSQL connection string.
    /// </summary>
    public static DatabaseOptions FromCliValue(string value)
    {
        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
            return new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = value["sqlite:".Length..] };
        return new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = value };
    }

    public string ResolveConnectionString()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(ConnectionString)
                ? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:QualityWatch is empty.")
                : ConnectionString;
        }
        if (!string.IsNullOrWhiteSpace(ConnectionString))
            return ConnectionString;
        var full = Path.GetFullPath(SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = full,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }
}
