using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Web.Tests.Infrastructure;

namespace QualityWatch.Web.Tests.Platform;

public sealed class SchemaTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused")]
    public void Each_providers_migrations_match_the_model(DatabaseProvider provider, string connectionString)
    {
        using var db = DatabaseRegistration.CreateContext(provider, connectionString);
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: run tools/db/add-migration.sh to add a migration");
    }

    [Fact]
    public async Task The_committed_OpenAPI_document_matches_the_app()
    {
        var app = await TestApp.GetAsync("sqlite");
        var actual = await app.Anonymous().GetStringAsync("/openapi/v1.json");
        var path = Path.Combine(RepoRoot(), "docs", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("QW_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, Normalise(actual) + "\n");
        }
        Assert.True(File.Exists(path), "docs/openapi/v1.json is missing: run QW_UPDATE_OPENAPI=1 ./test.sh");
        Assert.True(Normalise(await File.ReadAllTextAsync(path)) == Normalise(actual),
            "The API changed: review and commit with QW_UPDATE_OPENAPI=1 dotnet test tests/QualityWatch.Web.Tests");
    }

    /// <summary>The document minus "servers", which names the port this test run happened to get.</summary>
    private static string Normalise(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QualityWatch.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
