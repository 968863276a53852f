namespace QualityWatch.Signals;

/// <summary>Per-point diagnostics of <see cref="FarringtonFlexible"/> (R <c>control$phiVector</c>, <c>pvalue</c>, …).</summary>
/// <param name="Point">The detection result.</param>
/// <param name="Phi">Dispersion φ̂ ≥ 1 (NaN when no model).</param>
/// <param name="PValue">Probability of a count ≥ observed under the model.</param>
/// <param name="Score">Exceedance score; alarm needs score &gt; 1.</param>
/// <param name="TrendKept">Whether the final model has a trend.</param>
/// <param name="TrendCoefficient">The trend coefficient (NaN without trend).</param>
public readonly record struct FarringtonPoint(SignalPoint Point, double Phi, double PValue, double Score, bool TrendKept, double TrendCoefficient);

/// <summary>
/// Farrington-flexible aberration detection (Farrington et al. 1996; Noufaily et al. 2013), a port of R
/// <c>surveillance::farringtonFlexible</c> 1.20.3 for series with integer epochs ("one year back" = steps per year).
/// The quasi-Poisson GLM is fitted by IRLS exactly as R's <c>glm.fit</c> (start μ = y + 0.1, deviance criterion 1e-8,
/// at most 25 iterations), using the closed form of the normal equations for a factor plus a linear trend.
/// An instance holds work buffers: use one instance per thread. With <see cref="FarringtonOptions.Seasonal"/> set (the
/// <c>qualitywatch</c> preset) every call is passed on to <see cref="SeasonalGlm"/>.
/// </summary>
public sealed class FarringtonFlexible : ISeriesDetector
{
    private const double Eps = 2.220446049250313e-16;
    private const int MaxIterations = 25;
    private const double Epsilon = 1e-8;

    private readonly FarringtonOptions _o;
    private readonly int _maxBack;
    private readonly int[] _levelByLag; // level (1..p) of position k - lag, 0 = not used
    private readonly int _pwni;
    private readonly double _z;

    // work buffers
    private readonly double[] _y, _t, _off, _prior, _w, _mu, _eta, _omega, _logY, _y23;
    private readonly int[] _lvl;
    private readonly double[] _s0, _s1, _sz, _a;
    private readonly int[] _count;
    private readonly SeasonalGlm? _seasonal;
    private double _s2, _stz, _b, _den;
    private int _n;

    /// <summary>Creates the detector.</summary>
    /// <param name="options">Control options.</param>
    /// <param name="stepsPerYear">52 (weekly), 12 (monthly) or 365 (daily): "one year back" in steps.</param>
    public FarringtonFlexible(FarringtonOptions options, int stepsPerYear = 52)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Check();
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerYear, 1);

        _o = options;
        if (options.EffectiveSeasonal is { } seasonal)
        {
            _seasonal = new SeasonalGlm(seasonal, stepsPerYear);
        }

        _maxBack = (stepsPerYear * options.B) + options.W;
        _pwni = options.EffectivePastWeeksNotIncluded;
        _levelByLag = BuildBlocks(stepsPerYear, options.B, options.W, options.NoPeriods);
        _z = Distributions.QNorm(1 - options.Alpha);
        var cap = _maxBack + 1;
        _y = new double[cap];
        _t = new double[cap];
        _off = new double[cap];
        _prior = new double[cap];
        _w = new double[cap];
        _mu = new double[cap];
        _eta = new double[cap];
        _omega = new double[cap];
        _logY = new double[cap];
        _y23 = new double[cap];
        _lvl = new int[cap];
        var p = options.NoPeriods + 1;
        _s0 = new double[p];
        _s1 = new double[p];
        _sz = new double[p];
        _a = new double[p];
        _count = new int[p];
    }

    /// <summary>The options in use.</summary>
    public FarringtonOptions Options => _o;

    /// <inheritdoc />
    public int MinimumHistory => _seasonal?.MinimumHistory ?? _maxBack;

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<double> observed, ReadOnlySpan<double> population, int from, int to, Span<SignalPoint> results)
    {
        if (_seasonal is not null)
        {
            _seasonal.Detect(observed, population, from, to, results);
            return;
        }

        for (var k = from; k <= to; k++)
        {
            results[k - from] = Evaluate(observed, population, k).Point;
        }
    }

    /// <summary>Evaluates one time point (0-based index <paramref name="k"/>) with diagnostics.</summary>
    public FarringtonPoint Evaluate(ReadOnlySpan<double> observed, ReadOnlySpan<double> population, int k)
    {
        if (_seasonal is not null)
        {
            var r = _seasonal.EvaluateDetailed(observed, k);
            var p = r.Point;
            var exceedance = double.IsNaN(p.Threshold) ? double.NaN
                : p.Threshold > p.Expected ? (p.Observed - p.Expected) / (p.Threshold - p.Expected)
                : p.Alarm ? double.PositiveInfinity : 0;
            return new FarringtonPoint(p, r.Phi, r.PValue, exceedance, r.TrendKept, r.TrendCoefficient);
        }

        var yk = observed[k];
        if (k < _maxBack)
        {
            return NoModel(yk, SignalNotes.InsufficientHistory);
        }

        if (_o.PopulationOffset && population.IsEmpty)
        {
            throw new ArgumentException("populationOffset requires a population for every point", nameof(population));
        }

        // ---- data for the GLM (algo.farrington.data.glm)
        _n = 0;
        for (var lag = _maxBack; lag > _pwni; lag--)
        {
            var lv = _levelByLag[lag];
            if (lv == 0)
            {
                continue;
            }

            var v = observed[k - lag];
            if (double.IsNaN(v))
            {
                continue;
            }

            _y[_n] = v;
            _logY[_n] = v > 0 ? Math.Log(v) : 0;
            _y23[_n] = Math.Pow(v, 2.0 / 3);
            _t[_n] = -lag;
            _lvl[_n] = lv;
            _off[_n] = _o.PopulationOffset ? Math.Log(population[k - lag]) : 0;
            _n++;
        }

        var offNow = _o.PopulationOffset ? Math.Log(population[k]) : 0;
        var maxResponse = 0.0;
        for (var i = 0; i < _n; i++)
        {
            maxResponse = Math.Max(maxResponse, _y[i]);
        }

        // ---- fit (algo.farrington.glm)
        var fit = FitFlexible(_o.Trend);
        if (!fit.Ok)
        {
            return NoModel(yk, fit.Note ?? SignalNotes.NotConverged);
        }

        var doTrend = false;
        if (fit.Trend)
        {
            var v0 = PredictVarianceUnscaled(out var eta0t);
            if (double.IsNaN(v0))
            {
                return NoModel(yk, SignalNotes.UpperBoundUndefined);
            }

            var mu0 = Math.Max(Math.Exp(eta0t + offNow), Eps);
            var seB = Math.Sqrt(fit.InferenceDispersion / _den);
            var p = Distributions.TwoSidedT(_b / seB, fit.Df);
            var significant = p < _o.PThresholdTrend;
            doTrend = _o.B >= 3 && significant && mu0 <= maxResponse;
            if (!doTrend)
            {
                fit = FitFlexible(false);
                if (!fit.Ok)
                {
                    return NoModel(yk, fit.Note ?? SignalNotes.NotConverged);
                }
            }
        }

        var coeffTime = doTrend ? _b : double.NaN;
        var varUnscaled = PredictVarianceUnscaled(out var eta0);
        if (double.IsNaN(varUnscaled))
        {
            return NoModel(yk, SignalNotes.UpperBoundUndefined);
        }

        eta0 += offNow;
        var phi = fit.Phi;
        var predDispersion = _o.RCompat ? fit.InferenceDispersion : phi;
        var seLink = Math.Sqrt(predDispersion * varUnscaled);

        double upper, expected, score, pvalue;
        if (_o.ThresholdMethod == FarringtonThresholdMethod.Delta)
        {
            var mu0 = Math.Max(Math.Exp(eta0), Eps);
            var seResp = seLink * mu0;
            var tau = phi + (seResp * seResp / mu0);
            double se, e;
            switch (_o.PowerTransform)
            {
                case FarringtonPowerTransform.None:
                    se = Math.Sqrt(mu0 * tau);
                    e = 1;
                    break;
                case FarringtonPowerTransform.Half:
                    se = Math.Sqrt(1.0 / 4 * tau);
                    e = 1.0 / 2;
                    break;
                default:
                    se = Math.Sqrt(4.0 / 9 * Math.Pow(mu0, 1.0 / 3) * tau);
                    e = 2.0 / 3;
                    break;
            }

            var lo = Math.Pow(Math.Pow(mu0, e) - (_z * se), 1 / e);
            var hi = Math.Pow(Math.Pow(mu0, e) + (_z * se), 1 / e);
            upper = double.IsNaN(lo) ? hi : double.IsNaN(hi) ? double.NaN : Math.Max(lo, hi);
            pvalue = Distributions.PNormUpper((Math.Pow(yk, e) - Math.Pow(mu0, e)) / se);
            score = double.IsNaN(upper) ? double.NaN : (yk - mu0) / (upper - mu0);
            expected = mu0;
        }
        else
        {
            var q = _o.ThresholdMethod == FarringtonThresholdMethod.NbPlugin
                ? Math.Exp(eta0)
                : Math.Exp(eta0 + (seLink * _z));
            if (double.IsPositiveInfinity(q))
            {
                upper = double.NaN;
                pvalue = double.NaN;
            }
            else if (phi > 1)
            {
                upper = Distributions.QNBinom(1 - _o.Alpha, q / (phi - 1), 1 / phi);
                pvalue = 1 - Distributions.PNBinom(yk - 1, q / (phi - 1), 1 / phi);
            }
            else
            {
                upper = Distributions.QPois(1 - _o.Alpha, q);
                pvalue = 1 - Distributions.PPois(yk - 1, q);
            }

            expected = Math.Exp(eta0);
            if (_o.AggregateWeeks > 1 && !double.IsNaN(upper))
            {
                upper = AggregatedThreshold(observed, population, k, upper, phi, seLink, fit.Trend ? _b : 0);
            }

            // R scores on the log scale for nbPlugin/muan; the correct mode uses the response scale.
            var centre = _o.RCompat ? eta0 : expected;
            score = double.IsNaN(upper) ? double.NaN : (yk - centre) / (upper - centre);
        }

        var recent = 0.0;
        for (var i = Math.Max(0, k - _o.Limit54Weeks + 1); i <= k; i++)
        {
            recent += observed[i];
        }

        var enoughCases = recent >= _o.Limit54Cases;
        var alarm = enoughCases && !double.IsNaN(score) && score > 1 && yk != 0;
        SignalPoint point;
        if (!enoughCases)
        {
            point = SignalPoint.Missing(yk, SignalNotes.Limit54);
        }
        else if (double.IsNaN(upper))
        {
            point = SignalPoint.Missing(yk, SignalNotes.UpperBoundUndefined);
        }
        else
        {
            point = new SignalPoint(yk, expected, upper, alarm, null);
        }

        return new FarringtonPoint(point, phi, pvalue, score, doTrend, coeffTime);
    }

    /// <summary>min over windows L of (U_L − counts of the L − 1 previous steps): the smallest current count that alarms.</summary>
    private double AggregatedThreshold(ReadOnlySpan<double> observed, ReadOnlySpan<double> population, int k, double upper, double phi, double seLink, double slope)
    {
        var a = _a[_o.NoPeriods];
        var meanSum = 0.0;
        var previous = 0.0;
        var best = upper;
        for (var lag = 0; lag < _o.AggregateWeeks && k - lag >= 0; lag++)
        {
            var off = _o.PopulationOffset ? Math.Log(population[k - lag]) : 0;
            var eta = a - (slope * lag) + off;
            meanSum += _o.ThresholdMethod == FarringtonThresholdMethod.Muan ? Math.Exp(eta + (seLink * _z)) : Math.Exp(eta);
            if (lag > 0)
            {
                previous += observed[k - lag];
                var u = phi > 1
                    ? Distributions.QNBinom(1 - _o.Alpha, meanSum / (phi - 1), 1 / phi)
                    : Distributions.QPois(1 - _o.Alpha, meanSum);
                best = Math.Min(best, u - previous);
            }
        }

        return best;
    }

    private static FarringtonPoint NoModel(double y, string note) =>
        new(SignalPoint.Missing(y, note), double.NaN, double.NaN, double.NaN, false, double.NaN);

    private readonly record struct FitResult(bool Ok, bool Trend, double Phi, double InferenceDispersion, double Df, string? Note);

    /// <summary>algo.farrington.fitGLM.flexible: fit, fall back to no trend, reweight and refit.</summary>
    private FitResult FitFlexible(bool trend)
    {
        Array.Fill(_prior, 1.0, 0, _n);
        var conv = Irls(trend, _prior);
        if (!conv && trend)
        {
            trend = false;
            conv = Irls(false, _prior);
        }

        if (!conv)
        {
            return new FitResult(false, trend, double.NaN, double.NaN, double.NaN, SignalNotes.NotConverged);
        }

        var rank = Rank(trend);
        var df = _n - rank;
        if (df <= 0)
        {
            return new FitResult(false, trend, double.NaN, double.NaN, double.NaN, SignalNotes.ZeroDispersionDenominator);
        }

        var disp = Dispersion(_w, df);
        var phi = Math.Max(disp, 1);
        var inference = disp;
        if (_o.Reweight)
        {
            // Anscombe residuals with hat values of the last IRLS step, then weights.
            var c = _o.WeightsThreshold;
            var denom = 0.0;
            for (var i = 0; i < _n; i++)
            {
                var mu = _mu[i];
                var h = Hat(i, trend);
                var s = 3.0 / 2 * ((_y23[i] * Math.Pow(mu, -1.0 / 6)) - Math.Sqrt(mu));
                s /= Math.Sqrt(phi * (1 - h));
                _omega[i] = s;
                denom += s > c ? Math.Pow(s, -2) : 1;
            }

            var gamma = _n / denom;
            for (var i = 0; i < _n; i++)
            {
                var s = _omega[i];
                _omega[i] = s > c ? gamma * Math.Pow(s, -2) : gamma;
            }

            Irls(trend, _omega); // R does not check this fit's convergence
            disp = Dispersion(_w, df);
            phi = Math.Max(disp, 1);

            // Quirk 6.1: R overwrites the working weights with the prior weights before summary/predict.
            inference = _o.RCompat ? Dispersion(_omega, df) : disp;
        }

        return new FitResult(true, trend, phi, inference, df, null);
    }

    private int Rank(bool trend)
    {
        var r = 0;
        for (var l = 1; l < _count.Length; l++)
        {
            if (_count[l] > 0)
            {
                r++;
            }
        }

        return trend ? r + 1 : r;
    }

    private double Dispersion(double[] weights, int df)
    {
        var sum = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var r = (_y[i] - _mu[i]) / _mu[i]; // mu.eta(eta) = max(exp(eta), eps) = mu after an update

            if (weights[i] > 0)
            {
                sum += weights[i] * r * r;
            }
        }

        return sum / df;
    }

    private double Hat(int i, bool trend)
    {
        var l = _lvl[i];
        var v = 1 / _s0[l];
        if (trend)
        {
            var d = _t[i] - (_s1[l] / _s0[l]);
            v += d * d / _den;
        }

        return _w[i] * v;
    }

    /// <summary>x₀ᵀ(XᵀWX)⁻¹x₀ at the current step (level p, lag 0), and the linear predictor without offset.</summary>
    private double PredictVarianceUnscaled(out double eta0)
    {
        var p = _o.NoPeriods;
        if (_count[p] == 0)
        {
            eta0 = double.NaN;
            return double.NaN;
        }

        eta0 = _a[p]; // the current point has lag 0, so the trend term vanishes
        var v = 1 / _s0[p];
        if (_trendInModel)
        {
            var d = 0 - (_s1[p] / _s0[p]);
            v += d * d / _den;
        }

        return v;
    }

    private bool _trendInModel;

    /// <summary>IRLS of R's glm.fit for the quasi-Poisson log-link model with prior weights.</summary>
    private bool Irls(bool trend, double[] prior)
    {
        var n = _n;
        var y = _y;
        for (var i = 0; i < n; i++)
        {
            _mu[i] = y[i] + 0.1;
            _eta[i] = Math.Log(_mu[i]);
        }

        var devOld = Deviance(prior);
        var converged = false;
        _trendInModel = trend;
        for (var iter = 1; iter <= MaxIterations; iter++)
        {
            Array.Clear(_s0);
            Array.Clear(_s1);
            Array.Clear(_sz);
            Array.Clear(_count);
            _s2 = 0;
            _stz = 0;
            for (var i = 0; i < n; i++)
            {
                var me = iter == 1 ? Math.Max(Math.Exp(_eta[i]), Eps) : _mu[i];
                var w = prior[i] * me * me / _mu[i];
                var z = _eta[i] - _off[i] + ((y[i] - _mu[i]) / me);
                _w[i] = w;
                var l = _lvl[i];
                var t = _t[i];
                _count[l]++;
                _s0[l] += w;
                _sz[l] += w * z;
                if (trend)
                {
                    _s1[l] += w * t;
                    _s2 += w * t * t;
                    _stz += w * t * z;
                }
            }

            if (trend)
            {
                var num = _stz;
                var den = _s2;
                for (var l = 1; l < _s0.Length; l++)
                {
                    if (_count[l] > 0)
                    {
                        num -= _s1[l] * _sz[l] / _s0[l];
                        den -= _s1[l] * _s1[l] / _s0[l];
                    }
                }

                if (!(den > 1e-10 * _s2))
                {
                    // trend column aliased with the factor: no valid trend model
                    return false;
                }

                _den = den;
                _b = num / den;
            }
            else
            {
                _b = 0;
                _den = double.NaN;
            }

            for (var l = 1; l < _s0.Length; l++)
            {
                _a[l] = _count[l] > 0 ? (_sz[l] - (_s1[l] * _b)) / _s0[l] : 0;
            }

            for (var i = 0; i < n; i++)
            {
                var eta = _a[_lvl[i]] + (_b * _t[i]) + _off[i];
                _eta[i] = eta;
                _mu[i] = Math.Max(Math.Exp(eta), Eps);
            }

            var dev = Deviance(prior);
            if (!double.IsFinite(dev))
            {
                return false;
            }

            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < Epsilon)
            {
                converged = true;
                break;
            }

            devOld = dev;
        }

        return converged;
    }

    private double Deviance(double[] prior)
    {
        var dev = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var y = _y[i];
            var mu = _mu[i];
            var logMu = mu > Eps ? _eta[i] : Math.Log(mu);
            dev += y > 0 ? prior[i] * ((y * (_logY[i] - logMu)) - (y - mu)) : mu * prior[i];
        }

        return 2 * dev;
    }

    /// <summary>R's <c>blocks()</c> for integer epochs: level by lag (0..freq·b + w) relative to the current point.</summary>
    private static int[] BuildBlocks(int freq, int b, int w, int p)
    {
        var maxBack = (freq * b) + w;
        var levels = new int[maxBack + 1];

        // work in positions pos = maxBack - lag (0 = oldest); "now" is pos maxBack
        void Set(int from, int to, int value)
        {
            // R's from:to, descending when to < from
            var step = to >= from ? 1 : -1;
            for (var pos = from; ; pos += step)
            {
                var lag = maxBack - pos;
                if (lag >= 0 && lag <= maxBack)
                {
                    levels[lag] = value;
                }

                if (pos == to)
                {
                    break;
                }
            }
        }

        var now = maxBack;
        Set(now - w, now, p);
        for (var i = 1; i <= b; i++)
        {
            var refWeek = now - (i * freq);
            var laterRef = now - ((i - 1) * freq);
            Set(refWeek - w, refWeek + w, p);
            if (p != 1)
            {
                var period = laterRef - (2 * w) - 1 - refWeek;
                if (period < p - ((2 * w) + 1))
                {
                    throw new ArgumentException("Number of factors too big!");
                }

                var len = period / (p - 1);
                var rest = period % (p - 1);
                var cum = 0;
                for (var j = 1; j <= p - 1; j++)
                {
                    var lenJ = len + (j <= rest ? 1 : 0);
                    Set(refWeek + w + 1 + cum, refWeek + w + 1 + cum + lenJ - 1, j);
                    cum += lenJ;
                }
            }
        }

        return levels;
    }
}
