using System.Globalization;
using System.Text;

namespace QualityWatch.Core.Tests.Risk.Text;

/// <summary>Per-class precision, recall and F1, and their macro averages, for one labelling task.</summary>
internal sealed class ClassMetrics
{
    private readonly Dictionary<string, (int Tp, int Fp, int Fn, int Support)> _counts = new(StringComparer.Ordinal);

    public int Total { get; private set; }

    public int Correct { get; private set; }

    public void Add(string expected, string predicted)
    {
        Total++;
        Update(expected, c => c with { Support = c.Support + 1 });
        if (expected == predicted)
        {
            Correct++;
            Update(expected, c => c with { Tp = c.Tp + 1 });
        }
        else
        {
            Update(expected, c => c with { Fn = c.Fn + 1 });
            Update(predicted, c => c with { Fp = c.Fp + 1 });
        }
    }

    public IEnumerable<(string Class, double Precision, double Recall, double F1, int Support)> Rows =>
        _counts.Where(kv => kv.Value.Support > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var (tp, fp, fn, support) = kv.Value;
            var p = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            var r = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            return (kv.Key, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), support);
        });

    public double MacroF1 => Rows.Average(r => r.F1);

    public double MacroPrecision => Rows.Average(r => r.Precision);

    public double MacroRecall => Rows.Average(r => r.Recall);

    public double Accuracy => (double)Correct / Total;

    public string Table(string title)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {title} | precision | recall | F1 | eval records |");
        sb.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var (cls, p, r, f1, support) in Rows)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {cls} | {p:F3} | {r:F3} | {f1:F3} | {support} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| **macro** | {MacroPrecision:F3} | {MacroRecall:F3} | **{MacroF1:F3}** | {Total} (accuracy {Accuracy:F3}) |");
        return sb.ToString();
    }

    private void Update(string cls, Func<(int Tp, int Fp, int Fn, int Support), (int Tp, int Fp, int Fn, int Support)> change) =>
        _counts[cls] = change(_counts.GetValueOrDefault(cls));
}
