using QualityWatch.Core.Risk.Linking;
using QualityWatch.Core.Tests.Risk.Linking;

namespace QualityWatch.Linking.Bench;

/// <summary>Threshold tuning on one seed; the figures in the docs come from another.</summary>
internal static class Tuning
{
    public static int Evaluate(int seed, int enterprises, int queries)
    {
        var registry = SyntheticRegistry.Build(seed, enterprises);
        var evaluation = LinkingEvaluation.Run(new EnterpriseLinker(registry.Directory()), SyntheticQueries.Build(registry, seed, queries));
        Console.WriteLine($"seed {seed}, {enterprises} enterprises, {queries} queries");
        Console.WriteLine(evaluation.ToMarkdown());
        Console.WriteLine(evaluation.Errors(int.MaxValue));
        return 0;
    }

    public static int Tune(int seed, int enterprises, int queries)
    {
        var registry = SyntheticRegistry.Build(seed, enterprises);
        var directory = registry.Directory();
        var labelled = SyntheticQueries.Build(registry, seed, queries);
        Console.WriteLine("threshold,margin,floor,precision,recall,unregistered_unlinked,unregistered_flagged,fuzzy_links,fuzzy_precision");
        foreach (var threshold in new[] { 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95 })
        {
            foreach (var margin in new[] { 0.02, 0.03, 0.05, 0.08 })
            {
                foreach (var floor in new[] { 0.65, 0.70, 0.75 })
                {
                    var options = new LinkerOptions { LinkThreshold = threshold, MinMargin = margin, UnregisteredFloor = floor };
                    var e = LinkingEvaluation.Run(new EnterpriseLinker(directory, options), labelled);
                    var fuzzy = e.ByMethod.FirstOrDefault(r => r.Key == nameof(LinkMethod.FuzzyName));
                    var unregistered = e.Kind("unregistered");
                    Console.WriteLine($"{threshold:0.00},{margin:0.00},{floor:0.00},{e.Overall.Precision:0.0000},{e.Overall.Recall:0.0000}," +
                        $"{(double)unregistered.Abstained / unregistered.Queries:0.000},{(double)unregistered.Flagged / unregistered.Queries:0.000},{fuzzy?.Linked ?? 0},{fuzzy?.Precision ?? 1:0.000}");
                }
            }
        }
        Calibrate(directory, labelled);
        return 0;
    }

    /// <summary>
    /// Fits the fuzzy confidence curve: logistic regression of "the best candidate is right" on its similarity and its
    /// lead, over every fuzzy decision the linker reaches when nothing is held back by a threshold.
    /// </summary>
    private static void Calibrate(EnterpriseDirectory directory, List<LabelledQuery> labelled)
    {
        var open = new EnterpriseLinker(directory, new LinkerOptions { LinkThreshold = 0, MinMargin = 0 });
        var points = new List<(double Score, double Margin, bool National, bool Right)>();
        foreach (var q in labelled)
        {
            var r = open.Link(q.Query);
            if (r.Method != LinkMethod.FuzzyName)
                continue;
            var margin = r.Candidates.Count > 1 ? r.Candidates[0].Score - r.Candidates[1].Score : 1;
            points.Add((r.Candidates[0].Score, Math.Min(margin, 0.3), r.Explanation!.Contains("nationwide", StringComparison.Ordinal), r.EnterpriseId == q.TrueId));
        }
        // Newton-Raphson on (1, score, margin, national).
        var w = new double[4];
        for (var iteration = 0; iteration < 25; iteration++)
        {
            var g = new double[4];
            var h = new double[4, 4];
            foreach (var p in points)
            {
                double[] x = [1, p.Score, p.Margin, p.National ? 1 : 0];
                var z = w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + w[3] * x[3];
                var prob = 1 / (1 + Math.Exp(-z));
                for (var i = 0; i < 4; i++)
                {
                    g[i] += ((p.Right ? 1 : 0) - prob) * x[i];
                    for (var j = 0; j < 4; j++)
                        h[i, j] += prob * (1 - prob) * x[i] * x[j] + (i == j ? 1e-6 : 0);
                }
            }
            var step = Solve(h, g);
            for (var i = 0; i < 4; i++)
                w[i] += step[i];
        }
        Console.WriteLine($"fuzzy decisions: {points.Count}, right: {points.Count(p => p.Right)}");
        Console.WriteLine($"logistic: z = {w[0]:0.00} + {w[1]:0.00}·score + {w[2]:0.00}·min(lead, 0.3) + {w[3]:0.00}·nationwide");
        foreach (var band in points.GroupBy(p => Math.Floor(p.Score * 20) / 20).OrderBy(b => b.Key))
            Console.WriteLine($"score {band.Key:0.00}–{band.Key + 0.05:0.00}: {band.Count()} decisions, {band.Count(p => p.Right) / (double)band.Count():0.000} right");
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = new double[n, n + 1];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                m[i, j] = a[i, j];
            m[i, n] = b[i];
        }
        for (var c = 0; c < n; c++)
        {
            var pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            for (var j = 0; j <= n; j++)
                (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            for (var r = 0; r < n; r++)
            {
                if (r == c)
                    continue;
                var f = m[r, c] / m[c, c];
                for (var j = c; j <= n; j++)
                    m[r, j] -= f * m[c, j];
            }
        }
        return Enumerable.Range(0, n).Select(i => m[i, n] / m[i, i]).ToArray();
    }
}
