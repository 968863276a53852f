using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources.Import;
using QualityWatch.Core.Risk.Warnings;
using Xunit.Abstractions;

namespace QualityWatch.Core.Tests.Risk.Scenario;

/// <summary>
/// The documented demo incidents (docs/demo.md) go through the whole loop: import with text analysis and linking,
/// weekly scans, warnings. Each must raise a warning of at least its documented level within its documented
/// number of weeks, and the clean background must stay under the documented false-warning rate.
/// </summary>
public sealed class DemoScenarioTests(ITestOutputHelper output)
{
    /// <summary>Documented in docs/demo.md: candidate warnings per week on the clean background, nationally.</summary>
    public const double MaxBackgroundWarningsPerWeek = 1.0;

    [Fact]
    public async Task Every_incident_raises_its_warning_in_time_and_the_background_stays_quiet()
    {
        await using var test = await TestDatabase.CreateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => test.Context());
        services.AddQualityWatchIdentityCore();
        services.AddScoped<UserAdmin>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
        await new DemoGenerator(db, scope.ServiceProvider.GetRequiredService<UserAdmin>()).GenerateAsync(20200101, DemoScale.Small);

        var today = new DateOnly(2026, 11, 25);
        var summary = await new RiskDemoGenerator(db, new ImportSources(db, new AuditContext())).GenerateAsync(20200101, today, default);
        output.WriteLine($"{summary.Complaints} complaints, {summary.Inspections} inspections, {summary.Cases} cases, {summary.Opinions} opinions in {summary.Elapsed.TotalSeconds:0.0} s");

        var options = Options.Create(new RiskOptions());
        var scan = new ScanRisks(db, options, new RaiseWarnings(db, options), new StoreSignals(db));
        var incidents = summary.Incidents;
        var firstIncident = incidents.Min(i => i.Start);
        // The first scans find every group new; the scheduler would have run all along, so they warm up uncounted.
        const int warmUpWeeks = 4;
        var backgroundWeeks = 12;
        var firstScan = LastSunday(firstIncident).AddDays(-7 * (backgroundWeeks + warmUpWeeks));
        var counted = firstScan.AddDays(7 * warmUpWeeks);
        var backgroundWarnings = 0;
        var raised = new Dictionary<string, (DateOnly Week, WarningLevel Level)>();
        for (var week = firstScan; week <= summary.LastWeekEnd; week = week.AddDays(7))
        {
            var before = await db.RiskWarnings.Select(w => w.Id).ToListAsync();
            var r = await scan.RunAsync(week, default);
            var fresh = await db.RiskWarnings.AsNoTracking().Where(w => !before.Contains(w.Id)).ToListAsync();
            output.WriteLine($"{week}: {r.Series} series, {r.Signals} signals, {r.WarningsCreated} new warnings, {r.Elapsed.TotalSeconds:0.0} s " +
                string.Join("; ", fresh.Select(w => $"{w.GroupKey} {w.Level}")));
            if (week >= counted && week < firstIncident)
                backgroundWarnings += fresh.Count;
            foreach (var w in await db.RiskWarnings.AsNoTracking().ToListAsync())
            {
                if (!raised.TryGetValue(w.GroupKey, out var seen) || w.Level < seen.Level)
                    raised[w.GroupKey] = (seen.Week == default ? week : seen.Week, w.Level);
            }
        }

        foreach (var incident in incidents)
        {
            var prefix = incident.GroupKeyPrefix;
            var deadline = LastSunday(incident.Start).AddDays(7 * (incident.WeeksToWarn - 1));
            var match = raised.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            Assert.True(match.Count > 0, $"{incident.Id}: no warning with group {prefix}");
            var first = match.Min(m => m.Value.Week);
            Assert.True(first <= deadline.AddDays(6), $"{incident.Id}: first warned in the week ending {first}, documented deadline {deadline}");
            var best = match.Min(m => m.Value.Level);
            Assert.True(best <= incident.MinimumLevel, $"{incident.Id}: level {best}, documented at least {incident.MinimumLevel}");
        }
        var rate = backgroundWarnings / (double)backgroundWeeks;
        output.WriteLine($"background: {backgroundWarnings} warnings in {backgroundWeeks} weeks = {rate:0.00}/week");
        Assert.True(rate <= MaxBackgroundWarningsPerWeek, $"{rate:0.00} background warnings per week");
    }

    private static DateOnly LastSunday(DateOnly day) => DateOnly.FromDayNumber(((day.DayNumber / 7) * 7) + 6);
}
