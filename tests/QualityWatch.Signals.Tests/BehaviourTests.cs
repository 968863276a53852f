namespace QualityWatch.Signals.Tests;

/// <summary>Deterministic checks of the default (corrected) mode against rCompat, and of edge cases.</summary>
public class BehaviourTests
{
    /// <summary>Trend-free NB(μ, φμ) weekly series, simulated with a fixed seed (Poisson-gamma mixture).</summary>
    internal static double[] NegBinSeries(int n, double mu, double phi, int seed)
    {
        var rng = new Random(seed);
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var m = phi > 1 ? Gamma(rng, mu / (phi - 1), phi - 1) : mu;
            y[i] = Poisson(rng, m);
        }

        return y;
    }

    internal static double Poisson(Random rng, double lambda)
    {
        var l = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= rng.NextDouble();
        }
        while (p > l);
        return k - 1;
    }

    internal static double Gamma(Random rng, double shape, double scale)
    {
        if (shape < 1)
        {
            return Gamma(rng, shape + 1, scale) * Math.Pow(rng.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(rng);
                v = 1 + (c * x);
            }
            while (v <= 0);
            v = v * v * v;
            var u = rng.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v * scale;
            }
        }
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    [Fact]
    public void InsufficientHistoryIsAPointResultNotAnException()
    {
        var y = NegBinSeries(300, 5, 1.5, 1);
        var det = new FarringtonFlexible(FarringtonOptions.Noufaily, 52);
        Assert.Equal((52 * 5) + 3, det.MinimumHistory);
        var res = new SignalPoint[20];
        det.Detect(y, default, 250, 269, res);
        for (var i = 0; i < res.Length; i++)
        {
            var k = 250 + i;
            Assert.Equal(k < 263, res[i].Note == SignalNotes.InsufficientHistory);
            if (k < 263)
            {
                Assert.True(double.IsNaN(res[i].Threshold) && double.IsNaN(res[i].Expected) && !res[i].Alarm);
            }
        }
    }

    [Fact]
    public void WeightsQuirkKeepsTheTrendMoreOftenInRCompatMode()
    {
        // Quirk 6.1: with the overwritten weights the trend test uses a far too small dispersion.
        var y = NegBinSeries(520, 7.4, 1.5, 42);
        var compat = new FarringtonFlexible(FarringtonOptions.Farrington1996 with { RCompat = true }, 52);
        var correct = new FarringtonFlexible(FarringtonOptions.Farrington1996, 52);
        int keptCompat = 0, keptCorrect = 0;
        for (var k = 263; k < 520; k++)
        {
            keptCompat += compat.Evaluate(y, default, k).TrendKept ? 1 : 0;
            keptCorrect += correct.Evaluate(y, default, k).TrendKept ? 1 : 0;
        }

        Assert.True(keptCompat > 2 * keptCorrect, $"trend kept: rCompat {keptCompat}, default {keptCorrect}");
    }

    [Fact]
    public void NoufailyNbPluginIsTheSameInBothModes()
    {
        // pThresholdTrend = 1 and nbPlugin: the quirk has no effect (signals.md 6.1).
        var y = NegBinSeries(400, 12, 2, 7);
        var a = new SignalPoint[100];
        var b = new SignalPoint[100];
        new FarringtonFlexible(FarringtonOptions.Noufaily with { RCompat = true }, 52).Detect(y, default, 300, 399, a);
        new FarringtonFlexible(FarringtonOptions.Noufaily, 52).Detect(y, default, 300, 399, b);
        Assert.Equal(a.Select(p => (p.Threshold, p.Alarm)), b.Select(p => (p.Threshold, p.Alarm)));
    }

    [Fact]
    public void EarsC3CdcDefinitionUsesTheCurrentWeek()
    {
        var y = Enumerable.Repeat(0.0, 60).Select((_, i) => (double)(10 + ((i * 7) % 5) - 2)).ToArray();
        y[50] = 40; // a single large spike
        var cdc = new SignalPoint[1];
        var r = new SignalPoint[1];
        new Ears(new EarsOptions { Method = EarsMethod.C3 }).Detect(y, default, 50, 50, cdc);
        new Ears(new EarsOptions { Method = EarsMethod.C3, RCompat = true }).Detect(y, default, 50, 50, r);
        Assert.True(cdc[0].Alarm);
        Assert.False(r[0].Alarm); // R's C3 only looks at the two previous weeks
    }

    [Fact]
    public void CusumResetsAfterAnAlarmOnlyInDefaultMode()
    {
        var y = Enumerable.Range(0, 100).Select(i => i < 52 ? 5.0 + (i % 3) - 1 : 12.0).ToArray();
        var o = new CusumOptions { Training = 52 };
        var compat = new SignalPoint[48];
        var reset = new SignalPoint[48];
        new Cusum(o with { RCompat = true }, 52).Detect(y, default, 52, 99, compat);
        new Cusum(o, 52).Detect(y, default, 52, 99, reset);
        Assert.All(compat.Skip(1), p => Assert.True(p.Alarm)); // the first shifted week is just below h
        Assert.Contains(reset, p => !p.Alarm);
        Assert.Contains(reset, p => p.Alarm);
    }

    [Fact]
    public void ModifiedZScoreByHand()
    {
        // baseline 1,2,3,4,100: median 3, |x - 3| = 2,1,0,1,97 -> MAD 1; M(10) = 0.6745 * 7
        Assert.Equal(0.6745 * 7, ModifiedZScore.Score(10, new double[] { 1, 2, 3, 4, 100 }), 12);
        var y = new double[] { 1, 2, 3, 4, 100, 10, 5 };
        var res = new SignalPoint[1];
        new ModifiedZScore(new ModifiedZScoreOptions { Baseline = 5 }).Detect(y, default, 5, 5, res);
        Assert.True(res[0].Alarm);
        Assert.Equal(3 + (3.5 / 0.6745), res[0].Threshold, 12);
        Assert.Equal(3, res[0].Expected);
    }

    [Fact]
    public void ModifiedZScoreWithZeroMadHasNoThreshold()
    {
        var y = new double[] { 4, 4, 4, 4, 9, 50 };
        var res = new SignalPoint[1];
        new ModifiedZScore(new ModifiedZScoreOptions { Baseline = 5 }).Detect(y, default, 5, 5, res);
        Assert.False(res[0].Alarm);
        Assert.True(double.IsNaN(res[0].Threshold));
        Assert.Equal(SignalNotes.ZeroSpread, res[0].Note);
    }

    [Fact]
    public void GlrCasesEqualTheSmallestAlarmingCount()
    {
        var y = NegBinSeries(160, 6, 1.5, 3);
        var det = new Glr(new GlrOptions { Alpha = 0.2, Output = GlrOutput.Cases, Training = 104 }, 52);
        var res = new SignalPoint[56];
        det.Detect(y, default, 104, 159, res);
        var stat = new Glr(new GlrOptions { Alpha = 0.2, Output = GlrOutput.Statistic, Training = 104 }, 52);
        for (var i = 0; i < res.Length && !res[i].Alarm; i++)
        {
            // raising the count to the reported number of cases must alarm, one less must not
            var copy = (double[])y.Clone();
            copy[104 + i] = res[i].Threshold;
            var r = new SignalPoint[i + 1];
            stat.Detect(copy, default, 104, 104 + i, r);
            Assert.True(r[i].Alarm);
            copy[104 + i] = res[i].Threshold - 1;
            stat.Detect(copy, default, 104, 104 + i, r);
            Assert.False(r[i].Alarm && res[i].Threshold > 0);
        }
    }
}
