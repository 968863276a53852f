using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Outbox;
using QualityWatch.Core.Risk.Sources.Feeds;
using QualityWatch.Core.Risk.Warnings;

namespace QualityWatch.Cli.Risk;

public static class RiskCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public static Command Create()
    {
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Evaluate the last complete Monday–Sunday week on or before this date (default: today, Beijing time)" };
        var scan = new Command("scan", "Scan every source for signals and raise candidate warnings (the same handler as the scheduled scan)") { asOf };
        scan.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var r = await scope.ServiceProvider.GetRequiredService<ScanRisks>().RunAsync(parse.GetValue(asOf), ct);
            var ci = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(ci,
                $"Week of {r.WeekStart:yyyy-MM-dd}: {r.Series:N0} series ({r.Fitted:N0} fitted) in {r.Elapsed.TotalSeconds:0.0} s; {r.Signals:N0} signals ({r.NewSignals:N0} new); warnings: {r.WarningsCreated:N0} created, {r.WarningsUpdated:N0} updated"));
            foreach (var (method, n) in r.SignalsByKind.OrderBy(k => k.Key, StringComparer.Ordinal))
                Console.WriteLine(string.Create(ci, $"  {method}: {n:N0}"));
            return 0;
        });

        var asJson = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var state = new Option<string?>("--state") { Description = "detected, assessing, warned, disposing, closed, dismissed, or open (default: all)" };
        var warnings = new Command("warnings", "List warnings") { asJson, state };
        warnings.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
            var q = db.RiskWarnings.AsNoTracking();
            switch (parse.GetValue(state)?.ToLowerInvariant())
            {
                case null: break;
                case "open": q = q.Where(w => WarningRules.OpenStates.Contains(w.State)); break;
                case var s when Enum.TryParse<WarningState>(s, ignoreCase: true, out var st): q = q.Where(w => w.State == st); break;
                case var s:
                    await Console.Error.WriteLineAsync($"--state: unknown state '{s}'");
                    return 2;
            }
            var rows = await q.OrderBy(w => w.Id).ToListAsync(ct);
            if (parse.GetValue(asJson))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows.Select(WarningDto.From), Json));
                return 0;
            }
            var now = db.Clock.GetUtcNow();
            foreach (var w in rows)
            {
                var overdue = w.DueAt is { } due && due < now ? " 逾期(overdue)" : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{w.Number}\t{WarningRules.NameZh(w.Level)}\t{WarningRules.StateZh(w.State)}{overdue}\t{w.Score:0.0}\t{w.RegionCode}\t{w.Title}"));
            }
            return 0;
        });
        var pull = new Command("pull-feeds", "Pull the configured public-opinion feeds now (Risk:Feeds)");
        pull.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var failed = 0;
            foreach (var r in await scope.ServiceProvider.GetRequiredService<PullFeeds>().RunAsync(ct))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Feed}: {r.Items} items, {r.Created} new, {r.Unchanged} unchanged, {r.Rejected} rejected, {r.Skipped} unreadable{(r.Error is null ? "" : " — " + r.Error)}"));
                if (r.Error is not null)
                    failed++;
            }
            return failed == 0 ? 0 : 1;
        });
        var deliver = new Command("deliver", "Deliver due webhook messages from the outbox now");
        deliver.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var (delivered, failed) = await scope.ServiceProvider.GetRequiredService<DeliverOutbox>().RunAsync(ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{delivered} delivered, {failed} failed (will be retried)"));
            return 0;
        });
        return new Command("risk", "Risk monitoring: scans, warnings, feeds and webhooks") { scan, warnings, pull, deliver };
    }
}
