namespace QualityWatch.Cli.Tests;

public sealed class RegistryCommandTests
{
    [Fact]
    public async Task Regions_list_creates_the_default_database_and_prints_children()
    {
        var dir = QwProcess.NewWorkingDirectory();
        var result = await QwProcess.RunAsync(dir, "regions", "list", "--parent", "4403");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("440305\t南山区", result.Stdout);
        Assert.DoesNotContain("440106", result.Stdout);
        Assert.True(File.Exists(Path.Combine(dir, "data", "qualitywatch.db")), "SQLite default is data/qualitywatch.db under the working directory");

        var provinces = await QwProcess.RunAsync(dir, "regions", "list");
        Assert.Equal(34, provinces.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var unknown = await QwProcess.RunAsync(dir, "regions", "list", "--parent", "9999");
        Assert.NotEqual(0, unknown.ExitCode);
    }

    [Fact]
    public async Task Users_add_validates_and_token_create_prints_a_token_once()
    {
        var dir = QwProcess.NewWorkingDirectory();
        var db = "sqlite:" + Path.Combine(dir, "other.db");
        var bad = await QwProcess.RunAsync(dir, "--database", db, "users", "add", "--name", "x", "--role", "Smuggler", "--region", "44");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--role", bad.Stderr);

        var ok = await QwProcess.RunAsync(dir, "--database", db, "users", "add", "--name", "gd", "--role", "RegionalOfficer", "--region", "440000", "--password", "Secret#2026");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("region 44", ok.Stdout);

        var token = await QwProcess.RunAsync(dir, "--database", db, "users", "token", "create", "--user", "gd");
        Assert.Equal(0, token.ExitCode);
        Assert.StartsWith("qwt_", token.Stdout.Trim(), StringComparison.Ordinal);

        var list = await QwProcess.RunAsync(dir, "--database", db, "users", "list");
        Assert.Contains("gd\tRegionalOfficer\t44", list.Stdout);
        Assert.False(File.Exists(Path.Combine(dir, "data", "qualitywatch.db")), "--database must override the default path");
    }
}
