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

    /// <summary>
    /// The whole demo on a fresh PostgreSQL database: the schema is created first, and every generator's rows fit
    /// PostgreSQL's column limits, which SQLite never checks (a 21-character link method once overflowed).
    /// </summary>
    [PostgresFact]
    public async Task Demo_generate_fills_a_fresh_PostgreSQL_database_and_a_second_run_refuses()
    {
        var baseCs = Environment.GetEnvironmentVariable("QW_TEST_PG") ?? throw new InvalidOperationException("QW_TEST_PG is not set");
        var cs = $"{baseCs};Database=qw_demo_{Guid.NewGuid():N}";
        var dir = QwProcess.NewWorkingDirectory();
        var demo = await QwProcess.RunAsync(dir, "--database", cs, "demo", "generate");
        Assert.True(demo.ExitCode == 0, demo.Stderr);

        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        async Task<long> CountAsync(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        Assert.True(await CountAsync("SELECT count(*) FROM enterprises") > 1000);
        Assert.True(await CountAsync("SELECT count(*) FROM complaints") > 1000);
        Assert.True(await CountAsync("SELECT count(*) FROM complaints WHERE \"LinkMethod\" = 'credit-code-corrected'") > 0);
        Assert.True(await CountAsync("SELECT count(*) FROM certificates") > 1000);
        Assert.True(await CountAsync("SELECT count(*) FROM risk_warnings") > 0);

        var again = await QwProcess.RunAsync(dir, "--database", cs, "demo", "generate");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("empty database", again.Stderr, StringComparison.Ordinal);
    }
}
