using FsCheck;
using FsCheck.Xunit;

namespace QualityWatch.Signals.Tests;

/// <summary>The QualityWatch seasonal GLM detector (<see cref="SeasonalGlm"/>, preset <c>qualitywatch</c>).</summary>
public class SeasonalGlmTests
{
    /// <summary>NB(μ_t, φμ_t) series with log μ_t = θ + βt + γ₁cos(2πt/52) + γ₂sin(2πt/52) (the Noufaily model, m = 1).</summary>
    internal static double[] Seasonal(int n, double theta, double beta, double g1, double g2, double phi, int seed, double[]? mu = null)
    {
        var rng = new Random(seed);
        var y = new double[n];
        for (var t = 0; t < n; t++)
        {
            var m = Math.Exp(theta + (beta * t) + (g1 * Math.Cos(2 * Math.PI * t / 52)) + (g2 * Math.Sin(2 * Math.PI * t / 52)));
            if (mu is not null)
            {
                mu[t] = m;
            }

            y[t] = BehaviourTests.Poisson(rng, phi > 1 ? BehaviourTests.Gamma(rng, m / (phi - 1), phi - 1) : m);
        }

        return y;
    }

    private static SignalPoint[] Run(SeasonalGlm det, double[] y, int from, int to)
    {
        var res = new SignalPoint[to - from + 1];
        det.Detect(y, default, from, to, res);
        return res;
    }

    [Fact]
    public void RecoversTheSeasonalMeanAndTheDispersion()
    {
        var mu = new double[600];
        var y = Seasonal(600, 2.5, 0.001, 1, 0.1, 3, seed: 7, mu);
        var det = new SeasonalGlm(SeasonalGlmOptions.Default, 52);
        var relErrors = new List<double>();
        for (var k = 550; k < 600; k++)
        {
            var r = det.EvaluateDetailed(y, k);
            Assert.False(double.IsNaN(r.Point.Expected));
            relErrors.Add(Math.Abs((r.Point.Expected / mu[k]) - 1));
            Assert.InRange(r.Phi, 2.3, 3.8);
        }

        // a season from about 5 to 34 cases a week (φ = 3) is followed within a few percent
        Assert.True(relErrors.Average() < 0.08, $"mean relative error {relErrors.Average():F3}");
        Assert.True(relErrors.Max() < 0.25, $"max relative error {relErrors.Max():F3}");
    }

    [Fact]
    public void KeepsASteepTrendAndDropsAnAbsentOne()
    {
        var det = new SeasonalGlm(SeasonalGlmOptions.Default, 52);
        var steep = Seasonal(500, 0.5, 0.005, 0.5, 0.5, 1.5, seed: 3);
        var flat = Seasonal(500, 1.5, 0, 0.2, -0.4, 1, seed: 4);
        var keptSteep = 0;
        var keptFlat = 0;
        for (var k = 450; k < 500; k++)
        {
            var s = det.EvaluateDetailed(steep, k);
            keptSteep += s.TrendKept ? 1 : 0;
            if (s.TrendKept)
            {
                Assert.InRange(s.TrendCoefficient, 0.003, 0.007);
            }

            keptFlat += det.EvaluateDetailed(flat, k).TrendKept ? 1 : 0;
        }

        Assert.Equal(50, keptSteep);
        Assert.True(keptFlat <= 10, $"trend kept {keptFlat} times out of 50 on a trend-free series");
    }

    [Fact]
    public void DetectsAnOutbreak()
    {
        var y = Seasonal(520, 1.5, 0, 0.2, -0.4, 1, seed: 11);
        var det = new SeasonalGlm(SeasonalGlmOptions.Default, 52);
        var before = Run(det, y, 500, 519);
        Assert.DoesNotContain(before, p => p.Alarm);

        // 12 extra cases over two weeks, on an expected count of about 4.5 a week
        y[515] += 6;
        y[516] += 6;
        var res = Run(det, y, 515, 516);
        Assert.True(res[0].Alarm || res[1].Alarm);
    }

    [Fact]
    public void ReweightingLimitsTheEffectOfPastOutbreaks()
    {
        var clean = Seasonal(520, 1.5, 0, 0.2, -0.4, 1, seed: 11);
        var y = (double[])clean.Clone();

        // three large past outbreaks inside the fitted history: 5 weeks of +25 cases each (about 6 times the mean)
        foreach (var start in new[] { 300, 380, 450 })
        {
            for (var t = start; t < start + 5; t++)
            {
                y[t] += 25;
            }
        }

        double Expected(SeasonalGlmOptions o, double[] series) => new SeasonalGlm(o, 52).Evaluate(series, 510).Expected;
        var truth = Expected(SeasonalGlmOptions.Default, clean);
        var none = Expected(SeasonalGlmOptions.Default with { Reweight = false }, y);
        var one = Expected(SeasonalGlmOptions.Default, y);
        var two = Expected(SeasonalGlmOptions.Default with { ReweightPasses = 2 }, y);
        var three = Expected(SeasonalGlmOptions.Default with { ReweightPasses = 3 }, y);

        // Farrington's single pass removes only part of such outbreaks (they inflate the first φ̂ and so hide
        // themselves); further passes remove them
        Assert.True(none > 1.3 * truth);
        Assert.True(one < none && two < one && three <= two);
        Assert.InRange(two / truth, 0.9, 1.1);
        Assert.InRange(three / truth, 0.95, 1.05);
    }

    [Fact]
    public void ASumAlarmIsNotRepeatedTheWeekAfter()
    {
        var y = Enumerable.Repeat(10.0, 400).ToArray();
        for (var t = 0; t < y.Length; t++)
        {
            y[t] += t % 3; // 10, 11, 12, ...: mean 11, under-dispersed (φ̂ = 1)
        }

        y[398] = 30; // alarms on its own
        y[399] = 15; // above the expected count, below the single-week threshold
        var on = new SeasonalGlm(SeasonalGlmOptions.Default, 52);
        var off = new SeasonalGlm(SeasonalGlmOptions.Default with { SuppressRepeatedSum = false }, 52);
        Assert.True(on.Evaluate(y, 398).Alarm);
        var repeated = off.Evaluate(y, 399);
        var suppressed = on.Evaluate(y, 399);
        Assert.True(repeated.Alarm, "without suppression the 2-week sum 45 alarms again");
        Assert.False(suppressed.Alarm);
        Assert.True(suppressed.Threshold > repeated.Threshold);
    }

    [Fact]
    public void MidPLowersThresholdsByAtMostOne()
    {
        var y = Seasonal(400, 0.3, 0, 0.5, 0.2, 1.5, seed: 5);
        var mid = Run(new SeasonalGlm(SeasonalGlmOptions.Default, 52), y, 350, 399);
        var exact = Run(new SeasonalGlm(SeasonalGlmOptions.Default with { MidP = false }, 52), y, 350, 399);
        var lowered = 0;
        for (var i = 0; i < mid.Length; i++)
        {
            Assert.Equal(exact[i].Expected, mid[i].Expected);
            if (!double.IsNaN(mid[i].Threshold))
            {
                Assert.InRange(exact[i].Threshold - mid[i].Threshold, 0, 1);
                lowered += exact[i].Threshold > mid[i].Threshold ? 1 : 0;
            }
        }

        Assert.True(lowered > 0);
    }

    [Theory]
    [InlineData(-2.0, 2.0)]
    [InlineData(0.1, 1.5)]
    [InlineData(1.5, 1.0)]
    [InlineData(2.5, 3.0)]
    [InlineData(5.0, 1.2)]
    public void ThresholdIsTheNegativeBinomialQuantile(double theta, double phi)
    {
        // without mid-p, estimation error and sums, the threshold is R's qnbinom(1 − α, μ/(φ − 1), 1/φ) (qpois for φ = 1)
        var y = Seasonal(400, theta, 0.001, 0.5, 0.5, phi, seed: 31);
        var o = SeasonalGlmOptions.Default with { AggregateSteps = 1, Alpha = 0.01, MidP = false, PredictionUncertainty = false, Limit54Cases = 0 };
        var det = new SeasonalGlm(o, 52);
        for (var k = 370; k < 400; k++)
        {
            var r = det.EvaluateDetailed(y, k);
            var m = r.Point.Expected;
            var q = r.Phi > 1 ? Distributions.QNBinom(0.99, m / (r.Phi - 1), 1 / r.Phi) : Distributions.QPois(0.99, m);
            Assert.Equal(Math.Max(q, Math.Floor(m)), r.Point.Threshold);
            var tail = r.Phi > 1 && m / (r.Phi - 1) <= 1e9 ? 1 - Distributions.PNBinom(y[k] - 1, m / (r.Phi - 1), 1 / r.Phi) : 1 - Distributions.PPois(y[k] - 1, m);
            Assert.Equal(tail, r.PValue, 12);
        }
    }

    [Fact]
    public void HistoryAndMissingValues()
    {
        var y = Seasonal(200, 1, 0, 0.3, 0.3, 1.2, seed: 9);
        var det = new SeasonalGlm(SeasonalGlmOptions.Default with { Limit54Cases = 0 }, 52);
        Assert.Equal(26 + 52, det.MinimumHistory);
        var early = det.Evaluate(y, 77);
        Assert.Equal(SignalNotes.InsufficientHistory, early.Note);
        Assert.True(double.IsNaN(early.Threshold) && !early.Alarm);
        Assert.False(double.IsNaN(det.Evaluate(y, 78).Expected));

        // missing history points are left out of the fit; a missing current point has no result
        var withGaps = (double[])y.Clone();
        withGaps[100] = double.NaN;
        withGaps[150] = double.NaN;
        Assert.False(double.IsNaN(det.Evaluate(withGaps, 199).Expected));
        Assert.Equal(SignalNotes.MissingObservation, det.Evaluate(withGaps, 150).Note);
    }

    [Fact]
    public void AllZeroBaselineAndMinimumCaseRule()
    {
        var y = new double[300];
        var det = new SeasonalGlm(SeasonalGlmOptions.Default with { Limit54Cases = 5 }, 52);
        y[299] = 1;
        var one = det.Evaluate(y, 299);
        Assert.Equal(SignalNotes.Limit54, one.Note);
        Assert.False(one.Alarm);
        y[299] = 5;
        var five = det.Evaluate(y, 299);
        Assert.Equal(0, five.Expected);
        Assert.Equal(0, five.Threshold);
        Assert.True(five.Alarm);
        Assert.False(det.Evaluate(new double[300], 299).Alarm);
    }

    [Fact]
    public void VerySparseSeriesGetAResult()
    {
        // one case in 11 years: the seasonal fit may have no finite maximum; a constant mean is fitted instead
        var y = new double[624];
        y[300] = 2;
        var loose = new SeasonalGlm(SeasonalGlmOptions.Default with { Limit54Cases = 0 }, 52);
        var strict = new SeasonalGlm(SeasonalGlmOptions.Default, 52);
        var fallbacks = 0;
        for (var k = 575; k < 624; k++)
        {
            var r = loose.Evaluate(y, k);
            Assert.False(double.IsNaN(r.Expected));
            Assert.True(r.Expected < 0.01 && r.Threshold == 0 && !r.Alarm);
            fallbacks += r.Note == SignalNotes.ConstantMeanFallback ? 1 : 0;
            var withCase = (double[])y.Clone();
            withCase[k] = 1;
            Assert.True(loose.Evaluate(withCase, k).Alarm);
            Assert.False(strict.Evaluate(withCase, k).Alarm); // fewer than 3 cases in 4 weeks
        }

        Assert.True(fallbacks > 0);
    }

    [Fact]
    public void RangeAndSinglePointsGiveIdenticalResults()
    {
        var y = Seasonal(420, 2, 0.002, 0.6, 0.6, 2, seed: 21);
        var det = new SeasonalGlm(SeasonalGlmOptions.Default, 52);
        var range = Run(det, y, 380, 419);
        for (var k = 419; k >= 380; k--)
        {
            Assert.Equal(range[k - 380], new SeasonalGlm(SeasonalGlmOptions.Default, 52).Evaluate(y, k));
        }
    }

    [Fact]
    public void QualityWatchPresetSelectsTheSeasonalGlm()
    {
        var y = Seasonal(420, 2, 0.002, 0.6, 0.6, 2, seed: 22);
        var preset = FarringtonOptions.Preset("qualitywatch");
        Assert.Same(FarringtonOptions.QualityWatch, preset);
        Assert.NotNull(preset.Seasonal);
        var viaFarrington = new FarringtonFlexible(preset, 52);
        var direct = new SeasonalGlm(SeasonalGlmOptions.Default, 52);
        Assert.Equal(direct.MinimumHistory, viaFarrington.MinimumHistory);
        var a = new SignalPoint[40];
        viaFarrington.Detect(y, default, 380, 419, a);
        Assert.Equal(Run(direct, y, 380, 419), a);
        var p = viaFarrington.Evaluate(y, default, 419);
        Assert.Equal(a[^1], p.Point);
        Assert.True(p.Phi >= 1 && p.PValue is >= 0 and <= 1);

        // the shared Farrington settings reach the seasonal model (b = years of history, α = the main test)
        var shorter = new FarringtonFlexible(preset with { B = 2, Alpha = 0.05 }, 52);
        Assert.Equal(new SeasonalGlm(SeasonalGlmOptions.Default with { Years = 2, Alpha = 0.05 }, 52).Evaluate(y, 419), shorter.Evaluate(y, default, 419).Point);

        // no R counterpart: rCompat and a population offset are refused
        Assert.Throws<ArgumentException>(() => new FarringtonFlexible(preset with { RCompat = true }, 52));
        Assert.Throws<ArgumentException>(() => new FarringtonFlexible(preset with { PopulationOffset = true }, 52));
    }

    [Property(MaxTest = 40)]
    public bool ThresholdsAreNotBelowTheExpectedCount(int seed, PositiveInt m, NonNegativeInt p, bool trend)
    {
        var mean = 0.2 + (m.Get % 80);
        var phi = 1 + (p.Get % 5);
        var y = Seasonal(330, Math.Log(mean), trend ? 0.002 : 0, 0.4, -0.3, phi, seed);
        var res = Run(new SeasonalGlm(SeasonalGlmOptions.Default, 52), y, 280, 329);
        return res.All(r => double.IsNaN(r.Threshold)
            || (r.Threshold >= Math.Floor(r.Expected) && (!r.Alarm || r.Observed > r.Expected) && r.Alarm == (r.Observed > r.Threshold)));
    }

    [Property(MaxTest = 40)]
    public bool SingleStepThresholdIsAboveTheExpectedCount(int seed, PositiveInt m, NonNegativeInt p)
    {
        // without the sum test, the threshold is the (mid-p) upper 99.8 % quantile: above the mean from about 1 case a week
        var mean = 1 + (m.Get % 80);
        var y = Seasonal(330, Math.Log(mean), 0, 0.3, 0.3, 1 + (p.Get % 4), seed);
        var o = SeasonalGlmOptions.Default with { AggregateSteps = 1, Alpha = 0.002 };
        return Run(new SeasonalGlm(o, 52), y, 300, 329).All(r => double.IsNaN(r.Threshold) || r.Threshold >= r.Expected);
    }

    [Property(MaxTest = 40)]
    public bool NoAlarmOnAConstantSeries(NonNegativeInt level, bool aggregate)
    {
        var v = (double)(level.Get % 500);
        var y = Enumerable.Repeat(v, 400).ToArray();
        var o = SeasonalGlmOptions.Default with { AggregateSteps = aggregate ? 2 : 1, Limit54Cases = 0 };
        return Run(new SeasonalGlm(o, 52), y, 300, 399).All(r => !r.Alarm && r.Threshold >= v);
    }
}
