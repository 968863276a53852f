using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Registry.Regions;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Risk.Bench;

/// <summary>
/// The national weekly scan (<see cref="ScanRisks.RunAsync"/>, as the Monday job and `qw risk scan` run it) over a
/// database holding two years of history from all four sources. Records are written straight into the tables as
/// the import would have left them (classified, linked), because only the scan is timed. Volumes are national-scale
/// for epidemic-prevention products: 30,000 complaints, 6,000 inspection samples (8 % failing), 2,000 cases a week
/// and 2,000 news items a day by default, spread over every county by a skewed population weight, 17 category
/// values and 9 problem types, with winter seasonality and a few injected outbreaks so that alarms are found,
/// stored and turned into warnings as in a real week.
/// </summary>
public static class ScanBench
{
    private static readonly string[] Problems = ["substandard", "price", "labelling", "false-advertising", "counterfeit", "recycled", "injury", "unlicensed", "other"];
    private static readonly double[] ComplaintProblemWeights = [25, 20, 15, 12, 8, 5, 3, 4, 12];
    private static readonly double[] InspectionProblemWeights = [70, 0, 20, 2, 3, 1, 0, 4, 0];
    private static readonly double[] CaseProblemWeights = [25, 10, 15, 15, 15, 5, 1, 12, 2];
    private static readonly double[] OpinionProblemWeights = [20, 20, 5, 15, 15, 5, 5, 5, 10];

    public static async Task<int> RunAsync(string[] args)
    {
        var weeks = Bench.Arg(args, "--weeks", 108);
        var scale = double.Parse(Bench.Text(args, "--scale") ?? "1", CultureInfo.InvariantCulture);
        var runs = Bench.Arg(args, "--runs", 2);
        var asOf = DateOnly.Parse(Bench.Text(args, "--as-of") ?? "2026-11-25", CultureInfo.InvariantCulture);
        var postgres = BenchDatabase.PostgresFrom(args);
        await using var database = await BenchDatabase.CreateAsync(postgres, "scan", Bench.Text(args, "--keep"));
        var setup = Stopwatch.StartNew();
        var generated = false;
        long records;
        await using (var scope = database.OpenScope())
            records = await scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>().Complaints.LongCountAsync();
        if (records > 0)
        {
            Console.WriteLine($"reusing the kept database: {records:N0} complaints (signals and warnings of earlier runs included)");
        }
        else
        {
            await using (var scope = database.OpenScope())
            {
                var summary = await ActivatorUtilities.CreateInstance<DemoGenerator>(scope.ServiceProvider).GenerateAsync(1, DemoScale.Large);
                Console.WriteLine($"registry: {summary.Enterprises:N0} enterprises ({setup.Elapsed.TotalSeconds:F1} s, not timed)");
            }
            setup.Restart();
            await using (var scope = database.OpenScope())
                records = await GenerateAsync(scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>(), asOf, weeks, scale);
            generated = true;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"history: {records:N0} source records over {weeks} weeks up to the evaluated week ({setup.Elapsed.TotalSeconds:F0} s to generate, not timed)"));
        }
        if (database.DatabaseBytes() > 0)
            Console.WriteLine($"database file: {database.DatabaseBytes() / 1048576.0:F0} MiB");
        Console.WriteLine($"database: {database.Label}; {Environment.ProcessorCount} cores; as of {asOf:yyyy-MM-dd}");

        for (var run = 1; run <= runs; run++)
        {
            await using var scope = database.OpenScope();
            var scan = scope.ServiceProvider.GetRequiredService<ScanRisks>();
            var wall = Stopwatch.StartNew();
            var r = await scan.RunAsync(asOf, CancellationToken.None);
            wall.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{database.Label}, scan {run}{(run == 1 ? " (first)" : " (re-run, stored signals found again)")}: {r.Series:N0} series evaluated ({r.Fitted:N0} fitted), " +
                $"{r.Signals:N0} signals ({r.NewSignals:N0} new), warnings {r.WarningsCreated:N0} created / {r.WarningsUpdated:N0} updated, " +
                $"{wall.Elapsed.TotalSeconds:F1} s  [{string.Join(", ", r.SignalsByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}]"));
        }
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB{(generated ? " (includes generating the history)" : " (the scans only)")}");
        return 0;
    }

    private sealed class Weighted(double[] weights)
    {
        private readonly double[] cumulative = Cumulative(weights);

        public int Next(Random random)
        {
            var i = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
        }

        private static double[] Cumulative(double[] w)
        {
            var c = new double[w.Length];
            var sum = 0.0;
            for (var i = 0; i < w.Length; i++)
                c[i] = sum += w[i];
            return c;
        }
    }

    private sealed record Place(string[] Counties, Weighted CountyWeights, Dictionary<string, long[]> Enterprises, string?[] Categories, Weighted CategoryWeights);

    private static async Task<long> GenerateAsync(QualityWatchDbContext db, DateOnly asOf, int weeks, double scale)
    {
        var random = new Random(20261125);
        var counties = RegionSeed.Load().Where(r => r.Level == RegionLevel.County).Select(r => r.Code).ToArray();
        // Population is very uneven: a log-normal weight per province and per county gives a long tail of quiet counties.
        var provinceWeight = counties.Select(c => c[..2]).Distinct().ToDictionary(p => p, _ => Math.Exp(Normal(random)));
        var countyWeights = new Weighted(counties.Select(c => provinceWeight[c[..2]] * Math.Exp(0.8 * Normal(random))).ToArray());
        var enterprises = (await db.Enterprises.IgnoreQueryFilters().AsNoTracking().Select(e => new { e.Id, e.RegionCode }).ToListAsync())
            .GroupBy(e => e.RegionCode).ToDictionary(g => g.Key, g => g.Select(e => e.Id).ToArray(), StringComparer.Ordinal);
        string?[] categories = [.. ProductCategories.All.Select(c => c.Code), null];
        var categoryWeights = new Weighted(categories.Select(c => c switch
        {
            "MASK-SURG" or "MASK-MEDSU" or "RESP-PART" or "MASK-DAILY" => 12.0,
            "THERMO-FORE" or "DISINFECT" or "MASK-CHILD" => 7.0,
            null => 4.0,
            _ => 3.0,
        }).ToArray());
        var place = new Place(counties, countyWeights, enterprises, categories, categoryWeights);

        var lastWeek = ((asOf.DayNumber + 1) / 7) - 1;
        var firstWeek = lastWeek - weeks + 1;
        var now = DateTimeOffset.UtcNow;
        long total = 0;
        var sourceNumber = 0L;
        // Outbreaks in the last weeks: a handful of (county, category, problem) cells with extra complaints.
        var outbreaks = Enumerable.Range(0, 40).Select(_ => (County: counties[countyWeights.Next(random)], Category: categories[categoryWeights.Next(random)],
            Problem: Problems[random.Next(Problems.Length)], Extra: 4 + random.Next(12))).ToList();

        var complaints = new List<Complaint>();
        var inspections = new List<InspectionResult>();
        var cases = new List<EnforcementCase>();
        var opinions = new List<OpinionItem>();
        var complaintProblems = new Weighted(ComplaintProblemWeights);
        var inspectionProblems = new Weighted(InspectionProblemWeights);
        var caseProblems = new Weighted(CaseProblemWeights);
        var opinionProblems = new Weighted(OpinionProblemWeights);
        for (var week = firstWeek; week <= lastWeek; week++)
        {
            var monday = DateOnly.FromDayNumber(week * 7);
            var season = 1 + (0.3 * Math.Cos(2 * Math.PI * (monday.DayOfYear - 15) / 365.0));
            var n = Poisson(random, 30_000 * scale * season);
            for (var i = 0; i < n; i++)
                complaints.Add(Fill(new Complaint { SourceId = Id("TS"), RegionCode = "", ProblemText = "投诉" }, place, complaintProblems, week, random, now, linkShare: 0.55));
            if (week > lastWeek - 3)
            {
                foreach (var o in outbreaks)
                {
                    for (var i = 0; i < o.Extra; i++)
                    {
                        var c = Fill(new Complaint { SourceId = Id("TS"), RegionCode = "", ProblemText = "投诉" }, place, complaintProblems, week, random, now, linkShare: 0.55);
                        (c.RegionCode, c.ProductCategory, c.Problem) = (o.County, o.Category, o.Problem);
                        complaints.Add(c);
                    }
                }
            }
            n = Poisson(random, 6_000 * scale);
            for (var i = 0; i < n; i++)
            {
                var r = Fill(new InspectionResult { SourceId = Id("CY"), RegionCode = "" }, place, inspectionProblems, week, random, now, linkShare: 0.95);
                if (random.NextDouble() < 0.08)
                {
                    r.Verdict = InspectionVerdict.Fail;
                    r.FailedItems = ["过滤效率: 实测 82% (要求 ≥95%)"];
                }
                else
                {
                    r.Problem = "other";
                }
                inspections.Add(r);
            }
            n = Poisson(random, 2_000 * scale);
            for (var i = 0; i < n; i++)
                cases.Add(Fill(new EnforcementCase { SourceId = Id("AJ"), RegionCode = "" }, place, caseProblems, week, random, now, linkShare: 0.6));
            n = Poisson(random, 14_000 * scale);
            for (var i = 0; i < n; i++)
            {
                var item = Fill(new OpinionItem { SourceId = Id("https://news.example.cn/"), RegionCode = "", Title = "舆情" }, place, opinionProblems, week, random, now, linkShare: 0.1);
                // News is mostly national or about a whole province; a third names a county.
                var scope = random.NextDouble();
                if (scope < 0.5)
                    item.RegionCode = "100000";
                else if (scope < 0.7)
                    item.RegionCode = item.RegionCode[..2] + "0000";
                opinions.Add(item);
            }
            if (complaints.Count >= 100_000 || week == lastWeek)
            {
                total += complaints.Count + inspections.Count + cases.Count + opinions.Count;
                await using var transaction = await db.Database.BeginTransactionAsync();
                await BulkInsert.InsertAsync(db, complaints, readBackKeys: false);
                await BulkInsert.InsertAsync(db, inspections, readBackKeys: false);
                await BulkInsert.InsertAsync(db, cases, readBackKeys: false);
                await BulkInsert.InsertAsync(db, opinions, readBackKeys: false);
                await transaction.CommitAsync();
                complaints.Clear();
                inspections.Clear();
                cases.Clear();
                opinions.Clear();
            }
        }
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        else
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize");
        return total;

        string Id(string prefix) => prefix + (++sourceNumber).ToString(CultureInfo.InvariantCulture);
    }

    private static T Fill<T>(T r, Place place, Weighted problems, int week, Random random, DateTimeOffset now, double linkShare) where T : SourceRecord
    {
        var county = place.Counties[place.CountyWeights.Next(random)];
        var day = (week * 7) + random.Next(7);
        r.OccurredAt = new DateTimeOffset(DateOnly.FromDayNumber(day).ToDateTime(new TimeOnly(8 + random.Next(10), random.Next(60))), SourceRecord.ChinaOffset).ToUniversalTime();
        r.Day = day;
        r.RegionCode = county;
        r.ProductCategory = place.Categories[place.CategoryWeights.Next(random)];
        r.Problem = Problems[problems.Next(random)];
        r.ClassificationConfidence = 0.9;
        if (random.NextDouble() < linkShare && place.Enterprises.TryGetValue(county, out var ids))
        {
            r.EnterpriseId = ids[random.Next(ids.Length)];
            r.LinkMethod = "name";
            r.LinkConfidence = 0.99;
        }
        if (random.NextDouble() < 0.03)
            r.Vulnerable = VulnerableGroups.Children;
        r.ContentHash = r.SourceId;
        r.CreatedAt = now;
        r.UpdatedAt = now;
        return r;
    }

    private static int Poisson(Random random, double mean) => Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal(random))));

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
