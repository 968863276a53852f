using System.Diagnostics;
using QualityWatch.Core.Registry.Regions;
using QualityWatch.Core.Risk.Linking;
using QualityWatch.Core.Tests.Risk.Linking;

namespace QualityWatch.Linking.Bench;

/// <summary>Directory build time and retained memory, then the mean cost of one link, grouped by the method that answered.</summary>
internal static class Speed
{
    public static int Run(int enterprises, int queryCount)
    {
        var registry = SyntheticRegistry.Build(seed: 7, enterprises);
        var rows = registry.Rows;
        var regions = RegionSeed.Load();
        var queries = SyntheticQueries.Build(registry, seed: 7, Math.Min(queryCount, 20_000)).Select(q => q.Query).ToArray();
        Console.WriteLine($"{rows.Count} enterprises, {rows.Sum(r => r.Aliases.Count)} aliases, {queries.Length} distinct queries");

        EnterpriseDirectory.Build(rows.Take(1000), regions); // JIT warm-up
        var times = new List<double>();
        long retained = 0;
        EnterpriseDirectory? directory = null;
        for (var run = 0; run < 3; run++)
        {
            directory = null;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var sw = Stopwatch.StartNew();
            directory = EnterpriseDirectory.Build(rows, regions);
            times.Add(sw.Elapsed.TotalMilliseconds);
            retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        }
        Console.WriteLine($"directory build: {string.Join(" / ", times.Select(t => $"{t:0} ms"))} (3 runs); retained {retained / 1048576.0:0.0} MiB " +
            $"({(double)retained / rows.Count:0} bytes per enterprise, including the region gazetteer)");

        var linker = new EnterpriseLinker(directory!);
        var byMethod = queries.GroupBy(q => linker.Link(q).Method).OrderBy(g => g.Key).ToList();
        Console.WriteLine();
        Console.WriteLine("| answered by | queries | mean µs (wall) | mean µs (best round) | p50 µs | p99 µs |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in byMethod)
            Report(group.Key.ToString(), linker, group.ToArray(), queryCount);
        Report("all (mix above)", linker, queries, queryCount);

        // Ingest runs on every core: one linker shared by all threads.
        var sw2 = Stopwatch.StartNew();
        var total = 0;
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            for (var i = 0; i < queryCount / Environment.ProcessorCount; i++)
                linker.Link(queries[i % queries.Length]);
            Interlocked.Add(ref total, queryCount / Environment.ProcessorCount);
        });
        Console.WriteLine();
        Console.WriteLine($"throughput on {Environment.ProcessorCount} threads: {total / sw2.Elapsed.TotalSeconds:0} links/s");
        return 0;
    }

    private static void Report(string label, EnterpriseLinker linker, LinkQuery[] queries, int target)
    {
        foreach (var q in queries.Take(2000))
            linker.Link(q); // warm-up
        var rounds = Math.Max(1, target / queries.Length / 4);
        var samples = new double[queries.Length];
        var sw = new Stopwatch();
        long ticks = 0;
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < queries.Length; i++)
            {
                sw.Restart();
                linker.Link(queries[i]);
                sw.Stop();
                ticks += sw.ElapsedTicks;
                samples[i] = round == 0 ? sw.Elapsed.TotalMicroseconds : Math.Min(samples[i], sw.Elapsed.TotalMicroseconds);
            }
        }
        // The machine is shared: the wall-clock mean includes other processes' time slices, the mean of each query's
        // best round does not. Both are printed.
        var best = samples.Average();
        Array.Sort(samples);
        var mean = ticks * 1_000_000.0 / Stopwatch.Frequency / (rounds * (double)queries.Length);
        Console.WriteLine($"| {label} | {queries.Length} | {mean:0.0} | {best:0.0} | {samples[samples.Length / 2]:0.0} | {samples[(int)(samples.Length * 0.99)]:0.0} |");
    }
}
