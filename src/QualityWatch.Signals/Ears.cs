namespace QualityWatch.Signals;

/// <summary>EARS chart variant.</summary>
public enum EarsMethod
{
    /// <summary>C1 (MILD): the 7 (baseline) previous steps.</summary>
    C1,

    /// <summary>C2 (MEDIUM): baseline with a 2-step guard band.</summary>
    C2,

    /// <summary>C3 (ULTRA): sum of the positive parts of C2 over three steps.</summary>
    C3,
}

/// <summary>Options of <see cref="Ears"/> (R <c>earsC</c> control).</summary>
public sealed record EarsOptions
{
    /// <summary>Chart.</summary>
    public EarsMethod Method { get; init; } = EarsMethod.C1;

    /// <summary>Number of baseline steps (≥ 3).</summary>
    public int Baseline { get; init; } = 7;

    /// <summary>Floor on the baseline standard deviation.</summary>
    public double MinSigma { get; init; }

    /// <summary>One-sided error; null gives R's choices 0.001 (C1, C2) and 0.025 (C3).</summary>
    public double? Alpha { get; init; }

    /// <summary>R compatibility: C3 uses only the two lags (quirk 6.2); otherwise the CDC definition.</summary>
    public bool RCompat { get; init; }

    /// <summary>The effective α.</summary>
    public double EffectiveAlpha => Alpha ?? (Method == EarsMethod.C3 ? 0.025 : 0.001);
}

/// <summary>EARS C1/C2/C3 (Hutwagner et al. 2003), a port of R <c>surveillance::earsC</c> 1.20.3.</summary>
public sealed class Ears : ISeriesDetector
{
    private readonly EarsOptions _o;
    private readonly double _z;

    /// <summary>Creates the detector.</summary>
    public Ears(EarsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Baseline < 3)
        {
            throw new ArgumentException("Minimum baseline to use is 3.", nameof(options));
        }

        if (options.MinSigma < 0)
        {
            throw new ArgumentException("The minimum sigma parameter (minSigma) needs to be positive", nameof(options));
        }

        _o = options;
        _z = Distributions.QNorm(1 - options.EffectiveAlpha);
    }

    /// <inheritdoc />
    public int MinimumHistory => _o.Method switch
    {
        EarsMethod.C1 => _o.Baseline,
        EarsMethod.C2 => _o.Baseline + 2,
        _ => _o.Baseline + 4,
    };

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<double> observed, ReadOnlySpan<double> population, int from, int to, Span<SignalPoint> results)
    {
        for (var t = from; t <= to; t++)
        {
            results[t - from] = Evaluate(observed, t);
        }
    }

    private SignalPoint Evaluate(ReadOnlySpan<double> y, int t)
    {
        var yt = y[t];
        if (t < MinimumHistory)
        {
            return SignalPoint.Missing(yt, SignalNotes.InsufficientHistory);
        }

        if (_o.Method == EarsMethod.C1 || _o.Method == EarsMethod.C2)
        {
            var lag = _o.Method == EarsMethod.C1 ? 1 : 3;
            var (mean, sd) = Stats(y, t - lag - _o.Baseline + 1, _o.Baseline);
            var u = mean + (_z * Math.Max(sd, _o.MinSigma));
            if (double.IsNaN(u))
            {
                return new SignalPoint(yt, mean, double.NaN, false, SignalNotes.MissingBaseline);
            }

            return new SignalPoint(yt, mean, u, yt > u, null);
        }

        // C3: C2 statistics at t-2, t-1 (and t in the CDC definition)
        var lag2 = PositivePart(y, t - 2);
        var lag1 = PositivePart(y, t - 1);
        var (m, s) = Stats(y, t - 2 - _o.Baseline, _o.Baseline);
        var sigma = Math.Max(s, _o.MinSigma);
        if (_o.RCompat)
        {
            var u = Math.Max(0, yt + (sigma * (_z - (lag2 + lag1))));
            if (double.IsNaN(u) || double.IsNaN(yt + (sigma * (_z - (lag2 + lag1)))))
            {
                return new SignalPoint(yt, m, double.NaN, false, SignalNotes.ZeroSpread);
            }

            return new SignalPoint(yt, m, u, yt > u, null);
        }

        var lags = lag2 + lag1;
        var c2 = (yt - m) / sigma;
        var c3 = lags + Math.Max(0, c2 - 1);
        var threshold = m + (sigma * (1 + Math.Max(0, _z - lags)));
        if (double.IsNaN(c3) || double.IsNaN(threshold))
        {
            return new SignalPoint(yt, m, double.NaN, false, SignalNotes.ZeroSpread);
        }

        return new SignalPoint(yt, m, threshold, c3 > _z, null);
    }

    private double PositivePart(ReadOnlySpan<double> y, int i)
    {
        var (m, s) = Stats(y, i - 2 - _o.Baseline, _o.Baseline);
        var c2 = (y[i] - m) / Math.Max(s, _o.MinSigma);
        return double.IsNaN(c2) ? double.NaN : Math.Max(0, c2 - 1);
    }

    /// <summary>Mean and sample SD (n − 1) of <paramref name="count"/> values from <paramref name="start"/>, as R's mean/sd.</summary>
    internal static (double Mean, double Sd) Stats(ReadOnlySpan<double> y, int start, int count)
    {
        // R's mean() uses a second pass correction (long double accumulation); two-pass keeps us within 1 ulp-ish.
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += y[start + i];
        }

        var mean = sum / count;
        var corr = 0.0;
        for (var i = 0; i < count; i++)
        {
            corr += y[start + i] - mean;
        }

        mean += corr / count;
        var ss = 0.0;
        for (var i = 0; i < count; i++)
        {
            var d = y[start + i] - mean;
            ss += d * d;
        }

        return (mean, Math.Sqrt(ss / (count - 1)));
    }
}
