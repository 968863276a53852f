using System.Diagnostics;
using System.Globalization;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Registry.Regions;
using QualityWatch.Core.Risk.Analysis;
using QualityWatch.Core.Risk.Linking;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Sources.Import;
using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Risk.Bench;

/// <summary>
/// The CPU cost of understanding one complaint, without a database: the same rows as ingest-complaints, the same
/// large demo registry (built in memory), one thread, then all cores. Separates what the import's write path
/// costs from what the text pipeline and linking cost.
/// </summary>
public static class AnalyseComplaints
{
    public static int Run(string[] args)
    {
        var rows = Bench.Arg(args, "--rows", 20_000);
        var clock = Stopwatch.StartNew();
        var data = DemoGenerator.Build(1, DemoScale.Large);
        var enterprises = data.Enterprises.Select((e, i) => new EnterpriseRow(i + 1, e.CreditCode, e.Name, e.NormalizedName, e.RegionCode, e.Aliases)).ToList();
        var firms = data.Enterprises.Select(e => new IngestComplaints.Firm(e.Name, e.CreditCode, e.RegionCode)).ToList();
        var directoryClock = Stopwatch.StartNew();
        var directory = EnterpriseDirectory.Build(enterprises, RegionSeed.Load());
        var directoryMs = directoryClock.Elapsed.TotalMilliseconds;
        var textClock = Stopwatch.StartNew();
        var text = TextAnalyzer.Shared;
        var textMs = textClock.Elapsed.TotalMilliseconds;
        var analyzer = new RecordAnalyzer(text, directory);
        var schema = new ComplaintSchema();
        var records = IngestComplaints.Rows(firms, rows, seed: 7, changedEvery: 0)
            .Select((cells, i) => (Complaint)schema.Create(new SourceRow(i + 2, cells)) is var c ? Fill(c, cells) : null!).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows:N0} complaints; registry {enterprises.Count:N0} enterprises; directory build {directoryMs:F0} ms, text pipeline start-up {textMs:F0} ms (setup {clock.Elapsed.TotalSeconds:F1} s)"));

        // Warm-up: JIT and first-touch of the dictionaries.
        foreach (var r in records.Take(500))
            analyzer.Analyse(r, "complaint");
        // Tiered compilation settles over the first passes; the figures are from the last.
        for (var pass = 0; pass < 2; pass++)
        {
            Measure("Analyse (text + link + JSON), 1 thread", records, 1, r => analyzer.Analyse(r, "complaint"));
            Measure("text pipeline only, 1 thread", records, 1, r => text.Analyze(null, r.AnalysedText));
        }
        // The text pipeline's stages alone (TextAnalyzer.Analyze runs them in this order on the normalised text).
        var normalised = records.Select(r => ChineseText.Normalise(r.AnalysedText)).ToList();
        var byIndex = new Dictionary<Complaint, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < records.Count; i++)
            byIndex[records[i]] = i;
        Measure("  normalise", records, 1, r => ChineseText.Normalise(r.AnalysedText));
        Measure("  segment (jieba)", records, 1, r => ChineseSegmenter.Shared.Segment(normalised[byIndex[r]]));
        Measure("  classify", records, 1, r => text.Classifier.Classify(normalised[byIndex[r]]));
        Measure("  identifiers", records, 1, r => IdentifierExtractor.Extract(normalised[byIndex[r]]));
        Measure("  enterprise mentions", records, 1, r => EnterpriseMentionExtractor.Extract(normalised[byIndex[r]]));
        // The analysis JSON is private to RecordAnalyzer; reflection costs a fraction of a microsecond per call.
        var analyses = records.Select(r => text.Analyze(null, r.AnalysedText)).ToList();
        var json = typeof(RecordAnalyzer).GetMethod("AnalysisJson", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        Measure("  analysis JSON (no link)", records, 1, r => json.Invoke(null, [analyses[byIndex[r]], analyses[byIndex[r]].Classification, null]));
        var linker = new EnterpriseLinker(directory);
        var named = records.Where(r => r.EnterpriseName is not null || r.EnterpriseCreditCode is not null).ToList();
        Console.WriteLine($"{named.Count:N0} of them name an enterprise");
        Measure("link only (records naming one), 1 thread", named, 1, r => linker.Link(new LinkQuery(r.EnterpriseCreditCode, r.EnterpriseName, r.RegionCode)));
        foreach (var group in named.GroupBy(r => r.EnterpriseCreditCode is not null ? "with credit code" : linker.Link(new LinkQuery(null, r.EnterpriseName, r.RegionCode)).Method.ToString()))
            Measure($"  link: {group.Key}", group.ToList(), 1, r => linker.Link(new LinkQuery(r.EnterpriseCreditCode, r.EnterpriseName, r.RegionCode)));
        var mined = records.Where(r => r.EnterpriseName is null && r.EnterpriseCreditCode is null)
            .Select(r => (Record: r, Name: text.Analyze(null, r.AnalysedText).Enterprises.FirstOrDefault(e => e.Kind == EnterpriseMentionKind.Named)?.Name))
            .Where(m => m.Name is not null).Select(m => new Complaint { SourceId = "", RegionCode = m.Record.RegionCode, ProblemText = "", EnterpriseName = m.Name }).ToList();
        Console.WriteLine($"{mined.Count:N0} records name no enterprise but the text does, e.g. {string.Join(", ", mined.Take(8).Select(m => m.EnterpriseName))}");
        Measure("  link: names found in the text", mined, 1, r => linker.Link(new LinkQuery(null, r.EnterpriseName, r.RegionCode)));
        Measure($"Analyse, {Environment.ProcessorCount} threads", records, Environment.ProcessorCount, r => analyzer.Analyse(r, "complaint"));
        return 0;
    }

    private static Complaint Fill(Complaint c, string?[] cells)
    {
        c.RegionCode = cells[SourceSchema.RegionField]!;
        c.EnterpriseName = cells[SourceSchema.EnterpriseNameField];
        c.EnterpriseCreditCode = cells[SourceSchema.CreditCodeField];
        c.ProductText = cells[SourceSchema.ProductField];
        return c;
    }

    private static void Measure(string label, List<Complaint> records, int threads, Action<Complaint> action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        Parallel.ForEach(records, new ParallelOptions { MaxDegreeOfParallelism = threads }, action);
        wall.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms heap {GC.GetTotalMemory(false) / 1048576} MiB");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-42} {wall.Elapsed.TotalMilliseconds * 1000 / records.Count,7:F1} µs/record wall ({records.Count / wall.Elapsed.TotalSeconds,8:N0}/s), {used.TotalMilliseconds * 1000 / records.Count,7:F1} µs CPU"));
    }
}
