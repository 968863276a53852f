using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Core.Tests.Risk.Text;

/// <summary>The held-out evaluation set (Data/evaluation.csv, embedded in the test assembly).</summary>
internal static class EvaluationSet
{
    public static readonly IReadOnlyList<LabelledText> Rows = Load();

    private static IReadOnlyList<LabelledText> Load()
    {
        using var stream = typeof(EvaluationSet).Assembly.GetManifestResourceStream("QualityWatch.Tests.RiskText.evaluation.csv")
            ?? throw new InvalidOperationException("evaluation.csv is not embedded");
        return LabelledText.ReadCsv(stream);
    }
}
