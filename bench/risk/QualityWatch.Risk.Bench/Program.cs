using QualityWatch.Risk.Bench;

// Risk-monitoring benchmarks (issue 4); each prints its figures. See bench/README.md and bench/risk/run.sh.
return args.FirstOrDefault() switch
{
    "ingest-complaints" => await IngestComplaints.RunAsync(args[1..]),
    "analyse-complaints" => AnalyseComplaints.Run(args[1..]),
    "dump-analysis" => DumpAnalysis.Run(args[1..]),
    "insert-paths" => await InsertPaths.RunAsync(args[1..]),
    "scan" => await ScanBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: risk-bench ingest-complaints [--rows N] [--registry small|medium|large] [--postgres CONNECTION]");
    Console.Error.WriteLine("       risk-bench scan [--weeks 108] [--scale 1] [--runs 2] [--as-of 2026-11-25] [--postgres CONNECTION]");
    Console.Error.WriteLine("       risk-bench analyse-complaints [--rows N]     (CPU per record of text analysis and linking, no database)");
    Console.Error.WriteLine("       risk-bench dump-analysis [--rows N] [--labelled CSV] [--out FILE]   (every derived field, to compare before/after a change)");
    return 2;
}
