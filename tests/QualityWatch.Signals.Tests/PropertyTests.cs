using FsCheck;
using FsCheck.Xunit;

namespace QualityWatch.Signals.Tests;

/// <summary>FsCheck properties: series are drawn from a seed and parameters chosen by FsCheck.</summary>
public class PropertyTests
{
    private static double[] Series(int seed, double mu, double phi, int n) =>
        BehaviourTests.NegBinSeries(n, mu, phi, seed);

    private static double Mean(PositiveInt m) => 0.5 + (m.Get % 60);

    private static double Phi(NonNegativeInt p) => 1 + (p.Get % 4);

    [Property(MaxTest = 40)]
    public bool FarringtonDeltaThresholdIsAboveExpected(int seed, PositiveInt m, NonNegativeInt p, bool rCompat)
    {
        var y = Series(seed, Mean(m), Phi(p), 330);
        var res = new SignalPoint[50];
        new FarringtonFlexible(FarringtonOptions.Farrington1996 with { RCompat = rCompat }, 52).Detect(y, default, 280, 329, res);
        return res.All(r => double.IsNaN(r.Threshold) || r.Threshold >= r.Expected);
    }

    [Property(MaxTest = 30)]
    public bool NoufailyThresholdIsNotBelowTheFlooredMean(int seed, PositiveInt m, NonNegativeInt p)
    {
        var y = Series(seed, Mean(m), Phi(p), 330);
        var res = new SignalPoint[40];
        new FarringtonFlexible(FarringtonOptions.Noufaily, 52).Detect(y, default, 290, 329, res);
        return res.All(r => double.IsNaN(r.Threshold) || r.Threshold >= Math.Floor(r.Expected));
    }

    [Property(MaxTest = 60)]
    public bool EarsAndModifiedZAreScaleEquivariant(int seed, PositiveInt m, NonNegativeInt p, PositiveInt scale)
    {
        var c = 1 + (scale.Get % 9);
        var y = Series(seed, Mean(m), Phi(p), 120);
        var yc = y.Select(v => v * c).ToArray();
        var detectors = new Func<ISeriesDetector>[]
        {
            () => new Ears(new EarsOptions { Method = EarsMethod.C1, MinSigma = 0 }),
            () => new Ears(new EarsOptions { Method = EarsMethod.C2, Alpha = 0.01 }),
            () => new ModifiedZScore(new ModifiedZScoreOptions { Baseline = 20 }),
        };
        foreach (var make in detectors)
        {
            var a = new SignalPoint[90];
            var b = new SignalPoint[90];
            make().Detect(y, default, 30, 119, a);
            make().Detect(yc, default, 30, 119, b);
            for (var i = 0; i < a.Length; i++)
            {
                if (double.IsNaN(a[i].Threshold) != double.IsNaN(b[i].Threshold) || a[i].Alarm != b[i].Alarm)
                {
                    return false;
                }

                if (!double.IsNaN(a[i].Threshold) && Math.Abs((c * a[i].Threshold) - b[i].Threshold) > 1e-9 * Math.Max(1, b[i].Threshold))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Property(MaxTest = 30)]
    public bool FarringtonIsInvariantToScalingThePopulation(int seed, PositiveInt m, PositiveInt scale)
    {
        // offset(log(c * pop)) only moves the intercept: expected counts and thresholds do not change
        var y = Series(seed, Mean(m), 1.5, 320);
        var pop = Enumerable.Range(0, 320).Select(i => 1000.0 + (3 * i)).ToArray();
        var popC = pop.Select(v => v * (1 + (scale.Get % 50))).ToArray();
        var o = FarringtonOptions.Farrington1996 with { PopulationOffset = true };
        var a = new SignalPoint[30];
        var b = new SignalPoint[30];
        new FarringtonFlexible(o, 52).Detect(y, pop, 290, 319, a);
        new FarringtonFlexible(o, 52).Detect(y, popC, 290, 319, b);
        return a.Zip(b).All(t => t.First.Alarm == t.Second.Alarm
            && (double.IsNaN(t.First.Threshold) ? double.IsNaN(t.Second.Threshold) : Math.Abs(t.First.Threshold - t.Second.Threshold) <= 1e-6 * t.First.Threshold));
    }

    [Property(MaxTest = 40)]
    public bool NoMethodAlarmsOnAConstantSeries(PositiveInt level, bool rCompat)
    {
        var v = (double)(level.Get % 500);
        var y = Enumerable.Repeat(v, 330).ToArray();
        var detectors = new ISeriesDetector[]
        {
            new FarringtonFlexible(FarringtonOptions.Farrington1996 with { RCompat = rCompat }, 52),
            new FarringtonFlexible(FarringtonOptions.Noufaily with { RCompat = rCompat }, 52),
            new FarringtonFlexible(FarringtonOptions.Noufaily with { RCompat = rCompat, ThresholdMethod = FarringtonThresholdMethod.Muan }, 52),
            new Ears(new EarsOptions { Method = EarsMethod.C1, RCompat = rCompat }),
            new Ears(new EarsOptions { Method = EarsMethod.C2, RCompat = rCompat }),
            new Ears(new EarsOptions { Method = EarsMethod.C3, RCompat = rCompat, MinSigma = 0.5 }),
            new Cusum(new CusumOptions { RCompat = rCompat }, 52),
            new Glr(new GlrOptions { Alpha = 0.1, Output = GlrOutput.Statistic }, 52),
            new Glr(new GlrOptions { Alpha = 0, Output = GlrOutput.Statistic }, 52),
            new ModifiedZScore(new ModifiedZScoreOptions()),
            new FarringtonFlexible(FarringtonOptions.NoufailyWithSums with { RCompat = false }, 52),
            new SeasonalGlm(SeasonalGlmOptions.Default with { Limit54Cases = 0 }, 52),
        };
        foreach (var d in detectors)
        {
            var res = new SignalPoint[330 - 270];
            d.Detect(y, default, 270, 329, res);
            if (res.Any(r => r.Alarm))
            {
                return false;
            }
        }

        return true;
    }
}
