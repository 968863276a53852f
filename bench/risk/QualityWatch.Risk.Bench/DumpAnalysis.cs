using System.Text;
using QualityWatch.Core.Access;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Registry.Regions;
using QualityWatch.Core.Risk.Analysis;
using QualityWatch.Core.Risk.Linking;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Sources.Import;
using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Risk.Bench;

/// <summary>
/// Writes everything the analyzer derives (classification, link, lead, analysis JSON and jieba's tokens) for the
/// bench complaints, the embedded training set and, when given, a labelled CSV such as the held-out evaluation set,
/// one line per record. Run before and after a change to the text pipeline or linking and compare the files byte
/// for byte: a speed-up must not change a single result.
/// </summary>
public static class DumpAnalysis
{
    public static int Run(string[] args)
    {
        var rows = Bench.Arg(args, "--rows", 20_000);
        var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "analysis-dump.txt";
        var extra = args.SkipWhile(a => a != "--labelled").Skip(1).FirstOrDefault();
        var data = DemoGenerator.Build(1, DemoScale.Large);
        var enterprises = data.Enterprises.Select((e, i) => new EnterpriseRow(i + 1, e.CreditCode, e.Name, e.NormalizedName, e.RegionCode, e.Aliases)).ToList();
        var firms = data.Enterprises.Select(e => new IngestComplaints.Firm(e.Name, e.CreditCode, e.RegionCode)).ToList();
        var analyzer = new RecordAnalyzer(TextAnalyzer.Shared, EnterpriseDirectory.Build(enterprises, RegionSeed.Load()));
        var schema = new ComplaintSchema();
        var records = new List<Complaint>();
        foreach (var (cells, i) in IngestComplaints.Rows(firms, rows, seed: 7, changedEvery: 0).Select((c, i) => (c, i)))
        {
            var c = (Complaint)schema.Create(new SourceRow(i + 2, cells));
            c.RegionCode = cells[SourceSchema.RegionField]!;
            c.EnterpriseName = cells[SourceSchema.EnterpriseNameField];
            c.EnterpriseCreditCode = cells[SourceSchema.CreditCodeField];
            c.ProductText = cells[SourceSchema.ProductField];
            records.Add(c);
        }
        var labelled = LabelledText.EmbeddedTrainingSet().ToList();
        if (extra is not null)
        {
            using var stream = File.OpenRead(extra);
            labelled.AddRange(LabelledText.ReadCsv(stream));
        }
        foreach (var (t, i) in labelled.Select((t, i) => (t, i)))
            records.Add(new Complaint { SourceId = "L" + i, RegionCode = RegionCodes.National, ProblemText = t.Text });

        // In parallel, as the import runs it; the output is in input order.
        var lines = new string[records.Count];
        Parallel.For(0, records.Count, i =>
        {
            var r = records[i];
            var lead = analyzer.Analyse(r, "complaint");
            var tokens = TextAnalyzer.Shared.Analyze(null, r.AnalysedText).Tokens;
            lines[i] = string.Join('\t', r.SourceId, r.Problem, r.ClassificationConfidence, r.ProductCategory, r.Vulnerable, r.EnterpriseId,
                r.LinkMethod, r.LinkConfidence, lead, r.Analysis, string.Join(' ', tokens.Select(t => $"{t.Text}@{t.Start}+{t.Length}")));
        });
        File.WriteAllLines(output, lines, new UTF8Encoding(false));
        Console.WriteLine($"{records.Count:N0} records ({rows:N0} bench complaints, {labelled.Count:N0} labelled texts) written to {output}");
        return 0;
    }
}
