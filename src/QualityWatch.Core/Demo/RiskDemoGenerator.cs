using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Regions;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Core.Demo;

/// <summary>A documented incident injected into the demo history (docs/demo.md).</summary>
public sealed record DemoIncident(string Id, string Description, DateOnly Start, int WeeksToWarn, Risk.Warnings.WarningLevel MinimumLevel, string GroupKeyPrefix);

public sealed record RiskDemoSummary(int Complaints, int Inspections, int Cases, int Opinions, IReadOnlyList<DemoIncident> Incidents, DateOnly LastWeekEnd, TimeSpan Elapsed);

/// <summary>
/// Two years of multi-source history over the demo registry, with three injected incidents. Every record goes
/// through <see cref="ImportSources"/>, so classification, linking and leads run exactly as for real uploads.
/// Deterministic for a seed and end date.
/// </summary>
public sealed class RiskDemoGenerator(QualityWatchDbContext db, ImportSources import)
{
    public const int Weeks = 104;
    public const int BackgroundComplaintsPerWeek = 150;
    public const int BackgroundInspectionsPerWeek = 60;
    public const double BackgroundFailureRate = 0.08;
    public const int BackgroundCasesPerWeek = 10;
    public const int BackgroundOpinionsPerDay = 12;

    private sealed record Firm(long Id, string Name, string CreditCode, string RegionCode);

    private sealed class Rows
    {
        public List<SourceRow> Complaints { get; } = [];
        public List<SourceRow> Inspections { get; } = [];
        public List<SourceRow> Cases { get; } = [];
        public List<SourceRow> Opinions { get; } = [];
    }

    /// <summary>The Sunday ending the last complete week before <paramref name="today"/>.</summary>
    public static DateOnly LastWeekEnd(DateOnly today) => DateOnly.FromDayNumber((((today.DayNumber + 1) / 7) * 7) - 1);

    public static IReadOnlyList<DemoIncident> Incidents(DateOnly lastWeekEnd)
    {
        var lastMonday = lastWeekEnd.AddDays(-6);
        return
        [
            new("counterfeit-kn95-zhejiang", "浙江省假冒KN95口罩投诉与舆情激增 (a wave of counterfeit KN95 in Zhejiang)", lastMonday.AddDays(-7 * 10), 2,
                Risk.Warnings.WarningLevel.Orange, "RESP-PART|counterfeit|33"),
            new("unlicensed-meltblown-baoding", "保定熔喷布黑作坊：投诉与新闻先于抽检出现 (an unlicensed meltblown cluster in Baoding, in complaints and news before any inspection)",
                lastMonday.AddDays(-7 * 8), 2, Risk.Warnings.WarningLevel.Yellow, "FAB-MELTBLOWN|unlicensed|13"),
            new("child-mask-filtration-shenzhen", "深圳一家企业儿童口罩颗粒物过滤效率反复不合格 (repeated filtration failures of one Shenzhen producer's children's masks)",
                lastMonday.AddDays(-7 * 6), 3, Risk.Warnings.WarningLevel.Orange, "enterprise|"), // completed with the producer's id when generated
        ];
    }

    public async Task<RiskDemoSummary> GenerateAsync(int seed, DateOnly today, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var random = new Random(seed);
        var end = LastWeekEnd(today);
        var firstDay = end.AddDays(-7 * Weeks + 1);
        var firms = await LoadFirmsAsync(ct);
        var counties = RegionSeed.Load().Where(r => r.Level == RegionLevel.County).Select(r => r.Code).ToArray();
        var rows = new Rows();
        Background(random, firstDay, end, firms, counties, rows);
        var incidents = Incidents(end).ToList();
        var child = firms.GetValueOrDefault("MASK-CHILD", []).Where(f => f.RegionCode.StartsWith("4403", StringComparison.Ordinal)).OrderBy(f => f.Id).FirstOrDefault()
            ?? firms.Values.SelectMany(f => f).Where(f => f.RegionCode.StartsWith("4403", StringComparison.Ordinal)).OrderBy(f => f.Id).First();
        CounterfeitWave(random, incidents[0].Start, counties, rows);
        MeltblownCluster(random, incidents[1].Start, counties, rows);
        ChildMasks(random, incidents[2].Start, child, rows);
        incidents[2] = incidents[2] with { GroupKeyPrefix = $"enterprise|{child.Id}" };

        await import.ImportRowsAsync(new ComplaintSchema(), rows.Complaints, [], ct: ct);
        await import.ImportRowsAsync(new InspectionSchema(), rows.Inspections, [], ct: ct);
        await import.ImportRowsAsync(new CaseSchema(), rows.Cases, [], ct: ct);
        await import.ImportRowsAsync(new OpinionSchema(), rows.Opinions, [], ct: ct);
        return new RiskDemoSummary(rows.Complaints.Count, rows.Inspections.Count, rows.Cases.Count, rows.Opinions.Count, incidents, end, clock.Elapsed);
    }

    /// <summary>Runs the weekly scan for each of the last <paramref name="weeks"/> weeks, as the scheduler would have.</summary>
    public static async Task ScanRecentAsync(ScanRisks scan, DateOnly lastWeekEnd, int weeks, CancellationToken ct)
    {
        for (var w = weeks - 1; w >= 0; w--)
            await scan.RunAsync(lastWeekEnd.AddDays(-7 * w), ct);
    }

    private async Task<Dictionary<string, List<Firm>>> LoadFirmsAsync(CancellationToken ct)
    {
        var pairs = await db.Products.IgnoreQueryFilters().Select(p => new { p.Category, p.ManufacturerId }).Distinct().ToListAsync(ct);
        var firms = await db.Enterprises.IgnoreQueryFilters().Select(e => new Firm(e.Id, e.Name, e.CreditCode, e.RegionCode)).ToDictionaryAsync(f => f.Id, ct);
        return pairs.Where(p => firms.ContainsKey(p.ManufacturerId)).GroupBy(p => p.Category)
            .ToDictionary(g => g.Key, g => g.Select(p => firms[p.ManufacturerId]).OrderBy(f => f.Id).ToList());
    }

    private static void Background(Random random, DateOnly first, DateOnly end, Dictionary<string, List<Firm>> firms, string[] counties, Rows rows)
    {
        var totalWeight = RiskDemoTexts.Complaints.Sum(c => c.Weight);
        var weeks = (end.DayNumber - first.DayNumber + 1) / 7;
        for (var w = 0; w < weeks; w++)
        {
            var monday = first.AddDays(7 * w);
            // Winter brings more complaints about masks and thermometers.
            var season = 1 + (0.3 * Math.Cos(2 * Math.PI * (monday.DayOfYear - 15) / 365.0));
            for (var i = 0; i < Poisson(random, BackgroundComplaintsPerWeek * season); i++)
            {
                var (category, product) = RiskDemoTexts.Products[random.Next(RiskDemoTexts.Products.Length)];
                var pick = random.Next(totalWeight);
                var c = RiskDemoTexts.Complaints.First(x => (pick -= x.Weight) < 0);
                var firm = Pick(random, firms, category);
                var named = firm is not null && random.NextDouble() < 0.7;
                rows.Complaints.Add(Complaint(rows.Complaints.Count, At(random, monday), firm?.RegionCode ?? counties[random.Next(counties.Length)],
                    named ? firm!.Name : null, named && random.NextDouble() < 0.5 ? firm!.CreditCode : null, product,
                    c.Texts[random.Next(c.Texts.Length)].Replace("{p}", product, StringComparison.Ordinal), random));
            }
            for (var i = 0; i < Poisson(random, BackgroundInspectionsPerWeek); i++)
            {
                var (category, product) = RiskDemoTexts.Products[random.Next(RiskDemoTexts.Products.Length)];
                var firm = Pick(random, firms, category);
                if (firm is null)
                    continue;
                var fail = random.NextDouble() < BackgroundFailureRate;
                rows.Inspections.Add(Inspection(rows.Inspections.Count, At(random, monday), firm, product, fail ? RiskDemoTexts.FailedItems[category][random.Next(RiskDemoTexts.FailedItems[category].Length)] : null));
            }
            for (var i = 0; i < Poisson(random, BackgroundCasesPerWeek); i++)
            {
                var (_, product) = RiskDemoTexts.Products[random.Next(RiskDemoTexts.Products.Length)];
                var (violation, summary) = RiskDemoTexts.Cases[random.Next(RiskDemoTexts.Cases.Length)];
                var county = counties[random.Next(counties.Length)];
                rows.Cases.Add(Case(rows.Cases.Count, At(random, monday), county, $"{Surname(random)}某", product, violation, summary.Replace("{p}", product, StringComparison.Ordinal)));
            }
            for (var d = 0; d < 7; d++)
            {
                for (var i = 0; i < Poisson(random, BackgroundOpinionsPerDay); i++)
                {
                    var (_, product) = RiskDemoTexts.Products[random.Next(RiskDemoTexts.Products.Length)];
                    var title = RiskDemoTexts.OpinionBackground[random.Next(RiskDemoTexts.OpinionBackground.Length)].Replace("{p}", product, StringComparison.Ordinal);
                    rows.Opinions.Add(Opinion(rows.Opinions.Count, At(random, monday.AddDays(d), sameDay: true), null, title, title + "。", random));
                }
            }
        }
    }

    private static void CounterfeitWave(Random random, DateOnly start, string[] counties, Rows rows)
    {
        var zhejiang = counties.Where(c => c.StartsWith("33", StringComparison.Ordinal)).ToArray();
        int[] perWeek = [6, 10, 14, 10];
        for (var w = 0; w < perWeek.Length; w++)
        {
            var monday = start.AddDays(7 * w);
            for (var i = 0; i < perWeek[w]; i++)
            {
                var text = random.Next(3) switch
                {
                    0 => "网上买的KN95口罩是假冒的，包装上的CE认证编号查不到，过滤效果很差",
                    1 => "药店销售假冒品牌KN95口罩，印刷模糊，合格证是伪造的",
                    _ => "购买的KN95口罩疑似假货，没有生产许可证编号，和正品差别很大",
                };
                rows.Complaints.Add(Complaint(rows.Complaints.Count, At(random, monday), zhejiang[random.Next(zhejiang.Length)], null, null, "KN95口罩", text, random));
            }
            for (var d = 0; d < 7; d++)
            {
                if (random.NextDouble() < 0.6)
                {
                    var county = zhejiang[random.Next(zhejiang.Length)];
                    rows.Opinions.Add(Opinion(rows.Opinions.Count, At(random, monday.AddDays(d), sameDay: true), county,
                        "浙江多地网友曝光假冒KN95口罩", "有网友反映在网店购买的KN95口罩为假冒产品，CE证书系伪造，市场监管部门已介入调查。", random));
                }
            }
        }
    }

    private static void MeltblownCluster(Random random, DateOnly start, string[] counties, Rows rows)
    {
        var baoding = counties.Where(c => c.StartsWith("1306", StringComparison.Ordinal)).ToArray();
        string[] workshops = ["保定市鑫源熔喷布加工厂", "保定市华顺无纺布作坊", "保定市安新县某熔喷布加工点", "保定市宏达熔喷布厂"];
        int[] perWeek = [3, 5, 6, 6];
        for (var w = 0; w < perWeek.Length; w++)
        {
            var monday = start.AddDays(7 * w);
            for (var i = 0; i < perWeek[w]; i++)
            {
                var shop = workshops[random.Next(workshops.Length)];
                var text = $"举报{shop}无证生产熔喷布，黑作坊环境脏乱，没有任何资质，产品卖给口罩厂";
                rows.Complaints.Add(Complaint(rows.Complaints.Count, At(random, monday), baoding[random.Next(baoding.Length)], shop, null, "熔喷布", text, random));
            }
            if (w >= 1)
            {
                rows.Opinions.Add(Opinion(rows.Opinions.Count, At(random, monday.AddDays(2), sameDay: true), baoding[0],
                    "记者暗访保定熔喷布黑作坊", $"记者在保定发现多家无证生产熔喷布的黑作坊，其中包括{workshops[w % workshops.Length]}，产品流向多地口罩生产企业。", random));
            }
        }
    }

    private static void ChildMasks(Random random, DateOnly start, Firm firm, Rows rows)
    {
        for (var w = 0; w < 4; w++)
        {
            var monday = start.AddDays(7 * w);
            for (var i = 0; i < 3; i++)
            {
                rows.Inspections.Add(Inspection(rows.Inspections.Count, At(random, monday), firm, "儿童口罩",
                    i < 2 ? "颗粒物过滤效率: 实测 72.5% (要求 ≥90%)" : null, plan: "儿童口罩专项监督抽查"));
            }
            rows.Complaints.Add(Complaint(rows.Complaints.Count, At(random, monday), firm.RegionCode, firm.Name, firm.CreditCode, "儿童口罩",
                "给孩子买的儿童口罩过滤效率不合格，学校检测说达不到国家标准", random));
        }
        rows.Cases.Add(Case(rows.Cases.Count, At(random, start.AddDays(14)), firm.RegionCode, firm.Name, "儿童口罩", "销售不合格产品",
            "当事人生产的儿童口罩经监督抽查颗粒物过滤效率不合格，仍继续销售", firm.CreditCode));
    }

    private static Firm? Pick(Random random, Dictionary<string, List<Firm>> firms, string category) =>
        firms.TryGetValue(category, out var list) && list.Count > 0 ? list[random.Next(list.Count)] : null;

    private static DateTime At(Random random, DateOnly monday, bool sameDay = false) =>
        monday.AddDays(sameDay ? 0 : random.Next(7)).ToDateTime(new TimeOnly(8 + random.Next(10), random.Next(60)));

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Surname(Random random) => DemoWords.Surnames[random.Next(DemoWords.Surnames.Length)].ToString();

    private static SourceRow Complaint(int n, DateTime at, string region, string? firm, string? code, string product, string text, Random random) =>
        new(n + 1, [$"DEMO-TS-{n + 1:D7}", Time(at), region, firm, code, product,
            RiskDemoTexts.Channels[random.Next(RiskDemoTexts.Channels.Length)], "消费者", text, (random.Next(1, 40) * 5).ToString(CultureInfo.InvariantCulture), "已办结"]);

    private static SourceRow Inspection(int n, DateTime at, Firm firm, string product, string? failed, string plan = "防疫用品质量监督抽查") =>
        new(n + 1, [$"DEMO-CY-{n + 1:D7}", Time(at), firm.RegionCode, firm.Name, firm.CreditCode, product,
            plan, $"{at:yyyyMMdd}A", null, failed is null ? "合格" : "不合格", failed]);

    private static SourceRow Case(int n, DateTime at, string region, string party, string product, string violation, string summary, string? code = null) =>
        new(n + 1, [$"DEMO-AJ-{n + 1:D6}", Time(at), region, party, code, product, null, violation, product, "5000", summary]);

    private static SourceRow Opinion(int n, DateTime at, string? region, string title, string text, Random random) =>
        new(n + 1, [$"https://news.example.cn/demo/{n + 1}", Time(at), region, null, null, null,
            RiskDemoTexts.Sites[random.Next(RiskDemoTexts.Sites.Length)], title, text]);

    private static int Poisson(Random random, double mean)
    {
        // Knuth's method is fine for the small means used here.
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        if (mean > 30)
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal(random))));
        do
        {
            k++;
            p *= random.NextDouble();
        }
        while (p > l);
        return k - 1;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
