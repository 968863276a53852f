using System.Globalization;
using QualityWatch.Core.Certification.Findings;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Signals;

namespace QualityWatch.Core.Certification.Oversight;

/// <summary>
/// Many suspended, withdrawn or revoked certificates for one body or one holder, against the norm. The norm is the
/// share of lapsed certificates per scheme among everyone else's certificates (smoothed by one lapsed and one not),
/// so a body issuing only schemes that are often withdrawn is not blamed for the scheme; the expected count is the sum
/// of the body's (or holder's) certificates per scheme times that share, and the count is tested against a Poisson
/// with that mean. Each body or holder is one test among many: α is 0.001, or 5 % divided by the number of bodies
/// (holders) tested when that is smaller (Bonferroni), so a scan of 40,000 holders raises about one false alarm in
/// twenty scans rather than dozens per scan.
/// </summary>
public static class RevocationRates
{
    public const double Alpha = 0.001;
    public const double FamilyAlpha = 0.05;
    public const int MinimumLapsedPerBody = 5;
    public const int MinimumLapsedPerHolder = 3;
    public const int BodySeverity = 2;
    public const int HolderSeverity = 3;

    public static List<Finding> Find(OversightData data)
    {
        var found = new List<Finding>();
        var totals = data.Certificates.GroupBy(c => c.Scheme)
            .ToDictionary(g => g.Key, g => (N: g.Count(), X: g.Count(c => c.LapsedOn is not null)));
        var ci = CultureInfo.InvariantCulture;

        var byBody = data.Certificates.GroupBy(c => c.IssuerKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var bodyAlpha = AlphaFor(byBody.Count(g => g.Count(c => c.LapsedOn is not null) >= MinimumLapsedPerBody));
        foreach (var g in byBody)
        {
            if (Test(g.ToList(), totals, MinimumLapsedPerBody, bodyAlpha) is not { } t)
                continue;
            var body = g.Key;
            found.Add(data.BodyFinding(FindingRules.BodyRevocationRate, body, null, t.Day, SignalStrength.OverThreshold(t.Lapsed, t.Threshold), BodySeverity,
                string.Create(ci, $"{data.BodyNameZh(body)} 颁发的 {t.Issued} 张证书中 {t.Lapsed} 张被暂停、注销或撤销，按各认证类别常规比例预期 {t.Expected:0.#} 张（p = {t.P:G3}）"),
                string.Create(ci, $"{t.Lapsed} of the {t.Issued} certificates {data.BodyNameEn(body)} issued were suspended, withdrawn or revoked; {t.Expected:0.#} expected at the usual share per scheme (p = {t.P:G3})"),
                t.Evidence) with
            {
                Observed = t.Lapsed,
                Expected = Math.Round(t.Expected, 3),
                Threshold = t.Threshold,
                Method = "poisson",
            });
        }

        var byHolder = data.Certificates.GroupBy(c => c.HolderKey, StringComparer.Ordinal).Where(g => g.Key.Length > 0).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var holderAlpha = AlphaFor(byHolder.Count(g => g.Count(c => c.LapsedOn is not null) >= MinimumLapsedPerHolder));
        foreach (var g in byHolder)
        {
            if (Test(g.ToList(), totals, MinimumLapsedPerHolder, holderAlpha) is not { } t)
                continue;
            var any = g.OrderByDescending(c => c.HolderEnterpriseId is not null).ThenByDescending(c => c.RegionCode is not null).First();
            var region = any.RegionCode ?? Access.RegionCodes.National;
            var subject = any.HolderEnterpriseId ?? SubjectKeys.Holder(g.Key);
            var bodies = g.Where(c => c.LapsedOn is not null).Select(c => c.IssuerKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Where(k => data.Registry.BodyById(k) is not null).Select(FindingSignals.BodyRef);
            found.Add(new Finding(FindingRules.HolderRevocationRate, null, region, subject, any.HolderEnterpriseId, t.Day,
                SignalStrength.OverThreshold(t.Lapsed, t.Threshold), HolderSeverity,
                string.Create(ci, $"持证人 {any.HolderName}{(any.HolderCreditCode is null ? "" : $"（{any.HolderCreditCode}）")} 的 {t.Issued} 张证书中 {t.Lapsed} 张被暂停、注销或撤销，预期 {t.Expected:0.#} 张（p = {t.P:G3}）"),
                string.Create(ci, $"{t.Lapsed} of the {t.Issued} certificates of {any.HolderName}{(any.HolderCreditCode is null ? "" : $" ({any.HolderCreditCode})")} were suspended, withdrawn or revoked; {t.Expected:0.#} expected (p = {t.P:G3})"))
            {
                Evidence = [.. t.Evidence, .. bodies],
                Observed = t.Lapsed,
                Expected = Math.Round(t.Expected, 3),
                Threshold = t.Threshold,
                Method = "poisson",
            });
        }
        return found;
    }

    private sealed record TestResult(int Issued, int Lapsed, double Expected, double Threshold, double P, DateOnly Day, List<RecordRef> Evidence);

    /// <summary>α for one test among <paramref name="tested"/> (those with enough lapsed certificates to be tested at all).</summary>
    public static double AlphaFor(int tested) => Math.Min(Alpha, FamilyAlpha / Math.Max(1, tested));

    private static TestResult? Test(List<CertificateFacts> group, Dictionary<CertificateScheme, (int N, int X)> totals, int minimum, double alpha)
    {
        var lapsed = group.Where(c => c.LapsedOn is not null).ToList();
        if (lapsed.Count < minimum)
            return null;
        var expected = 0.0;
        foreach (var s in group.GroupBy(c => c.Scheme))
        {
            var (n, x) = totals[s.Key];
            var own = s.Count();
            var ownLapsed = s.Count(c => c.LapsedOn is not null);
            // Everyone else's share, smoothed so a scheme nobody else holds is neither 0 % nor undefined.
            var p = (x - ownLapsed + 1.0) / (n - own + 2.0);
            expected += own * p;
        }
        var tail = UpperTail(lapsed.Count, expected);
        if (tail >= alpha)
            return null;
        var threshold = Distributions.QPois(1 - alpha, expected) + 1;
        // Dated to the latest lapse counted: the finding stays on one signal until another certificate lapses.
        var day = lapsed.Max(c => c.LapsedOn!.Value);
        var evidence = lapsed.OrderByDescending(c => c.LapsedOn).ThenBy(c => c.Id).Take(Evidence.MaxRecords - 10)
            .Select(c => FindingSignals.CertificateRef(c.Id)).ToList();
        return new TestResult(group.Count, lapsed.Count, expected, threshold, tail, day, evidence);
    }

    /// <summary>P(X ≥ x) for X ~ Poisson(λ).</summary>
    public static double UpperTail(int x, double lambda) => x <= 0 ? 1 : 1 - Distributions.PPois(x - 1, lambda);
}
