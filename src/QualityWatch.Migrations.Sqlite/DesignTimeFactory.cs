using Microsoft.EntityFrameworkCore.Design;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider without a running app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<QualityWatchDbContext>
{
    public QualityWatchDbContext CreateDbContext(string[] args) =>
        DatabaseRegistration.CreateContext(DatabaseProvider.Sqlite, "Data Source=design.db");
}
