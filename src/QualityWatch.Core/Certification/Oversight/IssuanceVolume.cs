using System.Globalization;
using QualityWatch.Core.Certification.Findings;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Signals;

namespace QualityWatch.Core.Certification.Oversight;

/// <summary>
/// Issuance volume per body × scheme × product category as weekly counts, scanned like the risk module's count series:
/// Farrington-flexible in the Noufaily (2013) configuration on the last complete Monday–Sunday week, with b capped by
/// the body's own history (weeks before its first certificate are not observations), and an emergence rule for a
/// scope that wakes up after a silent year. A body that suddenly certifies far more masks than it ever did is what the
/// 2020 certificate mills looked like.
/// </summary>
public static class IssuanceVolume
{
    public const string Preset = "noufaily";

    /// <summary>Years of history Farrington uses at most (as the risk scan's default).</summary>
    public const int HistoryYears = 3;

    /// <summary>Certificates in one week of a scope silent for the year before that count as a new activity worth a look.</summary>
    public const int EmergenceMinimum = 10;

    /// <summary>Steps before the evaluated one that may already carry an emerging scope (as the risk scan).</summary>
    public const int EmergingWeeks = 4;

    public const int Severity = 2;

    /// <summary>The evaluated week: the last complete Monday–Sunday week on or before <paramref name="asOf"/> (as <see cref="ScanRisks"/>).</summary>
    public static int EvaluatedWeek(DateOnly asOf) => ((asOf.DayNumber + 1) / 7) - 1;

    public static List<Finding> Find(OversightData data)
    {
        var week = EvaluatedWeek(data.AsOf);
        var weekStart = DateOnly.FromDayNumber(week * 7);
        var preset = FarringtonOptions.Preset(Preset);
        var detectors = new Dictionary<int, FarringtonFlexible>();
        var found = new List<Finding>();
        var firstWeekOfBody = data.Certificates.GroupBy(c => c.IssuerKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(c => c.IssuedOn.DayNumber) / 7, StringComparer.Ordinal);
        var maxSteps = (52 * HistoryYears) + preset.W + 1;
        var firstStep = week - maxSteps + 1;
        var series = data.Certificates.Where(c => c.IssuedOn.DayNumber / 7 >= firstStep && c.IssuedOn.DayNumber / 7 <= week)
            .GroupBy(c => (c.IssuerKey, c.Scheme, c.Category));
        foreach (var g in series.OrderBy(g => g.Key.IssuerKey, StringComparer.Ordinal).ThenBy(g => g.Key.Scheme).ThenBy(g => g.Key.Category, StringComparer.Ordinal))
        {
            var inWeek = g.Where(c => c.IssuedOn.DayNumber / 7 == week).ToList();
            if (inWeek.Count == 0)
                continue; // no certificate cannot exceed any threshold
            var counts = new double[maxSteps];
            foreach (var c in g)
                counts[(c.IssuedOn.DayNumber / 7) - firstStep]++;
            var last = maxSteps - 1;
            var historyStart = Math.Max(0, firstWeekOfBody[g.Key.IssuerKey] - firstStep);
            var observed = counts[last];
            double expected, threshold, strength;
            string method;
            if (Emergent(counts, last, historyStart))
            {
                (expected, threshold, method) = (0, EmergenceMinimum - 1, "emergence");
                strength = SignalStrength.Emergence(observed, EmergenceMinimum);
            }
            else
            {
                var years = Math.Min(HistoryYears, (last - historyStart - preset.W) / 52);
                if (years < 1)
                    continue; // under a year of history: nothing to compare with
                if (!detectors.TryGetValue(years, out var detector))
                    detectors[years] = detector = new FarringtonFlexible(preset with { B = years });
                var steps = (52 * years) + preset.W + 1;
                var p = detector.Evaluate(counts.AsSpan(maxSteps - steps), [], steps - 1).Point;
                if (!p.Alarm)
                    continue;
                (expected, threshold, method) = (p.Expected, p.Threshold, $"{Preset}(b={years})");
                strength = SignalStrength.OverThreshold(observed, threshold);
            }
            var (body, scheme, category) = g.Key;
            var what = CategoryZh(category);
            var ci = CultureInfo.InvariantCulture;
            found.Add(data.BodyFinding(FindingRules.IssuanceVolume, body, category, weekStart, strength, Severity,
                string.Create(ci, $"{data.BodyNameZh(body)} {weekStart:yyyy-MM-dd} 当周颁发{scheme.Zh()}（{what}）{observed:0} 张，预期 {expected:0.#}，阈值 {threshold:0.#}"),
                string.Create(ci, $"{data.BodyNameEn(body)} issued {observed:0} {scheme.En()} ({CategoryEn(category)}) in the week of {weekStart:yyyy-MM-dd}; expected {expected:0.#}, threshold {threshold:0.#}"),
                inWeek.OrderBy(c => c.Id).Take(Evidence.MaxRecords).Select(c => FindingSignals.CertificateRef(c.Id))) with
            {
                Frequency = FindingSignals.WeeklyFrequency,
                Observed = observed,
                Expected = expected,
                Threshold = threshold,
                Method = method,
            });
        }
        return found;
    }

    /// <summary>Silent for the year before its last <see cref="EmergingWeeks"/> steps, and now at least the minimum (as the risk scan).</summary>
    private static bool Emergent(double[] counts, int at, int historyStart)
    {
        const int lookBack = 52;
        if (counts[at] < EmergenceMinimum || at - lookBack < historyStart)
            return false;
        var start = at - lookBack;
        return counts.AsSpan(start, at - EmergingWeeks - start).IndexOfAnyExcept(0d) < 0;
    }

    internal static string CategoryZh(string? code) => ProductCategories.Find(code)?.NameZh ?? code ?? "未分类";

    internal static string CategoryEn(string? code) => ProductCategories.Find(code)?.NameEn ?? code ?? "uncategorised";
}
