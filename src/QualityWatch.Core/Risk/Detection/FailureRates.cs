using MathNet.Numerics.Distributions;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Risk.Detection;

/// <summary>
/// Sampling failure rates per product category and province: failures among the samples of the last four
/// weeks against the rate of the 52 weeks before. Counts of failures alone rise whenever more samples are
/// taken; the rate does not. An alarm needs P(X ≥ x | n, p₀) &lt; 1% under a binomial with the baseline rate
/// (smoothed with one failure and one pass so a clean baseline is not a rate of zero).
/// </summary>
public static class FailureRates
{
    public const int RecentWeeks = 4;
    public const int BaselineWeeks = 52;
    public const double Alpha = 0.01;

    private sealed record Cell(bool Recent, string Province, string? Category, int Samples, int Failures);

    public static async Task<List<SignalDraft>> FindAsync(QualityWatchDbContext db, int week, CancellationToken ct)
    {
        var recentFrom = (week - RecentWeeks + 1) * 7;
        var baselineFrom = recentFrom - (BaselineWeeks * 7);
        var toDay = (week * 7) + 6;
        var cells = await db.InspectionResults.Where(i => i.Day >= baselineFrom && i.Day <= toDay)
            .GroupBy(i => new { Recent = i.Day >= recentFrom, Province = i.RegionCode.Substring(0, 2), i.ProductCategory })
            .Select(g => new Cell(g.Key.Recent, g.Key.Province, g.Key.ProductCategory, g.Count(), g.Count(i => i.Verdict == InspectionVerdict.Fail)))
            .ToListAsync(ct);
        var found = new List<SignalDraft>();
        foreach (var group in cells.GroupBy(c => (c.Province, c.Category)))
        {
            var recent = group.FirstOrDefault(c => c.Recent);
            var baseline = group.FirstOrDefault(c => !c.Recent);
            if (recent is null || baseline is null || recent.Failures == 0 || group.Key.Province == "10")
                continue;
            var p0 = (baseline.Failures + 1.0) / (baseline.Samples + 2.0);
            var tail = UpperTail(recent.Failures, recent.Samples, p0);
            if (tail >= Alpha)
                continue;
            var threshold = Quantile(recent.Samples, p0, 1 - Alpha);
            var id = new SeriesId("inspection", group.Key.Category, group.Key.Province + "0000", "failure-rate", "weekly");
            found.Add(new SignalDraft(id, SignalKind.FailureRate, DateOnly.FromDayNumber(week * 7), recentFrom, toDay, recent.Failures,
                recent.Samples * p0, threshold, "binomial-rate", SignalStrength.OverThreshold(recent.Failures, threshold),
                Note: $"近{RecentWeeks}周 {recent.Failures}/{recent.Samples} 不合格，基线 {baseline.Failures}/{baseline.Samples} (p = {tail:G3})")
            { Severity = 4 });
        }
        return found;
    }

    /// <summary>P(X ≥ x) for X ~ Binomial(n, p).</summary>
    public static double UpperTail(int x, int n, double p) => x <= 0 ? 1 : 1 - Binomial.CDF(p, n, x - 1);

    /// <summary>The smallest k with P(X ≤ k) ≥ q.</summary>
    public static double Quantile(int n, double p, double q)
    {
        for (var k = 0; k <= n; k++)
        {
            if (Binomial.CDF(p, n, k) >= q)
                return k;
        }
        return n;
    }
}
