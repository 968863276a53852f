namespace QualityWatch.Cli.Tests;

/// <summary>Runs when ./test.sh has started PostgreSQL (QW_TEST_PG); skipped otherwise, except under CI=true where it must run.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        var configured = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("QW_TEST_PG"));
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!configured && !ci)
            Skip = "PostgreSQL not started (run ./test.sh)";
    }
}
