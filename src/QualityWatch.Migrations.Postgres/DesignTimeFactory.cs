using Microsoft.EntityFrameworkCore.Design;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider without a running app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<QualityWatchDbContext>
{
    public QualityWatchDbContext CreateDbContext(string[] args) =>
        DatabaseRegistration.CreateContext(DatabaseProvider.Postgres, "Host=localhost;Database=qualitywatch_design;Username=postgres");
}
