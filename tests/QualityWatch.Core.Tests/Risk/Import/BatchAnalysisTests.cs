using QualityWatch.Core.Risk.Analysis;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Sources.Import;
using QualityWatch.Core.Risk.Text;
using QualityWatch.Core.Tests.Risk.Linking;

namespace QualityWatch.Core.Tests.Risk.Import;

/// <summary>
/// An import's batches are analysed by background workers and by the importing thread together: every record is
/// analysed exactly once, with the result it gets alone, whoever claims it; a failure reaches the importing thread.
/// </summary>
public sealed class BatchAnalysisTests
{
    private static readonly RecordAnalyzer Analyzer = new(TextAnalyzer.Shared, FixtureSet.Directory());

    private static List<Complaint> Complaints(int count, string? failOn = null) =>
        [.. Enumerable.Range(0, count).Select(n => new Complaint
        {
            SourceId = n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RegionCode = n % 2 == 0 ? "440305" : "110105",
            EnterpriseName = n % 3 == 0 ? $"鑫源{n}号口罩加工厂" : null,
            // A product category the analyser cannot classify is not a failure; a null text is.
            ProblemText = failOn == n.ToString(System.Globalization.CultureInfo.InvariantCulture) ? null! : $"买的KN95口罩没有防伪标识，怀疑是假货，第{n}批",
        })];

    [Fact]
    public async Task Workers_and_the_importing_thread_together_analyse_each_record_once_as_it_would_be_alone()
    {
        var expected = Complaints(300);
        var leadsAlone = expected.Select(c => Analyzer.Analyse(c, "complaint")).ToList();

        var workers = new AnalysisWorkers(CancellationToken.None);
        var batches = Enumerable.Range(0, 3).Select(_ => Complaints(300)).ToList();
        var analyses = batches.Select(b => new BatchAnalysis([.. b], 200, Analyzer, "complaint", r => "changes of " + r.SourceId)).ToList();
        foreach (var a in analyses)
            workers.Add(a);
        foreach (var a in analyses)
            await a.CompleteAsync(CancellationToken.None);
        await workers.StopAsync();

        for (var b = 0; b < batches.Count; b++)
        {
            Assert.Equal(expected.Select(c => c.Analysis), batches[b].Select(c => c.Analysis));
            Assert.Equal(expected.Select(c => (c.Problem, c.ProductCategory, c.EnterpriseId, c.LinkMethod)), batches[b].Select(c => (c.Problem, c.ProductCategory, c.EnterpriseId, c.LinkMethod)));
            Assert.Equal(leadsAlone, analyses[b].Leads);
            Assert.Equal(Enumerable.Range(0, 200).Select(n => "changes of " + n), analyses[b].CreatedChanges);
        }
        Assert.Contains(analyses[0].Leads, l => l is not null);
    }

    [Fact]
    public async Task The_importing_thread_alone_completes_a_batch_and_a_failure_is_rethrown_to_it()
    {
        // No workers: the importing thread claims every record itself.
        var batch = Complaints(50);
        var alone = new BatchAnalysis([.. batch], 50, Analyzer, "complaint", r => r.SourceId);
        await alone.CompleteAsync(CancellationToken.None);
        Assert.All(batch, c => Assert.NotNull(c.Analysis));

        var workers = new AnalysisWorkers(CancellationToken.None);
        var failing = new BatchAnalysis([.. Complaints(200, failOn: "137")], 0, Analyzer, "complaint", r => r.SourceId);
        workers.Add(failing);
        await Assert.ThrowsAnyAsync<Exception>(() => failing.CompleteAsync(CancellationToken.None));
        await workers.StopAsync();
    }
}
