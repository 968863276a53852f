using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Registry.Regions;
using QualityWatch.Core.Risk.Analysis;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Risk.Bench;

/// <summary>
/// Complaint ingest through the real handler (<see cref="ImportSources.ImportFileAsync"/>, as `qw import complaints`
/// runs it): CSV parsing, jieba segmentation, classification, identifier extraction, registry linking, producer
/// leads, batched writes with audit entries. The registry is the large demo set, so linking searches 100,000
/// enterprises. Three passes over one file: all rows new, all unchanged, then 1 % of rows edited.
/// </summary>
public static class IngestComplaints
{
    private static readonly string[] Channels = ["12315热线", "全国12315平台", "微信小程序", "来信", "来访", "网络"];
    private static readonly string[] Complainants = ["消费者", "消费者", "消费者", "企业", "医疗机构", "学校"];
    private static readonly string[] Statuses = ["已办结", "处理中", "已受理", "已转办"];
    private static readonly string[] Workshops = ["鑫源", "华顺", "宏达", "利民", "永盛", "金福", "顺发", "兴隆", "昌盛", "福瑞", "嘉禾", "广源"];
    private static readonly string[] WorkshopKinds = ["口罩加工厂", "熔喷布作坊", "无纺布加工点", "劳保用品厂", "消毒液分装点", "防护服加工厂"];

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Bench.Arg(args, "--rows", 100_000);
        var scale = Enum.Parse<DemoScale>(Bench.Text(args, "--registry") ?? "large", ignoreCase: true);
        var postgres = BenchDatabase.PostgresFrom(args);
        var work = Directory.CreateTempSubdirectory("qw-ingest-").FullName;
        try
        {
            await using var database = await BenchDatabase.CreateAsync(postgres, "ingest");
            var clock = Stopwatch.StartNew();
            await using (var scope = database.OpenScope())
            {
                var summary = await ActivatorUtilities.CreateInstance<DemoGenerator>(scope.ServiceProvider).GenerateAsync(1, scale);
                Console.WriteLine($"registry: {summary.Enterprises:N0} enterprises, {summary.Products:N0} products ({clock.Elapsed.TotalSeconds:F1} s, not timed)");
            }
            var csv = Path.Combine(work, "complaints.csv");
            await using (var scope = database.OpenScope())
                await WriteCsvAsync(scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>(), csv, rows, seed: 7, changedEvery: 0);
            var changed = Path.Combine(work, "complaints-changed.csv");
            await using (var scope = database.OpenScope())
                await WriteCsvAsync(scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>(), changed, rows, seed: 7, changedEvery: 100);
            Console.WriteLine($"CSV: {rows:N0} complaints, {new FileInfo(csv).Length / 1048576.0:F1} MiB, mean problem text {MeanTextLength(csv):F0} characters");
            Console.WriteLine($"database: {database.Label}; {Environment.ProcessorCount} cores; server GC {System.Runtime.GCSettings.IsServerGC}");

            await PassAsync(database, "first import (all created)", csv);
            await PassAsync(database, "second import (all unchanged)", csv);
            await PassAsync(database, "third import (1 % changed)", changed);
            await BreakdownAsync(database, csv);
            await using (var scope = database.OpenScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
                var complaints = await db.Complaints.CountAsync();
                var linked = await db.Complaints.CountAsync(c => c.EnterpriseId != null);
                var audit = await db.AuditEntries.CountAsync(a => a.EntityType == "Complaint");
                var leads = await db.ProducerLeads.CountAsync();
                Console.WriteLine($"stored: {complaints:N0} complaints ({linked:N0} linked to the registry), {audit:N0} complaint audit entries, {leads:N0} producer leads");
            }
            Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task PassAsync(BenchDatabase database, string label, string csv)
    {
        await using var scope = database.OpenScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportSources>();
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var paused = GC.GetTotalPauseDuration();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var r = await import.ImportFileAsync(new ComplaintSchema(), csv);
        wall.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var gc = string.Create(CultureInfo.InvariantCulture,
            $"GC gen0/1/2 {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}, paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F1} s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{database.Label}, {label}: {r.Rows:N0} rows in {wall.Elapsed.TotalSeconds:F2} s = {r.Rows / wall.Elapsed.TotalSeconds:N0} complaints/s " +
            $"(created {r.Created:N0}, updated {r.Updated:N0}, unchanged {r.Unchanged:N0}, rejected {r.RejectedRows:N0}); " +
            $"CPU {used.TotalSeconds:F1} s = {used.TotalMilliseconds * 1000 / Math.Max(1, r.Rows):F0} µs per row; {gc}; load average {LoadAverage()}"));
        Console.WriteLine($"  importing thread: {import.LastPhases}");
    }

    /// <summary>
    /// Where the first import's CPU goes, by measuring its parts alone on the same file (CPU time of the process,
    /// not guesses): reading and checking the CSV as the import does, then the text analysis and linking of every
    /// row on one thread (JIT already warm from the import). What remains of the import's CPU is the database
    /// side: looking up existing source ids, inserting records, audit entries and leads, committing, and GC.
    /// </summary>
    private static async Task BreakdownAsync(BenchDatabase database, string csv)
    {
        var schema = new ComplaintSchema();
        var records = new List<SourceRecord>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await using (var stream = File.OpenRead(csv))
        {
            using var sheet = SheetReader.Open(stream, csv);
            var map = ColumnMap.Build(schema.Columns, sheet.Headers);
            while (sheet.Read())
            {
                var cells = new string?[schema.Columns.Count];
                for (var f = 0; f < cells.Length; f++)
                    cells[f] = map[f] < 0 ? null : sheet.Cell(map[f]);
                var row = new SourceRow(sheet.RowNumber, cells);
                var record = schema.Create(row);
                record.OccurredAt = row.Time(SourceSchema.OccurredAtField, required: true) ?? default;
                record.RegionCode = row[SourceSchema.RegionField]!;
                record.EnterpriseName = row.Text(SourceSchema.EnterpriseNameField, 256);
                record.EnterpriseCreditCode = row.Text(SourceSchema.CreditCodeField, 32);
                record.ProductText = row.Text(SourceSchema.ProductField, 512);
                record.ContentHash = SourceSchema.Hash(row);
                records.Add(record);
            }
        }
        var parse = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await using var scope = database.OpenScope();
        var analyzer = await RecordAnalyzer.CreateAsync(scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>(), CancellationToken.None);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var r in records)
            analyzer.Analyse(r, schema.Kind);
        var analysis = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"breakdown (CPU per row, measured alone): read + check CSV {parse.TotalMilliseconds * 1000 / records.Count:F0} µs, " +
            $"text analysis + classification + identifiers + linking + analysis JSON {analysis.TotalMilliseconds * 1000 / records.Count:F0} µs; " +
            $"the rest of the first import's CPU per row is the database side, GC and the JIT warming up"));
    }

    /// <summary>The registry as linking sees it: name, credit code and county of every enterprise, in id order.</summary>
    public sealed record Firm(string Name, string CreditCode, string RegionCode);

    public static async Task<List<Firm>> FirmsAsync(QualityWatchDbContext db) =>
        await db.Enterprises.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new Firm(e.Name, e.CreditCode, e.RegionCode)).ToListAsync();

    private static async Task WriteCsvAsync(QualityWatchDbContext db, string path, int rows, int seed, int changedEvery)
    {
        var firms = await FirmsAsync(db);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteLineAsync("投诉编号,登记时间,地区代码,被投诉企业,统一社会信用代码,商品名称,渠道,投诉人类型,问题描述,涉及金额,处理状态");
        var line = new StringBuilder();
        foreach (var cells in Rows(firms, rows, seed, changedEvery))
        {
            line.Clear();
            for (var i = 0; i < cells.Length; i++)
                Field(line, cells[i], last: i == cells.Length - 1);
            await writer.WriteLineAsync(line);
        }
    }

    /// <summary>
    /// Complaints as a 12315 export, cells in template order: 80–150-character texts built from the labelled evaluation
    /// set, 55 % naming a registered producer (a fifth of them by a shortened or variant name, half with the credit
    /// code), 10 % naming one of 3,000 unregistered workshops (producer leads), the rest naming nobody. Deterministic
    /// for a seed; <paramref name="changedEvery"/> &gt; 0 edits the text of every n-th row.
    /// </summary>
    public static IEnumerable<string?[]> Rows(IReadOnlyList<Firm> firms, int rows, int seed, int changedEvery)
    {
        var random = new Random(seed);
        var counties = RegionSeed.Load().Where(r => r.Level == RegionLevel.County).Select(r => r.Code).ToArray();
        var texts = Bench.ComplaintTexts();
        var workshops = Enumerable.Range(0, 3000).Select(i =>
        {
            var county = counties[random.Next(counties.Length)];
            return (Name: $"{Workshops[i % Workshops.Length]}{WorkshopKinds[i / Workshops.Length % WorkshopKinds.Length]}{i / 72 + 1}号", County: county);
        }).ToArray();
        var start = new DateTime(2024, 11, 25, 0, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < rows; i++)
        {
            var (text, category) = texts[random.Next(texts.Count)];
            var at = start.AddMinutes(random.Next(365 * 24 * 60));
            var pick = random.NextDouble();
            string region;
            string? name = null;
            string? code = null;
            if (pick < 0.55)
            {
                var firm = firms[random.Next(firms.Count)];
                region = firm.RegionCode;
                name = random.NextDouble() < 0.2 ? Variant(firm.Name, random) : firm.Name;
                code = random.NextDouble() < 0.5 ? firm.CreditCode : null;
            }
            else if (pick < 0.65)
            {
                var w = workshops[random.Next(workshops.Length)];
                region = w.County;
                name = w.Name;
            }
            else
            {
                region = counties[random.Next(counties.Length)];
            }
            if (changedEvery > 0 && i % changedEvery == 0)
                text += "。补充：商家至今未处理";
            yield return
            [
                string.Create(CultureInfo.InvariantCulture, $"BENCH-TS-{i + 1:D8}"),
                at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                region,
                name,
                code,
                ProductCategories.Find(category)?.NameZh ?? "口罩",
                Channels[random.Next(Channels.Length)],
                Complainants[random.Next(Complainants.Length)],
                text,
                (random.Next(1, 60) * 5).ToString(CultureInfo.InvariantCulture),
                Statuses[random.Next(Statuses.Length)],
            ];
        }
    }

    /// <summary>Other work on the machine skews every figure; the one-minute load average says how much.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>How people actually write a company's name: without the legal form, or with the city dropped.</summary>
    private static string Variant(string name, Random random)
    {
        var shortened = name.Replace("股份有限公司", "", StringComparison.Ordinal).Replace("有限责任公司", "", StringComparison.Ordinal).Replace("有限公司", "", StringComparison.Ordinal);
        if (random.NextDouble() < 0.5 && shortened.Length > 4)
            return shortened;
        var city = name.IndexOf('市', StringComparison.Ordinal);
        return city is > 0 and < 6 ? name[(city + 1)..] : shortened + "厂";
    }

    private static void Field(StringBuilder line, string? value, bool last = false)
    {
        if (value is not null)
            line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        if (!last)
            line.Append(',');
    }

    private static double MeanTextLength(string csv)
    {
        using var stream = File.OpenRead(csv);
        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(new StreamReader(stream));
        long total = 0;
        var n = 0;
        while (reader.Read())
        {
            total += reader.GetString(8).Length;
            n++;
        }
        return n == 0 ? 0 : total / (double)n;
    }
}
