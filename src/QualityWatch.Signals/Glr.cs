namespace QualityWatch.Signals;

/// <summary>What <see cref="Glr"/> reports as the threshold.</summary>
public enum GlrOutput
{
    /// <summary>The GLR statistic itself (R <c>ret = "value"</c>); alarm when it reaches c.ARL.</summary>
    Statistic,

    /// <summary>The smallest count at the point that would raise an alarm (R <c>ret = "cases"</c>, computed by bisection).</summary>
    Cases,
}

/// <summary>Options of <see cref="Glr"/> (R <c>algo.glrnb</c> control, intercept chart).</summary>
public sealed record GlrOptions
{
    /// <summary>Alarm threshold for the GLR statistic.</summary>
    public double CArl { get; init; } = 5;

    /// <summary>NB dispersion α (variance μ + αμ²); 0 gives the Poisson chart; null estimates it by MASS::glm.nb (1/θ).</summary>
    public double? Alpha { get; init; }

    /// <summary>Harmonics of the in-control mean model.</summary>
    public int Harmonics { get; init; } = 1;

    /// <summary>Linear trend in the in-control mean model.</summary>
    public bool Trend { get; init; }

    /// <summary>Window: −1 uses all past points since the last alarm; otherwise at most M back.</summary>
    public int M { get; init; } = -1;

    /// <summary>Minimum number of points in the change window.</summary>
    public int Mtilde { get; init; } = 1;

    /// <summary>Detect increases (true) or decreases.</summary>
    public bool Increase { get; init; } = true;

    /// <summary>Threshold reported.</summary>
    public GlrOutput Output { get; init; } = GlrOutput.Cases;

    /// <summary>Steps before the first default evaluated point (training of the in-control model).</summary>
    public int Training { get; init; } = 52;
}

/// <summary>
/// GLR CUSUM for Poisson / negative binomial counts with a change in the intercept (Höhle &amp; Paul 2008),
/// a port of R <c>surveillance::algo.glrnb</c> 1.20.3 and its C routines. The in-control mean is a GLM with
/// harmonics (and optionally a trend) fitted on all points before the first evaluated point. The detector restarts after an alarm.
/// </summary>
public sealed class Glr : ISeriesDetector
{
    private readonly GlrOptions _o;
    private readonly int _freq;

    /// <summary>Creates the detector.</summary>
    public Glr(GlrOptions options, int stepsPerYear = 52)
    {
        ArgumentNullException.ThrowIfNull(options);
        _o = options;
        _freq = stepsPerYear;
    }

    /// <inheritdoc />
    public int MinimumHistory => Math.Max(DenseGlm.Columns(_o.Trend, _o.Harmonics) + 1, _o.Training);

    /// <summary>The dispersion used in the last <see cref="Detect"/> call.</summary>
    public double LastAlpha { get; private set; } = double.NaN;

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<double> observed, ReadOnlySpan<double> population, int from, int to, Span<SignalPoint> results)
    {
        var p = DenseGlm.Columns(_o.Trend, _o.Harmonics);
        if (from < p + 1)
        {
            for (var t = from; t <= to; t++)
            {
                results[t - from] = SignalPoint.Missing(observed[t], SignalNotes.InsufficientHistory);
            }

            return;
        }

        // ---- in-control means (estimateGLRNbHook)
        var y = observed[..from].ToArray();
        var x = new double[from, p];
        var row = new double[p];
        var centre = (from + 1) / 2.0;
        for (var i = 0; i < from; i++)
        {
            DenseGlm.HarmonicRow(row, i + 1, centre, _o.Trend, _o.Harmonics, _freq);
            for (var j = 0; j < p; j++)
            {
                x[i, j] = row[j];
            }
        }

        var glm = new DenseGlm(x, y);
        double alpha;
        bool ok;
        if (_o.Alpha is null)
        {
            ok = glm.FitNegativeBinomial();
            alpha = 1 / glm.Theta;
        }
        else
        {
            alpha = _o.Alpha.Value;
            ok = glm.Fit(alpha == 0 ? double.PositiveInfinity : 1 / alpha);
        }

        LastAlpha = alpha;
        var len = to - from + 1;
        if (!ok)
        {
            for (var t = from; t <= to; t++)
            {
                results[t - from] = SignalPoint.Missing(observed[t], SignalNotes.NotConverged);
            }

            return;
        }

        var mu0 = new double[len];
        var xs = new double[len];
        for (var t = from; t <= to; t++)
        {
            DenseGlm.HarmonicRow(row, t + 1, centre, _o.Trend, _o.Harmonics, _freq);
            mu0[t - from] = glm.Predict(row);
            xs[t - from] = observed[t];
        }

        // ---- sequential GLR with restart after each alarm
        var seg = 0;
        while (seg < len)
        {
            var segX = xs.AsSpan(seg);
            var segMu = mu0.AsSpan(seg);
            var alarmAt = -1;
            var start = FirstIndex(alpha);
            for (var n = 0; n < segX.Length; n++)
            {
                var stat = n < start ? 0 : StatAt(segX, segMu, n, alpha);
                var alarm = n >= start && stat >= _o.CArl;
                var reported = stat;
                if (double.IsNaN(reported) || reported < 0)
                {
                    reported = 0;
                }

                if (_o.Output == GlrOutput.Cases)
                {
                    reported = n < start ? double.NaN : CasesNeeded(segX, segMu, n, alpha);
                }

                results[seg + n] = new SignalPoint(segX[n], segMu[n], reported, alarm, null);
                if (alarm)
                {
                    alarmAt = n;
                    break;
                }
            }

            if (alarmAt < 0)
            {
                break;
            }

            seg += alarmAt + 1;
        }
    }

    private int FirstIndex(double alpha)
    {
        if (alpha != 0)
        {
            return Math.Max(_o.Mtilde - 1, 0);
        }

        return _o.M > 0 ? _o.Mtilde : Math.Max(_o.Mtilde - 1, 0);
    }

    private double CasesNeeded(Span<double> x, ReadOnlySpan<double> mu0, int n, double alpha)
    {
        var orig = x[n];
        try
        {
            double lo = -1, hi = Math.Max(1, Math.Ceiling(mu0[n]));
            x[n] = hi;
            while (StatAt(x, mu0, n, alpha) < _o.CArl)
            {
                lo = hi;
                hi *= 2;
                if (hi > 1e9)
                {
                    return double.NaN;
                }

                x[n] = hi;
            }

            while (hi - lo > 1)
            {
                var mid = Math.Floor((lo + hi) / 2);
                x[n] = mid;
                if (StatAt(x, mu0, n, alpha) >= _o.CArl)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            return hi;
        }
        finally
        {
            x[n] = orig;
        }
    }

    /// <summary>C's fmax: a NaN argument is ignored.</summary>
    private static double FMax(double a, double b) => double.IsNaN(b) ? a : double.IsNaN(a) ? b : Math.Max(a, b);

    private double StatAt(ReadOnlySpan<double> x, ReadOnlySpan<double> mu0, int n, double alpha)
    {
        var dir = _o.Increase ? 1.0 : -1.0;
        if (alpha == 0)
        {
            double sumx = 0, summu = 0, max = -1e99;
            int kFrom;
            if (_o.M > 0)
            {
                // glr_window: the last Mtilde points are always in the window
                for (var l = n - _o.Mtilde + 1; l <= n; l++)
                {
                    sumx += x[l];
                    summu += mu0[l];
                }

                kFrom = n - _o.Mtilde;
            }
            else
            {
                kFrom = n;
            }

            var kTo = _o.M > 0 ? Math.Max(0, n - _o.M) : 0;
            for (var k = kFrom; k >= kTo; k--)
            {
                sumx += x[k];
                summu += mu0[k];
                var kappa = dir * FMax(0, dir * Math.Log(sumx / summu));
                var sum = (kappa * sumx) + ((1 - Math.Exp(kappa)) * summu);
                if (sum > max)
                {
                    max = sum;
                }
            }

            return max;
        }

        // glr_nb_window
        var maxGlr = -1e99;
        var kappaMl = 0.5;
        var low = _o.M == -1 ? 0 : Math.Max(0, n - _o.M);
        var up = n - (_o.Mtilde - 1);
        for (var k = low; k <= up; k++)
        {
            var kappaOld = 0.4;
            var kappaNew = kappaMl;
            var iter = 0;
            while (kappaNew > -18 && Math.Abs(kappaNew - kappaOld) > 1e-6 && iter < 1000)
            {
                iter++;
                kappaOld = kappaNew;
                double score = 0, fisher = 0;
                var ek = Math.Exp(kappaOld);
                for (var i = k; i <= n; i++)
                {
                    var d = 1 + (alpha * ek * mu0[i]);
                    score += (x[i] - (ek * mu0[i])) / d;
                    fisher += mu0[i] * ((alpha * x[i]) + 1) / (d * d);
                }

                kappaNew = kappaOld + (score / (ek * fisher));
            }

            kappaMl = dir * FMax(0, dir * kappaNew);
            var lnk = 0.0;
            var e = Math.Exp(kappaMl);
            for (var i = k; i <= n; i++)
            {
                lnk += (kappaMl * x[i]) + ((x[i] + (1 / alpha)) * Math.Log((1 + (alpha * mu0[i])) / (1 + (alpha * mu0[i] * e))));
            }

            if (lnk > maxGlr)
            {
                maxGlr = lnk;
            }
        }

        return maxGlr;
    }
}
