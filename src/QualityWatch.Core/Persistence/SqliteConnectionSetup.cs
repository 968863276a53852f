using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace QualityWatch.Core.Persistence;

/// <summary>
/// Per-connection SQLite settings. The default 2 MB page cache thrashes once the name index outgrows it
/// (an import of 100,000 enterprises writes a million index rows in key order that is random), and
/// synchronous=NORMAL is the documented setting for WAL: a committed transaction survives a crash of the
/// process; only a power cut can lose the last few commits, never corrupt the file.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA cache_size=-65536; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
