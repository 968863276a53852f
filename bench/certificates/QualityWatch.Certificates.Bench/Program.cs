using System.Diagnostics;
using System.Globalization;
using QualityWatch.Core.Certification.Seed;
using QualityWatch.Core.Certification.Verification;

// Certificate verification benchmark (see docs/certification.md, "Benchmark"):
//   [certificates=1000000] [queries=200000] [seed=1]
// Builds a synthetic registry, then verifies a mixed batch of queries on one thread.
var ci = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentCulture = ci;
CultureInfo.CurrentCulture = ci;
var certificates = args.Length > 0 ? int.Parse(args[0], ci) : 1_000_000;
var queries = args.Length > 1 ? int.Parse(args[1], ci) : 200_000;
var seed = args.Length > 2 ? int.Parse(args[2], ci) : 1;

var before = GC.GetTotalMemory(forceFullCollection: true);
var sw = Stopwatch.StartNew();
var data = SyntheticRegistry.Generate(certificates, seed);
var generated = sw.Elapsed;
var afterData = GC.GetTotalMemory(forceFullCollection: true);
sw.Restart();
var registry = KnownBodies.Registry(data.Certificates, data.Bodies, data.Listings);
var built = sw.Elapsed;
var afterRegistry = GC.GetTotalMemory(forceFullCollection: true);
Console.WriteLine($"certificates            {registry.CertificateCount:N0} ({data.HolderCodes.Length:N0} holders, {registry.Bodies.Count} bodies)");
Console.WriteLine($"generate                {generated.TotalSeconds:F2} s, records {(afterData - before) / 1048576.0:F0} MiB");
Console.WriteLine($"registry build          {built.TotalSeconds:F2} s, index {(afterRegistry - afterData) / 1048576.0:F0} MiB");

var batch = QueryMix.Build(data, queries, seed + 1);
var asOf = new DateOnly(2024, 6, 1);
// Warm-up so tiering and the regex caches settle before timing.
for (var i = 0; i < Math.Min(20_000, batch.Length); i++)
    CertificateVerifier.Verify(batch[i], registry, asOf);

var verdicts = new int[4];
var checks = 0L;
var gcBefore = GC.CollectionCount(0);
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
sw.Restart();
foreach (var q in batch)
{
    var r = CertificateVerifier.Verify(q, registry, asOf);
    verdicts[(int)r.Verdict]++;
    checks += r.Checks.Count;
}
var verifyTime = sw.Elapsed;
// On a shared machine wall time includes waiting for a core; CPU time is what one core actually spent.
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var gen0 = GC.CollectionCount(0) - gcBefore;

sw.Restart();
var bytes = 0L;
for (var i = 0; i < Math.Min(50_000, batch.Length); i++)
    bytes += VerificationJson.ToJson(CertificateVerifier.Verify(batch[i], registry, asOf)).Length;
var jsonTime = sw.Elapsed;

using var process = Process.GetCurrentProcess();
Console.WriteLine($"queries                 {batch.Length:N0} on 1 thread, {checks / (double)batch.Length:F1} checks each");
Console.WriteLine($"verify                  {verifyTime.TotalSeconds:F2} s = {batch.Length / verifyTime.TotalSeconds:N0} certificates/s ({verifyTime.TotalMicroseconds / batch.Length:F1} µs each, {gen0} gen-0 GCs)");
Console.WriteLine($"verify (CPU time)       {cpu.TotalSeconds:F2} s = {batch.Length / cpu.TotalSeconds:N0} certificates/s per busy core");
Console.WriteLine($"verify + JSON           {Math.Min(50_000, batch.Length) / jsonTime.TotalSeconds:N0} certificates/s ({bytes / Math.Min(50_000, batch.Length)} chars each)");
Console.WriteLine($"verdicts                authentic {verdicts[(int)Verdict.Authentic]:N0}, suspicious {verdicts[(int)Verdict.Suspicious]:N0}, invalid {verdicts[(int)Verdict.Invalid]:N0}, unknown {verdicts[(int)Verdict.Unknown]:N0}");
Console.WriteLine($"managed heap            {GC.GetTotalMemory(false) / 1048576.0:F0} MiB; peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB");
return 0;
