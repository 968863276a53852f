namespace QualityWatch.Signals;

/// <summary>Options of <see cref="ModifiedZScore"/>.</summary>
public sealed record ModifiedZScoreOptions
{
    /// <summary>Number of preceding steps forming the baseline.</summary>
    public int Baseline { get; init; } = 52;

    /// <summary>Alarm when M = 0.6745·(y − median)/MAD exceeds this (Iglewicz &amp; Hoaglin's 3.5).</summary>
    public double Threshold { get; init; } = 3.5;
}

/// <summary>
/// Modified z-score on a moving baseline (Iglewicz &amp; Hoaglin; DHIS2 outlier detection):
/// M = 0.6745·(y − median)/MAD with MAD = median|x − median|; one-sided (increases only).
/// When MAD = 0 the score is undefined: the point gets expected = median, no threshold, no alarm and a note.
/// There is no R surveillance counterpart.
/// </summary>
public sealed class ModifiedZScore : ISeriesDetector
{
    private const double Consistency = 0.6745;
    private readonly ModifiedZScoreOptions _o;
    private readonly double[] _buf;

    /// <summary>Creates the detector.</summary>
    public ModifiedZScore(ModifiedZScoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Baseline, 3);
        _o = options;
        _buf = new double[options.Baseline];
    }

    /// <inheritdoc />
    public int MinimumHistory => _o.Baseline;

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<double> observed, ReadOnlySpan<double> population, int from, int to, Span<SignalPoint> results)
    {
        for (var t = from; t <= to; t++)
        {
            var yt = observed[t];
            if (t < _o.Baseline)
            {
                results[t - from] = SignalPoint.Missing(yt, SignalNotes.InsufficientHistory);
                continue;
            }

            observed.Slice(t - _o.Baseline, _o.Baseline).CopyTo(_buf);
            var median = Median(_buf);
            for (var i = 0; i < _buf.Length; i++)
            {
                _buf[i] = Math.Abs(observed[t - _o.Baseline + i] - median);
            }

            var mad = Median(_buf);
            if (!(mad > 0))
            {
                results[t - from] = new SignalPoint(yt, median, double.NaN, false, SignalNotes.ZeroSpread);
                continue;
            }

            var threshold = median + (_o.Threshold * mad / Consistency);
            var score = Consistency * (yt - median) / mad;
            results[t - from] = new SignalPoint(yt, median, threshold, score > _o.Threshold, null);
        }
    }

    /// <summary>The modified z-score of <paramref name="value"/> against <paramref name="baseline"/> (NaN when MAD = 0).</summary>
    public static double Score(double value, ReadOnlySpan<double> baseline)
    {
        var b = baseline.ToArray();
        var median = Median(b);
        for (var i = 0; i < b.Length; i++)
        {
            b[i] = Math.Abs(baseline[i] - median);
        }

        var mad = Median(b);
        return mad > 0 ? Consistency * (value - median) / mad : double.NaN;
    }

    private static double Median(double[] a)
    {
        Array.Sort(a);
        var n = a.Length;
        return n % 2 == 1 ? a[n / 2] : (a[(n / 2) - 1] + a[n / 2]) / 2;
    }
}
