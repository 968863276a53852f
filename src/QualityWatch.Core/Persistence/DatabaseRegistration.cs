using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QualityWatch.Core.Access;
using QualityWatch.Core.Audit;

namespace QualityWatch.Core.Persistence;

public static class DatabaseRegistration
{
    public const string SqliteMigrationsAssembly = "QualityWatch.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "QualityWatch.Migrations.Postgres";

    /// <summary>The DbContext, the per-request access scope and audit context, and the clock.</summary>
    public static IServiceCollection AddQualityWatchData(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<AccessScope>();
        services.AddScoped<AuditContext>();
        var connectionString = options.ResolveConnectionString();
        services.AddDbContext<QualityWatchDbContext>(b => Configure(b, options.Provider, connectionString));
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    private static readonly SqliteConnectionSetup SqliteSetup = new();

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        // Name grams have no filter of their own: they are only ever read as a subquery of a scoped
        // enterprise query, never returned, so the filter on Enterprise already decides what is seen.
        builder.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
        if (provider == DatabaseProvider.Postgres)
            builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
        else
            builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)).AddInterceptors(SqliteSetup);
    }

    /// <summary>A context outside dependency injection (design time, tools), running as the system.</summary>
    public static QualityWatchDbContext CreateContext(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<QualityWatchDbContext>();
        Configure(builder, provider, connectionString);
        return new QualityWatchDbContext(builder.Options, AccessScope.System(), new AuditContext(), TimeProvider.System);
    }
}
