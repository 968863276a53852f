using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Cli.Database;

public static class DbCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Create the database if needed (PostgreSQL: UTF-8, C.UTF-8 collation) and apply migrations");
        migrate.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct, migrateSqlite: false);
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            Console.WriteLine("Database is up to date.");
            return 0;
        });
        return new Command("db", "Database maintenance") { migrate };
    }
}
