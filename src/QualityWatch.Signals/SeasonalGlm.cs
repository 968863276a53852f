using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics;

namespace QualityWatch.Signals;

/// <summary>
/// Options of <see cref="SeasonalGlm"/>, the QualityWatch detector (no R counterpart). Defaults are the tuned values
/// (Noufaily benchmark, tuning replicates 5–54 of seed 20130401; see docs/signals.md §5.3).
/// </summary>
public sealed record SeasonalGlmOptions
{
    /// <summary>At most this many years of history (before the excluded recent steps) enter the fit.</summary>
    public int Years { get; init; } = 11;

    /// <summary>
    /// At least this many years (at most <see cref="Years"/>) of fitted history are needed; earlier points get no result.
    /// </summary>
    public int MinimumYears { get; init; } = 1;

    /// <summary>Most recent steps left out of the fit, so that an ongoing outbreak does not raise its own baseline.</summary>
    public int PastStepsNotIncluded { get; init; } = 26;

    /// <summary>Number of harmonic pairs cos/sin(2πjt/steps per year), j = 1..Harmonics.</summary>
    public int Harmonics { get; init; } = 2;

    /// <summary>Allow a linear trend.</summary>
    public bool Trend { get; init; } = true;

    /// <summary>Keep the trend only if its two-sided t-test p-value (quasi-Poisson) is below this.</summary>
    public double PThresholdTrend { get; init; } = 0.05;

    /// <summary>Down-weight past outbreaks by Anscombe residuals (Farrington's reweighting).</summary>
    public bool Reweight { get; init; } = true;

    /// <summary>Anscombe-residual cut-off c: weight ∝ s⁻² for residuals s &gt; c.</summary>
    public double WeightsThreshold { get; init; } = 2.58;

    /// <summary>
    /// Reweighting passes (Farrington: 1). Each pass recomputes the residuals and φ̂ of the previous weighted fit, so
    /// that large past outbreaks, which inflate the first φ̂ and so hide themselves, are down-weighted fully.
    /// </summary>
    public int ReweightPasses { get; init; } = 1;

    /// <summary>
    /// One-sided error of the main test: the sum of the last <see cref="AggregateSteps"/> steps (the current step alone
    /// when <see cref="AggregateSteps"/> is 1).
    /// </summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>Window length L ≥ 1 of the main test (the sum of the last L steps, current one included).</summary>
    public int AggregateSteps { get; init; } = 2;

    /// <summary>
    /// One-sided error of the additional test of the current step alone when <see cref="AggregateSteps"/> &gt; 1.
    /// </summary>
    public double SingleStepAlpha { get; init; } = 0.002;

    /// <summary>
    /// The sum test does not fire when the previous step already signalled (by either test, with the same fitted
    /// model): the excess of that step has been reported, and a sum that still contains it would repeat the alarm.
    /// </summary>
    public bool SuppressRepeatedSum { get; init; } = true;

    /// <summary>
    /// Mid-p tests for the discrete counts (Lancaster): alarm when P(S &gt; s) + ½P(S = s) &lt; α instead of
    /// P(S ≥ s) &lt; α, so that the false-alarm rate at small counts is closer to α rather than far below it.
    /// </summary>
    public bool MidP { get; init; } = true;

    /// <summary>Widen the negative binomial for the estimation error of the fitted mean (predictive distribution).</summary>
    public bool PredictionUncertainty { get; init; } = true;

    /// <summary>Minimum number of cases in the last <see cref="Limit54Weeks"/> steps, including the current one.</summary>
    public int Limit54Cases { get; init; } = 3;

    /// <summary>Window of the minimum-case rule.</summary>
    public int Limit54Weeks { get; init; } = 4;

    /// <summary>The tuned QualityWatch default.</summary>
    public static SeasonalGlmOptions Default { get; } = new();

    internal void Check()
    {
        if (Years < 1 || MinimumYears < 1 || ReweightPasses < 0)
        {
            throw new ArgumentException("years and minimumYears must be >= 1 and reweightPasses >= 0");
        }

        if (PastStepsNotIncluded < 0 || Harmonics < 0 || Harmonics > 4)
        {
            throw new ArgumentException("pastStepsNotIncluded must be >= 0 and harmonics in 0..4");
        }

        if (!(Alpha > 0 && Alpha < 1) || !(SingleStepAlpha > 0 && SingleStepAlpha < 1))
        {
            throw new ArgumentException("alpha and singleStepAlpha must be in (0, 1)");
        }

        if (AggregateSteps < 1 || AggregateSteps > 8)
        {
            throw new ArgumentException("aggregateSteps must be in 1..8");
        }

        if (Limit54Cases < 0 || Limit54Weeks <= 0)
        {
            throw new ArgumentException("The limit54 arguments are out of bounds: cases >= 0 and period > 0.");
        }
    }
}

/// <summary>Per-point diagnostics of <see cref="SeasonalGlm"/>.</summary>
/// <param name="Point">The detection result.</param>
/// <param name="Phi">Dispersion φ̂ ≥ 1 (NaN when no model).</param>
/// <param name="PValue">P(Y ≥ observed) for the current step alone under the predictive negative binomial.</param>
/// <param name="TrendKept">Whether the final model has a trend.</param>
/// <param name="TrendCoefficient">The trend on the log scale per step (NaN without trend).</param>
public readonly record struct SeasonalGlmPoint(SignalPoint Point, double Phi, double PValue, bool TrendKept, double TrendCoefficient);

/// <summary>
/// QualityWatch seasonal GLM detector. The baseline is a quasi-Poisson log-linear model fitted to all past steps of up
/// to <see cref="SeasonalGlmOptions.Years"/> years (the most recent <see cref="SeasonalGlmOptions.PastStepsNotIncluded"/>
/// steps left out): log μ_t = β₀ + β₁t + Σ_j (γ_j cos 2πjt/f + δ_j sin 2πjt/f), f = steps per year, the model family of
/// the Noufaily et al. (2013) simulation. The trend is kept only if significant; past outbreaks are down-weighted by
/// Anscombe residuals as in Farrington et al. (1996). The sum of the last L steps is tested against the upper quantile
/// of the negative binomial for the summed means (mean m, variance φ̂m widened for the estimation error of m), and the
/// current step alone at a smaller α; both are mid-p tests, and the sum test is skipped when the previous step already
/// signalled. Deterministic; an instance holds work buffers (one per thread). See docs/signals.md §1.2.
/// </summary>
public sealed class SeasonalGlm : ISeriesDetector
{
    private const double Eps = 2.220446049250313e-16;
    private const int MaxIterations = 25;
    private const double Epsilon = 1e-8;

    private readonly SeasonalGlmOptions _o;
    private readonly int _freq;
    private readonly int _maxLag;
    private readonly int _minPoints;
    private readonly int _pMax;
    private readonly int _cap;
    private readonly double[] _cos, _sin; // [j * freq + phase]

    // work buffers
    private readonly double[] _x, _y, _y23, _logY, _prior, _mu, _eta, _w, _z, _wx, _t;
    private readonly int[] _lag;
    private readonly double[] _xtwx, _xtwz, _chol, _beta, _tmp, _row, _g;
    private int _n, _p, _harmonics;

    /// <summary>Creates the detector.</summary>
    /// <param name="options">Options (<see cref="SeasonalGlmOptions.Default"/> when null).</param>
    /// <param name="stepsPerYear">52 (weekly), 12 (monthly) or 365 (daily): the period of the harmonics.</param>
    public SeasonalGlm(SeasonalGlmOptions? options = null, int stepsPerYear = 52)
    {
        options ??= SeasonalGlmOptions.Default;
        options.Check();
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerYear, 2);
        _o = options;
        _freq = stepsPerYear;
        _maxLag = options.PastStepsNotIncluded + (options.Years * stepsPerYear);
        _minPoints = Math.Min(options.MinimumYears, options.Years) * stepsPerYear;
        _pMax = 2 + (2 * options.Harmonics);
        _cos = new double[(options.Harmonics + 1) * stepsPerYear];
        _sin = new double[(options.Harmonics + 1) * stepsPerYear];
        for (var j = 1; j <= options.Harmonics; j++)
        {
            for (var r = 0; r < stepsPerYear; r++)
            {
                var a = 2 * Math.PI * j * r / stepsPerYear;
                _cos[(j * stepsPerYear) + r] = Math.Cos(a);
                _sin[(j * stepsPerYear) + r] = Math.Sin(a);
            }
        }

        var cap = options.Years * stepsPerYear;
        _cap = cap;
        _x = new double[cap * _pMax]; // column-major: column c at c * cap
        _z = new double[cap];
        _wx = new double[cap];
        _t = new double[cap * _pMax];
        _y = new double[cap];
        _y23 = new double[cap];
        _logY = new double[cap];
        _prior = new double[cap];
        _mu = new double[cap];
        _eta = new double[cap];
        _w = new double[cap];
        _lag = new int[cap];
        _xtwx = new double[_pMax * _pMax];
        _xtwz = new double[_pMax];
        _chol = new double[_pMax * _pMax];
        _beta = new double[_pMax];
        _tmp = new double[_pMax];
        _row = new double[_pMax];
        _g = new double[_pMax];
    }

    /// <summary>The options in use.</summary>
    public SeasonalGlmOptions Options => _o;

    /// <inheritdoc />
    public int MinimumHistory => _o.PastStepsNotIncluded + _minPoints;

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<double> observed, ReadOnlySpan<double> population, int from, int to, Span<SignalPoint> results)
    {
        for (var k = from; k <= to; k++)
        {
            results[k - from] = Evaluate(observed, k);
        }
    }

    /// <summary>Evaluates the 0-based index <paramref name="k"/>.</summary>
    public SignalPoint Evaluate(ReadOnlySpan<double> observed, int k) => EvaluateDetailed(observed, k).Point;

    /// <summary>Evaluates the 0-based index <paramref name="k"/> with diagnostics.</summary>
    public SeasonalGlmPoint EvaluateDetailed(ReadOnlySpan<double> observed, int k)
    {
        var yk = observed[k];
        if (double.IsNaN(yk))
        {
            return NoModel(yk, SignalNotes.MissingObservation);
        }

        if (k < MinimumHistory)
        {
            return NoModel(yk, SignalNotes.InsufficientHistory);
        }

        // ---- data: lags maxLag .. pwni + 1 (oldest first)
        var firstLag = Math.Min(_maxLag, k);
        var total = 0.0;
        _n = 0;
        for (var lag = firstLag; lag > _o.PastStepsNotIncluded; lag--)
        {
            var v = observed[k - lag];
            if (double.IsNaN(v))
            {
                continue;
            }

            _y[_n] = v;
            _logY[_n] = v > 0 ? Math.Log(v) : 0;
            _y23[_n] = Math.Cbrt(v * v);
            _lag[_n] = lag;
            total += v;
            _n++;
        }

        if (_n < _minPoints)
        {
            return NoModel(yk, SignalNotes.InsufficientHistory);
        }

        double phi;
        var trendKept = false;
        string? note = null;
        _harmonics = _o.Harmonics;
        if (total == 0)
        {
            // The maximum-likelihood mean of an all-zero baseline is 0: any case exceeds it.
            phi = 1;
            _p = 0;
        }
        else
        {
            var trend = _o.Trend;
            BuildDesign(k, trend);
            var ok = Fit(false, out phi);
            var converged = ok;
            if (trend && ok)
            {
                // keep the trend only if significant (Farrington's over-extrapolation rule is not used: see docs)
                var seB = Math.Sqrt(phi * Quad(UnitRow(1)));
                var pTrend = Distributions.TwoSidedT(_beta[1] / seB, _n - _p);
                ok = pTrend < _o.PThresholdTrend;
                trendKept = ok;
            }

            if (trend && !ok)
            {
                // refit without the trend, starting from the trend fit's coefficients without the trend term
                for (var c = 1; c < _p - 1; c++)
                {
                    _beta[c] = _beta[c + 1];
                }

                // the outbreak weights of the trend fit are kept (a full refit when that fit did not converge)
                BuildDesign(k, false);
                ok = (converged && Refit(out phi)) || Fit(false, out phi);
            }

            if (!ok && _harmonics > 0)
            {
                // very sparse series: the seasonal fit can chase a few isolated cases (no finite maximum); constant mean
                _harmonics = 0;
                BuildDesign(k, false);
                ok = Fit(false, out phi);
                note = SignalNotes.ConstantMeanFallback;
            }

            if (!ok)
            {
                return NoModel(yk, SignalNotes.NotConverged);
            }
        }

        var expected = Mean(k, 0);
        if (!double.IsFinite(expected))
        {
            return NoModel(yk, SignalNotes.UpperBoundUndefined);
        }

        // the previous step, with the same fitted model: did it signal?
        var suppress = _o.SuppressRepeatedSum && _o.AggregateSteps > 1 && k >= 1 && observed[k - 1] > Threshold(observed, k, 1, phi, false);
        var threshold = Threshold(observed, k, 0, phi, suppress);
        var singleVariance = Variance(k, 0, 1, expected);
        var pValue = expected <= 0 ? (yk > 0 ? 0 : 1) : UpperTail(yk, expected, phi + (singleVariance / expected));
        var recent = 0.0;
        for (var i = Math.Max(0, k - _o.Limit54Weeks + 1); i <= k; i++)
        {
            recent += double.IsNaN(observed[i]) ? 0 : observed[i];
        }

        var point = recent >= _o.Limit54Cases
            ? new SignalPoint(yk, expected, threshold, yk > threshold, note)
            : SignalPoint.Missing(yk, SignalNotes.Limit54);
        return new SeasonalGlmPoint(point, phi, pValue, trendKept, trendKept ? _beta[1] / _freq : double.NaN);
    }

    private static SeasonalGlmPoint NoModel(double y, string note) => new(SignalPoint.Missing(y, note), double.NaN, double.NaN, false, double.NaN);

    /// <summary>P(Y ≥ y) for Y ~ NB(mean m, variance φm).</summary>
    private static double UpperTail(double y, double m, double phi) => IsNegativeBinomial(m, phi)
        ? 1 - Distributions.PNBinom(y - 1, m / (phi - 1), 1 / phi)
        : 1 - Distributions.PPois(y - 1, m);

    /// <summary>NB(mean m, variance φm) with a size m/(φ − 1) above 10⁹ is treated as Poisson (as <see cref="Distributions.QNBinom"/>).</summary>
    private static bool IsNegativeBinomial(double m, double phi) => phi > 1 && m / (phi - 1) <= 1e9;

    /// <summary>
    /// The smallest count at step k − lag that alarms, with the fitted model of step k: the minimum over the main test
    /// (the sum of the last L steps at α, unless <paramref name="sumSuppressed"/>) and the single-step test.
    /// </summary>
    private double Threshold(ReadOnlySpan<double> observed, int k, int lag, double phi, bool sumSuppressed)
    {
        var expected = Mean(k, lag);
        var steps = _o.AggregateSteps;
        if (steps == 1)
        {
            return SingleThreshold(expected, phi, Variance(k, lag, 1, expected), _o.Alpha);
        }

        var best = SingleThreshold(expected, phi, Variance(k, lag, 1, expected), _o.SingleStepAlpha);
        if (sumSuppressed || k - lag - steps + 1 < 0)
        {
            return best;
        }

        var meanSum = expected;
        var previous = 0.0;
        for (var j = 1; j < steps; j++)
        {
            var v = observed[k - lag - j];
            if (double.IsNaN(v))
            {
                return best;
            }

            previous += v;
            meanSum += Mean(k, lag + j);
        }

        var u = SingleThreshold(meanSum, phi, Variance(k, lag, steps, meanSum), _o.Alpha);

        // the current step itself must exceed its expected count
        return Math.Min(best, Math.Max(Math.Floor(expected), u - previous));
    }

    /// <summary>
    /// The largest count s that does not alarm for S ~ NB(mean m, variance φm + Var(m̂)): the upper (1 − α) quantile q,
    /// or q − 1 when the mid-p value of q is already below α.
    /// </summary>
    private double SingleThreshold(double m, double phi, double estimationVariance, double alpha)
    {
        if (m <= 0)
        {
            return 0;
        }

        var phiEff = phi + (estimationVariance / m);
        var q = UpperQuantile(m, phiEff, alpha, _o.MidP);

        // never alarm at or below the expected count (very skewed NB laws have upper quantiles below the mean)
        return Math.Max(q, Math.Floor(m));
    }

    /// <summary>
    /// Upper (1 − α) quantile q of NB(mean m, variance φm) (Poisson when φ = 1): the smallest q with F(q) ≥ 1 − α; with
    /// <paramref name="midP"/>, q − 1 when P(S &gt; q) + ½P(S = q) &lt; α. One CDF evaluation at a Cornish-Fisher start,
    /// then steps with the pmf recurrence (the general quantile functions when the pmf underflows).
    /// </summary>
    internal static double UpperQuantile(double m, double phi, double alpha, bool midP)
    {
        var nb = IsNegativeBinomial(m, phi);
        var size = nb ? m / (phi - 1) : double.PositiveInfinity;
        var prob = nb ? 1 / phi : 1;
        var target = 1 - alpha;
        var sd = Math.Sqrt(m * (nb ? phi : 1));
        var z = Distributions.QNorm(target);
        var skew = nb ? (2 - prob) / Math.Sqrt(size * (1 - prob)) : 1 / Math.Sqrt(m);
        var x = Math.Max(0, Math.Round(m + (sd * (z + (skew * ((z * z) - 1) / 6)))));
        var cdf = nb ? Distributions.PNBinom(x, size, prob) : Distributions.PPois(x, m);
        var logPmf = nb
            ? SpecialFunctions.GammaLn(x + size) - SpecialFunctions.GammaLn(size) - SpecialFunctions.GammaLn(x + 1) + (size * Math.Log(prob)) + (x * Math.Log(1 - prob))
            : (x * Math.Log(m)) - m - SpecialFunctions.GammaLn(x + 1);
        var pmf = Math.Exp(logPmf);
        var ok = pmf > 1e-300 && double.IsFinite(cdf);
        for (var step = 0; ok && step < 200; step++)
        {
            if (x > 0 && cdf - pmf >= target)
            {
                // F(x − 1) ≥ target: step down
                cdf -= pmf;
                pmf /= nb ? (size + x - 1) / x * (1 - prob) : m / x;
                x--;
            }
            else if (cdf < target)
            {
                pmf *= nb ? (size + x) / (x + 1) * (1 - prob) : m / (x + 1);
                x++;
                cdf += pmf;
            }
            else
            {
                return midP && x >= 1 && 1 - cdf + (pmf / 2) < alpha ? x - 1 : x;
            }

            ok = pmf > 1e-300;
        }

        // far tails or underflow: the general quantile and CDF functions
        var q = nb ? Distributions.QNBinom(target, size, prob) : Distributions.QPois(target, m);
        if (midP && q >= 1 && double.IsFinite(q))
        {
            var fq = nb ? Distributions.PNBinom(q, size, prob) : Distributions.PPois(q, m);
            var fq1 = nb ? Distributions.PNBinom(q - 1, size, prob) : Distributions.PPois(q - 1, m);
            q = 1 - ((fq + fq1) / 2) < alpha ? q - 1 : q;
        }

        return q;
    }

    /// <summary>Fitted mean at step k − lag (0 for an all-zero baseline).</summary>
    private double Mean(int k, int lag) => _p == 0 ? 0 : Math.Exp(Predict(k, lag));

    /// <summary>Var(Σ μ̂) over steps k − lag − steps + 1 .. k − lag (delta method), 0 when switched off.</summary>
    private double Variance(int k, int lag, int steps, double meanSum)
    {
        if (!_o.PredictionUncertainty || _p == 0 || meanSum <= 0)
        {
            return 0;
        }

        Array.Clear(_g, 0, _p);
        for (var j = 0; j < steps; j++)
        {
            var m = Mean(k, lag + j);
            Row(k, lag + j, _row);
            for (var c = 0; c < _p; c++)
            {
                _g[c] += m * _row[c];
            }
        }

        return _phiForVariance * Quad(_g);
    }

    private double _phiForVariance;


    private double[] UnitRow(int c)
    {
        Array.Clear(_row, 0, _p);
        _row[c] = 1;
        return _row;
    }

    /// <summary>vᵀ(XᵀWX)⁻¹v = ‖L⁻¹v‖² with the Cholesky factor of the last IRLS step.</summary>
    private double Quad(double[] v)
    {
        var p = _p;
        var s = 0.0;
        for (var i = 0; i < p; i++)
        {
            var a = v[i];
            for (var c = 0; c < i; c++)
            {
                a -= _chol[(i * p) + c] * _tmp[c];
            }

            a /= _chol[(i * p) + i];
            _tmp[i] = a;
            s += a * a;
        }

        return s;
    }

    private bool _trendInModel;

    /// <summary>Design row of step k − lag: 1, trend (years, 0 at step k), harmonics at the absolute phase.</summary>
    private void Row(int k, int lag, double[] row)
    {
        var c = 0;
        row[c++] = 1;
        if (_trendInModel)
        {
            row[c++] = -(double)lag / _freq;
        }

        var phase = ((k - lag) % _freq + _freq) % _freq;
        for (var j = 1; j <= _harmonics; j++)
        {
            row[c++] = _cos[(j * _freq) + phase];
            row[c++] = _sin[(j * _freq) + phase];
        }
    }

    private double Predict(int k, int lag)
    {
        Row(k, lag, _row);
        var e = 0.0;
        for (var c = 0; c < _p; c++)
        {
            e += _row[c] * _beta[c];
        }

        return e;
    }

    private void BuildDesign(int k, bool trend)
    {
        _trendInModel = trend;
        _p = 1 + (trend ? 1 : 0) + (2 * _harmonics);
        for (var i = 0; i < _n; i++)
        {
            Row(k, _lag[i], _row);
            for (var c = 0; c < _p; c++)
            {
                _x[(c * _cap) + i] = _row[c];
            }
        }
    }

    /// <summary>Quasi-Poisson fit, Pearson dispersion φ̂ = max(1, ·), Anscombe reweighting and refit.</summary>
    private bool Fit(bool warm, out double phi)
    {
        phi = double.NaN;
        var df = _n - _p;
        if (df <= 0)
        {
            return false;
        }

        Array.Fill(_prior, 1.0, 0, _n);
        if (!Irls(warm) && !(warm && Irls(false)))
        {
            return false;
        }

        phi = Math.Max(1, Pearson() / df);
        for (var pass = 0; _o.Reweight && pass < _o.ReweightPasses; pass++)
        {
            // Anscombe residuals of the current fit, standardised by φ̂ and the hat values
            var c = _o.WeightsThreshold;
            var denom = 0.0;
            var hat = HatValues();
            var any = false;
            for (var i = 0; i < _n; i++)
            {
                var mu = _mu[i];
                var r = 1.5 * ((_y23[i] / Math.Sqrt(Math.Cbrt(mu))) - Math.Sqrt(mu)) / Math.Sqrt(phi * Math.Max(1 - hat[i], 1e-10));
                _z[i] = r; // _z is free between fits
                any |= r > c;
                denom += r > c ? 1 / (r * r) : 1;
            }

            if (!any && pass > 0)
            {
                break;
            }

            var gamma = _n / denom;
            for (var i = 0; i < _n; i++)
            {
                var r = _z[i];
                _prior[i] = r > c ? gamma / (r * r) : gamma;
            }

            if (any && !Irls(true))
            {
                return false;
            }

            phi = Math.Max(1, Pearson() / df);
        }

        _phiForVariance = phi;
        return true;
    }

    /// <summary>Weighted refit with the current prior weights, from the current coefficients; then φ̂.</summary>
    private bool Refit(out double phi)
    {
        phi = double.NaN;
        var df = _n - _p;
        if (df <= 0 || !Irls(true))
        {
            return false;
        }

        phi = Math.Max(1, Pearson() / df);
        _phiForVariance = phi;
        return true;
    }

    /// <summary>Hat values hᵢ = wᵢ‖L⁻¹xᵢ‖² of the last IRLS step (forward substitution on whole columns).</summary>
    private Span<double> HatValues()
    {
        var n = _n;
        var p = _p;
        var t = _t.AsSpan();
        var hat = _wx.AsSpan(0, n);
        hat.Clear();
        for (var a = 0; a < p; a++)
        {
            var ta = t.Slice(a * _cap, n);
            _x.AsSpan(a * _cap, n).CopyTo(ta);
            for (var c = 0; c < a; c++)
            {
                MultiplyAdd(t.Slice(c * _cap, n), -_chol[(a * p) + c], ta);
            }

            var d = 1 / _chol[(a * p) + a];
            for (var i = 0; i < n; i++)
            {
                var v = ta[i] * d;
                ta[i] = v;
                hat[i] += v * v;
            }
        }

        for (var i = 0; i < n; i++)
        {
            hat[i] *= _w[i];
        }

        return hat;
    }

    private double Pearson()
    {
        var sum = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var r = _y[i] - _mu[i];
            sum += _prior[i] * r * r / _mu[i];
        }

        return sum;
    }

    /// <summary>
    /// IRLS for the Poisson log-link model with prior weights (as R's glm.fit: deviance criterion 1e-8, at most 25
    /// iterations); keeps the working weights and the Cholesky factor of XᵀWX of the last step. Starts from
    /// μ = y + 0.1, or from the current coefficients when <paramref name="warm"/>. The cross products are
    /// 4-lane dot products with a fixed summation order, so results do not depend on the hardware's vector width.
    /// </summary>
    private bool Irls(bool warm)
    {
        var n = _n;
        var p = _p;
        double devOld;
        if (warm)
        {
            devOld = UpdateMeans();
        }
        else
        {
            // start from the weighted mean (a constant model)
            var sw = 0.0;
            var swy = 0.0;
            for (var i = 0; i < n; i++)
            {
                sw += _prior[i];
                swy += _prior[i] * _y[i];
            }

            Array.Clear(_beta, 0, p);
            _beta[0] = Math.Log(Math.Max(swy / sw, 1e-3));
            devOld = UpdateMeans();
        }

        var x = _x.AsSpan();
        for (var iter = 1; iter <= MaxIterations; iter++)
        {
            for (var i = 0; i < n; i++)
            {
                var mu = _mu[i];
                var w = _prior[i] * mu;
                _w[i] = w;
                _z[i] = w * (_eta[i] + ((_y[i] - mu) / mu)); // w·z
            }

            for (var a = 0; a < p; a++)
            {
                var xa = x.Slice(a * _cap, n);
                _xtwz[a] = Dot(xa, _z.AsSpan(0, n));
                var wx = _wx.AsSpan(0, n);
                if (a == 0)
                {
                    _w.AsSpan(0, n).CopyTo(wx); // intercept column of ones
                }
                else
                {
                    Multiply(_w.AsSpan(0, n), xa, wx);
                }

                for (var b = 0; b <= a; b++)
                {
                    _xtwx[(a * p) + b] = Dot(wx, x.Slice(b * _cap, n));
                }
            }

            if (!Cholesky(p))
            {
                return false;
            }

            // solve L Lᵀ β = XᵀWz
            for (var a = 0; a < p; a++)
            {
                var s = _xtwz[a];
                for (var c = 0; c < a; c++)
                {
                    s -= _chol[(a * p) + c] * _tmp[c];
                }

                _tmp[a] = s / _chol[(a * p) + a];
            }

            for (var a = p - 1; a >= 0; a--)
            {
                var s = _tmp[a];
                for (var c = a + 1; c < p; c++)
                {
                    s -= _chol[(c * p) + a] * _beta[c];
                }

                _beta[a] = s / _chol[(a * p) + a];
            }

            var dev = UpdateMeans();
            if (!double.IsFinite(dev))
            {
                return false;
            }

            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < Epsilon)
            {
                return true;
            }

            devOld = dev;
        }

        return false;
    }

    /// <summary>η = Xβ, μ = max(exp η, ε); returns the deviance 2Σω(y log(y/μ) − (y − μ)).</summary>
    private double UpdateMeans()
    {
        var n = _n;
        var eta = _eta.AsSpan(0, n);
        eta.Fill(_beta[0]);
        for (var a = 1; a < _p; a++)
        {
            MultiplyAdd(_x.AsSpan(a * _cap, n), _beta[a], eta);
        }

        var dev = 0.0;
        for (var i = 0; i < n; i++)
        {
            var e = eta[i];
            var mu = Math.Exp(e);
            if (!(mu > Eps))
            {
                mu = Eps;
                e = Math.Log(Eps);
            }

            _mu[i] = mu;
            var y = _y[i];
            dev += _prior[i] * ((y * (_logY[i] - e)) - (y - mu)); // y = 0 gives μ, since log y is stored as 0
        }

        return 2 * dev;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = a.Length;
        var acc = Vector256<double>.Zero;
        var i = 0;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        for (; i <= n - 4; i += 4)
        {
            acc += Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i);
        }

        var s = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        for (; i < n; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        var n = a.Length;
        var i = 0;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var rr = ref MemoryMarshal.GetReference(result);
        for (; i <= n - 4; i += 4)
        {
            (Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref rr, (nuint)i);
        }

        for (; i < n; i++)
        {
            result[i] = a[i] * b[i];
        }
    }

    /// <summary>result += c·a.</summary>
    private static void MultiplyAdd(ReadOnlySpan<double> a, double c, Span<double> result)
    {
        var n = a.Length;
        var i = 0;
        var vc = Vector256.Create(c);
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rr = ref MemoryMarshal.GetReference(result);
        for (; i <= n - 4; i += 4)
        {
            (Vector256.LoadUnsafe(ref rr, (nuint)i) + (Vector256.LoadUnsafe(ref ra, (nuint)i) * vc)).StoreUnsafe(ref rr, (nuint)i);
        }

        for (; i < n; i++)
        {
            result[i] += a[i] * c;
        }
    }

    private bool Cholesky(int p)
    {
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = _xtwx[(i * p) + j];
                for (var c = 0; c < j; c++)
                {
                    s -= _chol[(i * p) + c] * _chol[(j * p) + c];
                }

                if (i == j)
                {
                    if (!(s > 1e-12 * Math.Max(1, _xtwx[(i * p) + i])))
                    {
                        return false;
                    }

                    _chol[(i * p) + i] = Math.Sqrt(s);
                }
                else
                {
                    _chol[(i * p) + j] = s / _chol[(j * p) + j];
                }
            }
        }

        return true;
    }
}
