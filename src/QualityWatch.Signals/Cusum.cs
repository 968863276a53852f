namespace QualityWatch.Signals;

/// <summary>Standardisation of counts before the CUSUM recursion (R <c>algo.cusum</c> <c>trans</c>).</summary>
public enum CusumTransform
{
    /// <summary>(x − m)/√m.</summary>
    Standard,

    /// <summary>(x − 3m + 2√(xm))/(2√m).</summary>
    Rossi,

    /// <summary>(3/2)(x^{2/3} − m^{2/3})/m^{1/6}.</summary>
    Anscombe,

    /// <summary>Second-order Anscombe.</summary>
    Anscombe2nd,

    /// <summary>(x − m)/√(m + αm²).</summary>
    PearsonNegBin,

    /// <summary>No transformation.</summary>
    None,
}

/// <summary>How the in-control mean is obtained.</summary>
public enum CusumMean
{
    /// <summary>Mean of all points before the first evaluated point (R <c>m = NULL</c>).</summary>
    TrainingMean,

    /// <summary>Poisson GLM with one harmonic fitted on the points before the first evaluated point (R <c>m = "glm"</c>).</summary>
    Glm,

    /// <summary>A fixed value <see cref="CusumOptions.FixedMean"/>.</summary>
    Fixed,
}

/// <summary>Options of <see cref="Cusum"/>.</summary>
public sealed record CusumOptions
{
    /// <summary>Reference value.</summary>
    public double K { get; init; } = 1.04;

    /// <summary>Decision boundary.</summary>
    public double H { get; init; } = 2.26;

    /// <summary>In-control mean.</summary>
    public CusumMean Mean { get; init; } = CusumMean.TrainingMean;

    /// <summary>The mean when <see cref="Mean"/> is <see cref="CusumMean.Fixed"/>.</summary>
    public double FixedMean { get; init; } = double.NaN;

    /// <summary>Transformation.</summary>
    public CusumTransform Transform { get; init; } = CusumTransform.Standard;

    /// <summary>Negative binomial dispersion for <see cref="CusumTransform.PearsonNegBin"/>.</summary>
    public double Alpha { get; init; } = 0.1;

    /// <summary>Steps before the first default evaluated point (training period).</summary>
    public int Training { get; init; } = 52;

    /// <summary>R compatibility: no reset after an alarm (quirk 6.3). The default mode restarts the sum at 0 after an alarm.</summary>
    public bool RCompat { get; init; }
}

/// <summary>Approximate Poisson CUSUM (Rossi et al. 1999), a port of R <c>surveillance::algo.cusum</c> 1.20.3.
/// The recursion starts at the first evaluated point; all earlier points are training data for the in-control mean.</summary>
public sealed class Cusum : ISeriesDetector
{
    private readonly CusumOptions _o;
    private readonly int _freq;

    /// <summary>Creates the detector.</summary>
    public Cusum(CusumOptions options, int stepsPerYear = 52)
    {
        ArgumentNullException.ThrowIfNull(options);
        _o = options;
        _freq = stepsPerYear;
    }

    /// <inheritdoc />
    public int MinimumHistory => Math.Max(1, _o.Training);

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<double> observed, ReadOnlySpan<double> population, int from, int to, Span<SignalPoint> results)
    {
        if (from < 1)
        {
            for (var t = from; t <= to; t++)
            {
                results[t - from] = SignalPoint.Missing(observed[t], SignalNotes.InsufficientHistory);
            }

            return;
        }

        var m = InControlMeans(observed, from, to);
        double k = _o.K, h = _o.H, a = _o.Alpha;
        var c = 0.0;
        for (var t = from; t <= to; t++)
        {
            var x = observed[t];
            var mt = m[t - from];
            var z = _o.Transform switch
            {
                CusumTransform.Rossi => (x - (3 * mt) + (2 * Math.Sqrt(x * mt))) / (2 * Math.Sqrt(mt)),
                CusumTransform.Standard => (x - mt) / Math.Sqrt(mt),
                CusumTransform.Anscombe => 3.0 / 2 * (Math.Pow(x, 2.0 / 3) - Math.Pow(mt, 2.0 / 3)) / Math.Pow(mt, 1.0 / 6),
                CusumTransform.Anscombe2nd => (Math.Pow(x, 2.0 / 3) - (Math.Pow(mt, 2.0 / 3) - (Math.Pow(mt, -1.0 / 3) / 9))) / (2.0 / 3 * Math.Pow(mt, 1.0 / 6)),
                CusumTransform.PearsonNegBin => (x - mt) / Math.Sqrt(mt + (a * mt * mt)),
                _ => x,
            };
            var prev = c;
            c = Math.Max(0, c + (z - k));
            if (double.IsNaN(c + (z - k)))
            {
                c = double.NaN;
            }

            var alarm = c >= h;
            var ub = _o.Transform switch
            {
                CusumTransform.Rossi => (2 * h * Math.Sqrt(mt)) + (2 * k * Math.Sqrt(mt)) - (2 * prev * Math.Sqrt(mt)) + (5 * mt)
                    - (2 * Math.Sqrt((4 * mt * mt) + (2 * Math.Pow(mt, 1.5) * h) + (2 * Math.Pow(mt, 1.5) * k) - (2 * Math.Pow(mt, 1.5) * prev))),
                CusumTransform.Standard => Math.Ceiling((Math.Sqrt(mt) * (h + k - prev)) + mt),
                CusumTransform.Anscombe => Pow32((2.0 / 3 * Math.Pow(mt, 1.0 / 6) * (h + k - prev)) + Math.Pow(mt, 2.0 / 3)),
                CusumTransform.Anscombe2nd => Pow32((2.0 / 3 * Math.Pow(mt, 1.0 / 6) * (h + k - prev)) + (Math.Pow(mt, 2.0 / 3) - (Math.Pow(mt, 1.0 / 3) / 9))),
                CusumTransform.PearsonNegBin => (Math.Sqrt(mt + (a * mt * mt)) * (h + k - prev)) + mt,
                _ => h - c,
            };
            if (double.IsNaN(ub) || ub < 0)
            {
                ub = 0;
            }

            results[t - from] = new SignalPoint(x, mt, ub, alarm, null);
            if (alarm && !_o.RCompat)
            {
                c = 0; // restart after an alarm (the R package keeps accumulating)
            }
        }
    }

    private static double Pow32(double v) => v < 0 ? 0 : Math.Pow(v, 1.5);

    private double[] InControlMeans(ReadOnlySpan<double> observed, int from, int to)
    {
        var m = new double[to - from + 1];
        switch (_o.Mean)
        {
            case CusumMean.Fixed:
                Array.Fill(m, _o.FixedMean);
                break;
            case CusumMean.Glm:
                {
                    var y = observed[..from].ToArray();
                    var x = new double[from, 3];
                    Span<double> row = stackalloc double[3];
                    for (var i = 0; i < from; i++)
                    {
                        DenseGlm.HarmonicRow(row, i + 1, 0, false, 1, _freq);
                        for (var j = 0; j < 3; j++)
                        {
                            x[i, j] = row[j];
                        }
                    }

                    var glm = new DenseGlm(x, y);
                    if (!glm.Fit(double.PositiveInfinity))
                    {
                        Array.Fill(m, double.NaN);
                        break;
                    }

                    for (var t = from; t <= to; t++)
                    {
                        DenseGlm.HarmonicRow(row, t + 1, 0, false, 1, _freq);
                        m[t - from] = glm.Predict(row);
                    }

                    break;
                }

            default:
                {
                    var (mean, _) = Ears.Stats(observed, 0, from);
                    Array.Fill(m, mean);
                    break;
                }
        }

        return m;
    }
}
