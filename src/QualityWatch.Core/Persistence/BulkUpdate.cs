using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;

namespace QualityWatch.Core.Persistence;

/// <summary>
/// Sets a few columns of many stored rows, by key, with the model's column names and value conversions (the
/// counterpart of <see cref="BulkInsert"/>): one prepared statement through SQLite's native API, one batch of
/// statements and one round trip on PostgreSQL. SaveChanges snapshots and compares every tracked value (a lead's
/// list of 50 records among them) and builds its commands row by row, which made it the costliest step of writing
/// an import's producer leads. Nothing is tracked or audited here: callers audit the change themselves.
/// </summary>
public static class BulkUpdate
{
    public static async Task UpdateAsync<T>(QualityWatchDbContext db, IReadOnlyList<T> rows, IReadOnlyList<string> properties, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0)
            return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var key = entity.FindPrimaryKey()!.Properties is [var k] ? k : throw new NotSupportedException($"{typeof(T).Name}: one key column expected");
        IProperty[] columns = [.. properties.Select(p => entity.FindProperty(p) ?? throw new ArgumentException($"{typeof(T).Name} has no property {p}", nameof(properties))), key];
        var mappings = columns.Select(c => c.GetRelationalTypeMapping()).ToArray();
        var getters = columns.Select(c => c.GetGetter()).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sqlite = db.Database.IsSqlite();
        string Placeholder(int i) => sqlite ? string.Create(CultureInfo.InvariantCulture, $"?{i + 1}") : string.Create(CultureInfo.InvariantCulture, $"${i + 1}");
        var text = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET " +
            string.Join(", ", columns[..^1].Select((c, i) => $"{sql.DelimitIdentifier(c.GetColumnName(table)!)} = {Placeholder(i)}")) +
            $" WHERE {sql.DelimitIdentifier(key.GetColumnName(table)!)} = {Placeholder(columns.Length - 1)}";

        var opened = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened)
            await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (sqlite)
                UpdateSqlite(db, text, rows, mappings, getters, ct);
            else
                await UpdatePostgresAsync(db, text, rows, columns, mappings, getters, ct);
        }
        finally
        {
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
    }

    private static void UpdateSqlite<T>(QualityWatchDbContext db, string text, IReadOnlyList<T> rows, RelationalTypeMapping[] mappings, IClrPropertyGetter[] getters, CancellationToken ct) where T : class
    {
        if (!mappings.All(m => BulkInsert.NativeType(BulkInsert.ProviderType(m))))
            throw new NotSupportedException($"{typeof(T).Name}: a column type the native SQLite path does not bind");
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
        BulkInsert.Check(raw.sqlite3_prepare_v2(handle, text, out var statement), handle);
        using (statement)
        {
            for (var r = 0; r < rows.Count; r++)
            {
                if ((r & 255) == 0)
                    ct.ThrowIfCancellationRequested();
                for (var i = 0; i < mappings.Length; i++)
                    BulkInsert.Bind(statement, i + 1, BulkInsert.ToProvider(mappings[i], getters[i].GetClrValueUsingContainingEntity(rows[r])));
                BulkInsert.Step(statement, handle);
            }
        }
    }

    private static async Task UpdatePostgresAsync<T>(QualityWatchDbContext db, string text, IReadOnlyList<T> rows, IProperty[] columns, RelationalTypeMapping[] mappings,
        IClrPropertyGetter[] getters, CancellationToken ct) where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection) { Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction() };
        using var factory = new NpgsqlCommand();
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(text);
            for (var i = 0; i < columns.Length; i++)
            {
                var value = BulkInsert.ToProvider(mappings[i], getters[i].GetClrValueUsingContainingEntity(row)) ?? DBNull.Value;
                // The mapping sets the parameter's PostgreSQL type (text[], timestamptz …) as EF's own commands have it.
                command.Parameters.Add((NpgsqlParameter)mappings[i].CreateParameter(factory, "", value, columns[i].IsNullable));
            }
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }
}
