using Npgsql;

namespace QualityWatch.Cli.Tests;

public sealed class DatabaseCommandTests
{
    [PostgresFact]
    public async Task Db_migrate_creates_a_UTF8_database_with_CUTF8_collation_and_is_repeatable()
    {
        var baseCs = Environment.GetEnvironmentVariable("QW_TEST_PG") ?? throw new InvalidOperationException("QW_TEST_PG is not set");
        var cs = $"{baseCs};Database=qw_cli_{Guid.NewGuid():N}";
        var dir = QwProcess.NewWorkingDirectory();
        var first = await QwProcess.RunAsync(dir, "--database", cs, "db", "migrate");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var again = await QwProcess.RunAsync(dir, "--database", cs, "db", "migrate");
        Assert.Equal(0, again.ExitCode);

        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_encoding_to_char(encoding), datcollate FROM pg_database WHERE datname = current_database()", connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("UTF8", reader.GetString(0));
        Assert.Equal("C.UTF-8", reader.GetString(1));
        await reader.CloseAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM regions WHERE \"Code\" = '440305' AND \"Name\" = '南山区'", connection);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);

        var regions = await QwProcess.RunAsync(dir, "--database", cs, "regions", "list", "--parent", "81");
        Assert.Equal(0, regions.ExitCode);
    }
}
