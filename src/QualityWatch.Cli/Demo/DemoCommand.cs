using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;

namespace QualityWatch.Cli.Demo;

public static class DemoCommand
{
    public static Command Create()
    {
        // `serve --demo` fills an empty database through the same generator before the app starts.
        Serve.ServeCommand.PrepareDemo = PrepareForServeAsync;

        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 20200101, Description = "Same seed, same data" };
        var scale = new Option<DemoScale>("--scale") { DefaultValueFactory = _ => DemoScale.Small, Description = "small ≈ 2,000 enterprises, medium 20,000, large 100,000" };
        var generate = new Command("generate", "Generate demo enterprises, products, batches and users into an empty database") { seed, scale };
        generate.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
            // A fresh PostgreSQL database (SQLite is migrated on open): demo data needs the schema, so create it.
            if (!(await db.Database.GetAppliedMigrationsAsync(ct)).Any())
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            else if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                await Console.Error.WriteLineAsync("The database schema is not up to date: run `qw db migrate` first.");
                return 2;
            }
            var existing = await db.Enterprises.IgnoreQueryFilters().CountAsync(ct);
            if (existing > 0)
            {
                await Console.Error.WriteLineAsync($"The database already has {existing} enterprises; demo data goes only into an empty database.");
                return 2;
            }
            var summary = await ActivatorUtilities.CreateInstance<DemoGenerator>(scope.ServiceProvider).GenerateAsync(parse.GetValue(seed), parse.GetValue(scale), ct);
            Print(summary);
            await GenerateCertificationAsync(scope.ServiceProvider, parse.GetValue(seed), ct);
            await GenerateRiskAsync(scope.ServiceProvider, parse.GetValue(seed), ct);
            foreach (var l in await CreditDemoGenerator.GenerateAsync(scope.ServiceProvider, ct))
                Console.WriteLine($"Credit demo: {l.DecisionNumber} {l.EntityName} ({l.CreditCode}): {l.Purpose}");
            return 0;
        });
        return new Command("demo", "Demo data") { generate };
    }

    private static async Task PrepareForServeAsync(ParseResult parse, CancellationToken ct)
    {
        await using var provider = CliHost.Build(parse);
        await using var scope = await CliHost.OpenAsync(provider, ct);
        var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
        if (scope.ServiceProvider.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres)
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        if (await db.Enterprises.IgnoreQueryFilters().AnyAsync(ct))
            Console.WriteLine("Demo: the database already has enterprises, so no demo data was generated.");
        else
        {
            Print(await ActivatorUtilities.CreateInstance<DemoGenerator>(scope.ServiceProvider).GenerateAsync(20200101, DemoScale.Small, ct));
            await GenerateCertificationAsync(scope.ServiceProvider, 20200101, ct);
            await GenerateRiskAsync(scope.ServiceProvider, 20200101, ct);
            foreach (var l in await CreditDemoGenerator.GenerateAsync(scope.ServiceProvider, ct))
                Console.WriteLine($"Credit demo: {l.DecisionNumber} {l.EntityName} ({l.CreditCode}): {l.Purpose}");
        }
        Console.WriteLine();
        Console.WriteLine("Demo users (演示账号):");
        foreach (var u in DemoUsers.All)
            Console.WriteLine($"  {u.Name,-16} {u.Password,-16} {u.Role,-24} region {u.RegionCode,-7} {u.DisplayName}");
        Console.WriteLine();
    }

    /// <summary>Two years of complaints, inspections, cases and news with the documented incidents, then the last 12 weekly scans.</summary>
    private static async Task GenerateRiskAsync(IServiceProvider services, int seed, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualityWatchDbContext>();
        var today = Core.Risk.Sources.SourceRecord.ChinaDate(db.Clock.GetUtcNow());
        var r = await ActivatorUtilities.CreateInstance<RiskDemoGenerator>(services).GenerateAsync(seed, today, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Risk demo: {r.Complaints:N0} complaints, {r.Inspections:N0} inspections, {r.Cases:N0} cases, {r.Opinions:N0} opinion items up to {r.LastWeekEnd:yyyy-MM-dd} in {r.Elapsed.TotalSeconds:0.0} s; incidents:"));
        foreach (var i in r.Incidents)
            Console.WriteLine($"  {i.Start:yyyy-MM-dd} {i.Description}");
        await RiskDemoGenerator.ScanRecentAsync(services.GetRequiredService<ScanRisks>(), r.LastWeekEnd, 12, ct);
        var open = await db.RiskWarnings.CountAsync(ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Risk demo: 12 weekly scans raised {open} candidate warnings."));
    }

    /// <summary>The certificate registry of the demo enterprises with the documented fraud cases (docs/demo.md § Certification).</summary>
    private static async Task GenerateCertificationAsync(IServiceProvider services, int seed, CancellationToken ct)
    {
        var today = Core.Risk.Sources.SourceRecord.ChinaDate(services.GetRequiredService<QualityWatchDbContext>().Clock.GetUtcNow());
        var c = await ActivatorUtilities.CreateInstance<CertificationDemoGenerator>(services).GenerateAsync(seed, today, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Certification demo: {c.Bodies} bodies, {c.Certificates:N0} certificates ({string.Join(", ", c.ByScheme.Select(k => $"{k.Key.Token()} {k.Value:N0}"))}), {c.Events:N0} lifecycle events, {c.Audits:N0} surveillance audits in {c.Elapsed.TotalSeconds:0.0} s; fraud cases:"));
        foreach (var x in c.Cases)
            Console.WriteLine($"  {x.Id}: {x.DescriptionZh} → {x.Expected.ToString().ToLowerInvariant()}");
    }

    private static void Print(DemoSummary s)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Demo data: {s.Enterprises:N0} enterprises ({s.PilotStyleCodes} with pilot-style credit codes that need verification), {s.Products:N0} products, {s.Batches:N0} batches in {s.Elapsed.TotalSeconds:0.0} s."));
        if (s.UsersAdded.Count > 0)
            Console.WriteLine($"Demo users added: {string.Join(", ", s.UsersAdded)}");
    }
}
