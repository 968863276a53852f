using QualityWatch.Core.Risk.Text;
using Xunit.Abstractions;

namespace QualityWatch.Core.Tests.Risk.Text;

/// <summary>
/// Measures the classifier on the held-out evaluation set and guards floors a little below the measured
/// figures (docs/risk-text.md), so a rule, dictionary or model change that loses accuracy fails here.
/// The tables are printed to the test output:
/// dotnet test tests/QualityWatch.Core.Tests --filter "FullyQualifiedName~Risk.Text.EvaluationTests" --logger "console;verbosity=detailed"
/// </summary>
public class EvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Evaluation_set_is_large_enough_and_disjoint_from_training()
    {
        var eval = EvaluationSet.Rows;
        Assert.True(eval.Count >= 600, $"{eval.Count} evaluation records");
        foreach (var problem in Enum.GetValues<ProblemType>())
            Assert.True(eval.Count(r => r.Problem == problem) >= 40, $"{problem}: too few evaluation records");
        var training = LabelledText.EmbeddedTrainingSet().Select(r => ChineseText.Normalise(r.Text).Text).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(eval, r => training.Contains(ChineseText.Normalise(r.Text).Text));
        Assert.All(eval, r => Assert.Contains(r.Source, new[] { "complaint", "inspection", "case", "opinion" }));
    }

    [Fact]
    public void Problem_type_and_product_category_meet_their_floors()
    {
        var analyzer = TextAnalyzer.Shared;
        var problems = new ClassMetrics();
        var categories = new ClassMetrics();
        var decidedBy = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in EvaluationSet.Rows)
        {
            var c = analyzer.Classify(row.Text);
            problems.Add(row.Problem.ToString(), c.Problem.ToString());
            categories.Add(row.ProductCategory ?? "(none)", c.ProductCategory ?? "(none)");
            decidedBy[c.DecidedBy] = decidedBy.GetValueOrDefault(c.DecidedBy) + 1;
        }
        output.WriteLine($"rules {analyzer.RulesVersion}; problem type decided by: {string.Join(", ", decidedBy.Select(kv => $"{kv.Key} {kv.Value}"))}");
        output.WriteLine(problems.Table("problem type"));
        output.WriteLine(categories.Table("product category"));

        Assert.True(problems.MacroF1 >= ProblemFloor, $"problem-type macro F1 {problems.MacroF1:F3} < {ProblemFloor}");
        Assert.True(categories.MacroF1 >= CategoryFloor, $"product-category macro F1 {categories.MacroF1:F3} < {CategoryFloor}");
        Assert.All(problems.Rows, r => Assert.True(r.Recall >= 0.7, $"{r.Class} recall {r.Recall:F3}"));
    }

    private const double ProblemFloor = 0.88;
    private const double CategoryFloor = 0.93;
}
