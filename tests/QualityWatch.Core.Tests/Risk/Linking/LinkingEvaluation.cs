using System.Globalization;
using System.Text;
using QualityWatch.Core.Risk.Linking;

namespace QualityWatch.Core.Tests.Risk.Linking;

/// <summary>
/// Precision (of links made, the share that are right) and recall (of queries whose answer is an enterprise, the
/// share linked to it), by query kind, by method and overall; plus how often queries with no answer stay unlinked.
/// </summary>
public sealed class LinkingEvaluation
{
    public sealed record Row(string Key, int Queries, int Answerable, int Linked, int Correct, int Abstained, int Flagged)
    {
        public double Precision => Linked == 0 ? 1 : (double)Correct / Linked;
        public double Recall => Answerable == 0 ? double.NaN : (double)Correct / Answerable;
    }

    private readonly List<(LabelledQuery Query, LinkResult Result)> outcomes = [];

    public static LinkingEvaluation Run(EnterpriseLinker linker, IEnumerable<LabelledQuery> queries)
    {
        var evaluation = new LinkingEvaluation();
        foreach (var q in queries)
            evaluation.outcomes.Add((q, linker.Link(q.Query)));
        return evaluation;
    }

    public IReadOnlyList<(LabelledQuery Query, LinkResult Result)> Outcomes => outcomes;

    public Row Overall => Figures("all", outcomes);

    public IReadOnlyList<Row> ByKind => outcomes.GroupBy(o => o.Query.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, g)).ToList();

    /// <summary>Links grouped by the method that made them (queries left unlinked are not counted here).</summary>
    public IReadOnlyList<Row> ByMethod => outcomes.Where(o => o.Result.EnterpriseId is not null).GroupBy(o => o.Result.Method)
        .OrderBy(g => g.Key).Select(g => Figures(g.Key.ToString(), g)).ToList();

    /// <summary>Observed precision of links by confidence band: a calibrated confidence is close to it.</summary>
    public IReadOnlyList<(string Band, int Links, double Precision)> Calibration =>
        outcomes.Where(o => o.Result.EnterpriseId is not null)
            .GroupBy(o => o.Result.Confidence switch { < 0.9 => "0.80–0.90", < 0.95 => "0.90–0.95", < 0.99 => "0.95–0.99", _ => "≥ 0.99" })
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), (double)g.Count(o => o.Result.EnterpriseId == o.Query.TrueId) / g.Count())).ToList();

    public Row Kind(string kind) => ByKind.Single(r => r.Key == kind);

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| kind | queries | linked | correct | precision | recall | unlinked (no answer) | flagged unregistered |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in ByKind.Append(Overall))
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Key} | {r.Queries} | {r.Linked} | {r.Correct} | {r.Precision:0.000} | {Fmt(r.Recall)} | {Abstain(r)} | {r.Flagged} |");
        sb.AppendLine();
        sb.AppendLine("| method | links | correct | precision |");
        sb.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var r in ByMethod)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Key} | {r.Linked} | {r.Correct} | {r.Precision:0.000} |");
        sb.AppendLine();
        sb.AppendLine("| confidence | links | observed precision |");
        sb.AppendLine("| --- | ---: | ---: |");
        foreach (var (band, links, precision) in Calibration)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {band} | {links} | {precision:0.000} |");
        return sb.ToString();
    }

    /// <summary>The wrong and missed links, for tuning by eye.</summary>
    public string Errors(int max = 40)
    {
        var sb = new StringBuilder();
        foreach (var (q, r) in outcomes.Where(o => o.Result.EnterpriseId != o.Query.TrueId).Take(max))
            sb.AppendLine(CultureInfo.InvariantCulture, $"{q.Kind}\t{q.Query}\ttruth={q.TrueId}\tgot={r.EnterpriseId} {r.Method} {r.Confidence:0.00} {r.Explanation} [{string.Join(' ', r.Candidates.Select(c => $"{c.Id}:{c.Score:0.00}"))}]");
        return sb.ToString();
    }

    private static string Fmt(double v) => double.IsNaN(v) ? "–" : v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Abstain(Row r) => r.Queries == r.Answerable ? "–" : $"{r.Abstained}/{r.Queries - r.Answerable}";

    private static Row Figures(string key, IEnumerable<(LabelledQuery Query, LinkResult Result)> rows)
    {
        int queries = 0, answerable = 0, linked = 0, correct = 0, abstained = 0, flagged = 0;
        foreach (var (q, r) in rows)
        {
            queries++;
            if (q.TrueId is not null)
                answerable++;
            if (r.EnterpriseId is not null)
                linked++;
            if (r.EnterpriseId is not null && r.EnterpriseId == q.TrueId)
                correct++;
            if (q.TrueId is null && r.EnterpriseId is null)
                abstained++;
            if (r.IsUnregistered)
                flagged++;
        }
        return new Row(key, queries, answerable, linked, correct, abstained, flagged);
    }
}
