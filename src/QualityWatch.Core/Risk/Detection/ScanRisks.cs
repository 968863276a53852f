using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Warnings;
using QualityWatch.Signals;

namespace QualityWatch.Core.Risk.Detection;

public sealed record ScanResult(
    DateOnly WeekStart,
    int Series,
    int Fitted,
    int Signals,
    int NewSignals,
    int WarningsCreated,
    int WarningsUpdated,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, int> SignalsByKind);

/// <summary>
/// 发现: builds count series from every source, runs the configured detector on the evaluated week (the last
/// complete Monday–Sunday week on or before the as-of date), adds failure-rate and multi-source convergence
/// signals, stores them with the numbers that caused them, and hands new signals to <see cref="RaiseWarnings"/>.
/// The scheduled job and `qw risk scan` both call <see cref="RunAsync"/>.
/// </summary>
public sealed class ScanRisks(QualityWatchDbContext db, IOptions<RiskOptions> options, RaiseWarnings raise, StoreSignals store)
{
    /// <summary>Steps before the evaluated one that may already carry the emerging problem.</summary>
    public const int EmergingWeeks = 4;

    private readonly RiskOptions o = options.Value;

    public async Task<ScanResult> RunAsync(DateOnly? asOf, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var today = asOf ?? SourceRecord.ChinaDate(db.Clock.GetUtcNow());
        var week = ((today.DayNumber + 1) / 7) - 1;
        var weekStart = DateOnly.FromDayNumber(week * 7);
        var firstDay = await SeriesLoader.FirstDayAsync(db, ct);
        var drafts = new List<SignalDraft>();
        var series = 0;
        var fitted = 0;
        if (firstDay is { } first)
        {
            foreach (var (source, so) in o.Sources)
            {
                var (table, found, fits) = so.Frequency == "weekly"
                    ? await ScanWeeklyAsync(source, so.Method, week, first / 7, ct)
                    : await ScanDailyAsync(source, so.Method, week, ct);
                series += table;
                fitted += fits;
                drafts.AddRange(found);
            }
            drafts.AddRange(await FailureRates.FindAsync(db, week, ct));
            drafts.AddRange(await Convergence.FindAsync(db, o, week, ct));
        }
        await Evidence.AttachAsync(db, drafts, ct);
        var stored = await store.SaveAsync(drafts, ct);
        var (created, updated) = await raise.RunAsync(stored.New, ct);
        return new ScanResult(weekStart, series, fitted, drafts.Count, stored.New.Count, created, updated, clock.Elapsed,
            drafts.GroupBy(d => d.Method).ToDictionary(g => g.Key, g => g.Count()));
    }

    private async Task<(int Series, List<SignalDraft> Found, int Fitted)> ScanWeeklyAsync(string source, string method, int week, int firstWeek, CancellationToken ct)
    {
        var preset = FarringtonOptions.Preset(method);
        // Farrington's b is capped by the history that exists: zeros before the first record are not observations.
        var years = Math.Min(o.HistoryYears, (week - firstWeek - preset.W) / 52);
        var farrington = years >= 1 ? preset with { B = years } : null;
        var steps = farrington is null ? 53 : (52 * years) + preset.W + 1;
        var table = new SeriesTable(week - steps + 1, steps);
        await SeriesLoader.LoadAsync(db, source, "weekly", table, ct);
        var found = new ConcurrentBag<SignalDraft>();
        var fitted = 0;
        var weekStart = DateOnly.FromDayNumber(week * 7);
        var methodName = farrington is null ? "emergence" : $"{method}(b={years})";
        var historyStart = Math.Max(0, firstWeek - table.FirstStep);
        Parallel.ForEach(table.Series, () => farrington is null ? null : new FarringtonFlexible(farrington), (entry, _, detector) =>
        {
            var counts = entry.Value;
            var last = counts.Length - 1;
            var observed = counts[last];
            if (observed == 0)
                return detector; // no count cannot exceed any threshold; skipping the fit changes no alarm
            if (Emergent(counts, last, o.EmergenceMinimum, historyStart))
            {
                found.Add(new SignalDraft(entry.Key, SignalKind.Count, weekStart, week * 7, (week * 7) + 6, observed, 0, o.EmergenceMinimum - 1,
                    "emergence", SignalStrength.Emergence(observed, o.EmergenceMinimum), Note: "此前一年无记录 (silent for a year before)"));
                return detector;
            }
            if (detector is null)
                return detector;
            Interlocked.Increment(ref fitted);
            var p = detector.Evaluate(counts, [], last).Point;
            if (p.Alarm)
            {
                found.Add(new SignalDraft(entry.Key, SignalKind.Count, weekStart, week * 7, (week * 7) + 6, observed, p.Expected, p.Threshold,
                    methodName, SignalStrength.OverThreshold(observed, p.Threshold)));
            }
            return detector;
        }, _ => { });
        return (table.Series.Count, [.. found], fitted);
    }

    private async Task<(int Series, List<SignalDraft> Found, int Fitted)> ScanDailyAsync(string source, string method, int week, CancellationToken ct)
    {
        var ears = new EarsOptions
        {
            Method = method switch { "ears-c1" => EarsMethod.C1, "ears-c3" => EarsMethod.C3, _ => EarsMethod.C2 },
        };
        var detector = new Ears(ears);
        // The seven days of the evaluated week, each with its own baseline.
        var lastDay = (week * 7) + 6;
        var steps = detector.MinimumHistory + 7;
        var table = new SeriesTable(lastDay - steps + 1, steps);
        await SeriesLoader.LoadAsync(db, source, "daily", table, ct);
        var found = new List<SignalDraft>();
        var results = new SignalPoint[7];
        var fitted = 0;
        foreach (var (id, counts) in table.Series)
        {
            var from = steps - 7;
            if (counts.AsSpan(from).IndexOfAnyExcept(0d) < 0)
                continue;
            fitted++;
            detector.Detect(counts, [], from, steps - 1, results);
            for (var i = 0; i < 7; i++)
            {
                var day = table.FirstStep + from + i;
                var observed = counts[from + i];
                if (Emergent(counts, from + i, o.EmergenceMinimum, historyStart: 0, lookBack: detector.MinimumHistory))
                {
                    found.Add(new SignalDraft(id, SignalKind.Count, DateOnly.FromDayNumber(day), day, day, observed, 0, o.EmergenceMinimum - 1,
                        "emergence", SignalStrength.Emergence(observed, o.EmergenceMinimum), Note: "基线期内无记录 (silent in the baseline)"));
                }
                else if (results[i].Alarm)
                {
                    found.Add(new SignalDraft(id, SignalKind.Count, DateOnly.FromDayNumber(day), day, day, observed, results[i].Expected, results[i].Threshold,
                        method, SignalStrength.OverThreshold(observed, results[i].Threshold)));
                }
            }
        }
        return (table.Series.Count, found, fitted);
    }

    /// <summary>
    /// True when the series was silent for a year before its last <see cref="EmergingWeeks"/> steps and now has at
    /// least <paramref name="minimum"/>: a problem appearing from nothing keeps signalling while it builds up. The
    /// silent year must lie after the first record of any source: before it, zeros are not observations.
    /// </summary>
    private static bool Emergent(double[] counts, int at, int minimum, int historyStart, int lookBack = 52)
    {
        if (counts[at] < minimum || at - lookBack < historyStart)
            return false;
        var start = at - lookBack;
        var recent = Math.Min(EmergingWeeks, lookBack / 2);
        return counts.AsSpan(start, at - recent - start).IndexOfAnyExcept(0d) < 0;
    }
}
