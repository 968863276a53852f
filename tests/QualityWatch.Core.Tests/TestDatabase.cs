using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using QualityWatch.Core.Access;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Tests;

/// <summary>A migrated SQLite file in its own temporary folder, deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string connectionString;

    private TestDatabase(string folder)
    {
        Folder = folder;
        // No pooling, so the folder can be deleted when the test ends.
        connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "qw.db"), ForeignKeys = true, Pooling = false }.ToString();
    }

    public string Folder { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "qw-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var db = new TestDatabase(folder);
        await using var context = db.Context();
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = db.connectionString };
        await new DatabaseInitializer(context, options, NullLogger<DatabaseInitializer>.Instance).MigrateAsync();
        return db;
    }

    /// <summary>A context acting as <paramref name="scope"/> (the system when omitted).</summary>
    public QualityWatchDbContext Context(AccessScope? scope = null)
    {
        var builder = new DbContextOptionsBuilder<QualityWatchDbContext>();
        DatabaseRegistration.Configure(builder, DatabaseProvider.Sqlite, connectionString);
        return new QualityWatchDbContext(builder.Options, scope ?? AccessScope.System("test"), new AuditContext(), TimeProvider.System);
    }

    public string PathOf(string fileName) => System.IO.Path.Combine(Folder, fileName);

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
        return ValueTask.CompletedTask;
    }
}
