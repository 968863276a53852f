using System.Globalization;
using QualityWatch.Core.Certification.Findings;

namespace QualityWatch.Core.Certification.Oversight;

/// <summary>
/// Fees far from the norm of their scheme × product category, where bodies report fees: a robust z-score on the
/// logarithm of the fee (M = 0.6745·(ln fee − median)/MAD, Iglewicz and Hoaglin's |M| &gt; 3.5). Fees are skewed and
/// multiplicative, hence the logarithm; a fee a tenth of the norm suggests a certificate sold without the testing it
/// pays for, ten times the norm suggests a "fast track". Groups need enough fees for a norm, and the fee must also be at
/// least <see cref="MinimumFactor"/> times (or at most a third of) the median.
/// </summary>
public static class FeeOutliers
{
    public const double Cutoff = 3.5;

    /// <summary>
    /// A fee must also differ from the median by at least this factor: in a tight market a statistically unusual fee
    /// can be a mere 2× price difference, which says nothing about the certificate.
    /// </summary>
    public const double MinimumFactor = 3;
    public const int MinimumGroup = 10;
    public const int Severity = 2;
    private const double Consistency = 0.6745;

    public static List<Finding> Find(OversightData data)
    {
        var found = new List<Finding>();
        var norms = new Dictionary<(CertificateScheme, string?), (double Median, double Mad, int N)>();
        foreach (var g in data.Certificates.Where(c => c.Fee > 0).GroupBy(c => (c.Scheme, c.Category)))
        {
            var logs = g.Select(c => Math.Log((double)c.Fee!.Value)).ToArray();
            if (logs.Length < MinimumGroup)
                continue;
            var median = Median(logs);
            var mad = Median([.. logs.Select(x => Math.Abs(x - median))]);
            if (mad > 0)
                norms[g.Key] = (median, mad, logs.Length);
        }
        var ci = CultureInfo.InvariantCulture;
        foreach (var c in data.Judged.Where(c => c.Fee > 0).OrderBy(c => c.Id))
        {
            if (!norms.TryGetValue((c.Scheme, c.Category), out var norm))
                continue;
            var z = Consistency * (Math.Log((double)c.Fee!.Value) - norm.Median) / norm.Mad;
            var typical = Math.Exp(norm.Median);
            var factor = (double)c.Fee.Value / typical;
            if (Math.Abs(z) <= Cutoff || (factor < MinimumFactor && factor > 1 / MinimumFactor))
                continue;
            var (zh, en) = z < 0 ? ("远低于", "far below") : ("远高于", "far above");
            found.Add(data.BodyFinding(FindingRules.FeeOutlier, c.IssuerKey, c.Category, c.IssuedOn, Math.Min(100, 50 + (10 * (Math.Abs(z) - Cutoff))), Severity,
                string.Create(ci, $"{data.BodyNameZh(c.IssuerKey)} 为 {c.Number} 收费 {c.Fee:0.##} 元，{zh}同类（{c.Scheme.Zh()}，{IssuanceVolume.CategoryZh(c.Category)}）中位数 {typical:0} 元（稳健 z = {z:0.0}，n = {norm.N}）"),
                string.Create(ci, $"{data.BodyNameEn(c.IssuerKey)} charged CNY {c.Fee:0.##} for {c.Number}, {en} the median CNY {typical:0} of its group ({c.Scheme.En()}, {IssuanceVolume.CategoryEn(c.Category)}; robust z = {z:0.0}, n = {norm.N})"),
                [FindingSignals.CertificateRef(c.Id)]) with
            {
                Observed = (double)c.Fee.Value,
                Expected = Math.Round(typical, 2),
                Threshold = Math.Round(Math.Exp(norm.Median + (Math.Sign(z) * Cutoff * norm.Mad / Consistency)), 2),
                Method = "robust-z(log fee)",
            });
        }
        return found;
    }

    private static double Median(double[] a)
    {
        Array.Sort(a);
        var n = a.Length;
        return n % 2 == 1 ? a[n / 2] : (a[(n / 2) - 1] + a[n / 2]) / 2;
    }
}
