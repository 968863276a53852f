using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Risk.Bench;

/// <summary>Diagnostic: cost per row of BulkInsert's paths for wide complaint rows.</summary>
public static class InsertPaths
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Bench.Arg(args, "--rows", 20_000);
        await using var database = await BenchDatabase.CreateAsync(BenchDatabase.PostgresFrom(args), "paths");
        var texts = Bench.ComplaintTexts();
        var analysis = new string('x', 1200);
        var n = 0;
        List<Complaint> Batch() => Enumerable.Range(0, 1000).Select(_ => new Complaint
        {
            SourceId = "P" + (++n).ToString(CultureInfo.InvariantCulture),
            RegionCode = "440305",
            ProblemText = texts[n % texts.Count].Text,
            Analysis = analysis,
            Amount = 12.5m,
            Channel = "12315热线",
            ContentHash = "abcdefghijabcdefghijabcdefghijabcdefghij1234",
        }).ToList();
        for (var round = 0; round < 2; round++)
        {
            foreach (var mode in new[] { "statements", "returning-keys" })
            {
                await using var scope = database.OpenScope();
                var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                for (var b = 0; b < rows / 1000; b++)
                {
                    var batch = Batch();
                    await using var tx = await db.Database.BeginTransactionAsync();
                    if (mode == "statements")
                        await BulkInsert.InsertAsync(db, batch, readBackKeys: false);
                    else
                        await BulkInsert.InsertAsync(db, batch, readBackKeys: true);
                    await tx.CommitAsync();
                }
                var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode,-16} {wall.Elapsed.TotalMilliseconds * 1000 / rows,7:F1} µs/row wall, {used.TotalMilliseconds * 1000 / rows,7:F1} µs CPU"));
            }
        }
        return 0;
    }
}
