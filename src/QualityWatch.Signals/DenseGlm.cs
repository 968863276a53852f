using MathNet.Numerics;

namespace QualityWatch.Signals;

/// <summary>
/// Small dense log-link GLM (Poisson or negative binomial with known θ) fitted by IRLS exactly as R's glm.fit,
/// and MASS::glm.nb (θ by maximum likelihood). Used for the in-control means of CUSUM and GLR.
/// </summary>
internal sealed class DenseGlm
{
    private const double Eps = 2.220446049250313e-16;

    private readonly double[,] _x;
    private readonly double[] _y;
    private readonly int _n;
    private readonly int _p;

    public DenseGlm(double[,] x, double[] y)
    {
        _x = x;
        _y = y;
        _n = y.Length;
        _p = x.GetLength(1);
        Beta = new double[_p];
        Mu = new double[_n];
    }

    public double[] Beta { get; }

    public double[] Mu { get; }

    public bool Converged { get; private set; }

    public double Theta { get; private set; } = double.PositiveInfinity;

    /// <summary>glm.fit with family poisson (θ = ∞) or negative.binomial(θ); optional etastart.</summary>
    public bool Fit(double theta, double[]? etaStart = null)
    {
        var n = _n;
        var p = _p;
        var eta = new double[n];
        var mu = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (etaStart != null)
            {
                eta[i] = etaStart[i];
                mu[i] = Math.Max(Math.Exp(eta[i]), Eps);
            }
            else
            {
                mu[i] = double.IsPositiveInfinity(theta) ? _y[i] + 0.1 : _y[i] + (_y[i] == 0 ? 1.0 / 6 : 0);
                eta[i] = Math.Log(mu[i]);
            }
        }

        var devOld = Deviance(mu, theta);
        var xtwx = new double[p, p];
        var xtwz = new double[p];
        var beta = new double[p];
        Converged = false;
        for (var iter = 1; iter <= 25; iter++)
        {
            Array.Clear(xtwx);
            Array.Clear(xtwz);
            for (var i = 0; i < n; i++)
            {
                var me = Math.Max(Math.Exp(eta[i]), Eps);
                var variance = double.IsPositiveInfinity(theta) ? mu[i] : mu[i] + (mu[i] * mu[i] / theta);
                var w = me * me / variance;
                var z = eta[i] + ((_y[i] - mu[i]) / me);
                for (var a = 0; a < p; a++)
                {
                    var xa = _x[i, a] * w;
                    xtwz[a] += xa * z;
                    for (var b = 0; b <= a; b++)
                    {
                        xtwx[a, b] += xa * _x[i, b];
                    }
                }
            }

            if (!Solve(xtwx, xtwz, beta))
            {
                return false;
            }

            for (var i = 0; i < n; i++)
            {
                var e = 0.0;
                for (var a = 0; a < p; a++)
                {
                    e += _x[i, a] * beta[a];
                }

                eta[i] = e;
                mu[i] = Math.Max(Math.Exp(e), Eps);
            }

            var dev = Deviance(mu, theta);
            if (!double.IsFinite(dev))
            {
                return false;
            }

            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < 1e-8)
            {
                Converged = true;
                break;
            }

            devOld = dev;
        }

        Array.Copy(beta, Beta, p);
        Array.Copy(mu, Mu, n);
        Theta = theta;
        return true;
    }

    /// <summary>MASS::glm.nb with default control (maxit 25, epsilon 1e-8), log link, unit weights.</summary>
    public bool FitNegativeBinomial()
    {
        if (!Fit(double.PositiveInfinity))
        {
            return false;
        }

        var mu = (double[])Mu.Clone();
        var th = ThetaMl(_y, mu, 25);
        var d1 = Math.Sqrt(2 * Math.Max(1, _n - _p));
        const double d2 = 1;
        var del = 1.0;
        var lm = LogLik(th, mu);
        var lm0 = lm + (2 * d1);
        var iter = 0;
        while (++iter <= 25 && ((Math.Abs(lm0 - lm) / d1) + (Math.Abs(del) / d2)) > 1e-8)
        {
            var eta = new double[_n];
            for (var i = 0; i < _n; i++)
            {
                eta[i] = Math.Log(mu[i]);
            }

            if (!Fit(th, eta))
            {
                return false;
            }

            var t0 = th;
            th = ThetaMl(_y, mu, 25); // MASS uses the previous means here
            Array.Copy(Mu, mu, _n);
            del = t0 - th;
            lm0 = lm;
            lm = LogLik(th, mu);
        }

        Theta = th;
        return true;
    }

    public double Predict(ReadOnlySpan<double> row)
    {
        var e = 0.0;
        for (var a = 0; a < _p; a++)
        {
            e += row[a] * Beta[a];
        }

        return Math.Max(Math.Exp(e), Eps);
    }

    private double LogLik(double th, double[] mu)
    {
        var s = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var y = _y[i];
            s += SpecialFunctions.GammaLn(th + y) - SpecialFunctions.GammaLn(th) - SpecialFunctions.GammaLn(y + 1)
                + (th * Math.Log(th)) + (y * Math.Log(mu[i] + (y == 0 ? 1 : 0))) - ((th + y) * Math.Log(th + mu[i]));
        }

        return s;
    }

    /// <summary>MASS::theta.ml.</summary>
    private static double ThetaMl(double[] y, double[] mu, int limit)
    {
        var n = (double)y.Length;
        var eps = Math.Pow(Eps, 0.25);
        var s = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var r = (y[i] / mu[i]) - 1;
            s += r * r;
        }

        var t0 = n / s;
        var it = 0;
        var del = 1.0;
        while (++it < limit && Math.Abs(del) > eps)
        {
            t0 = Math.Abs(t0);
            double score = 0, info = 0;
            for (var i = 0; i < y.Length; i++)
            {
                var th = t0;
                score += SpecialFunctions.DiGamma(th + y[i]) - SpecialFunctions.DiGamma(th) + Math.Log(th) + 1 - Math.Log(th + mu[i]) - ((y[i] + th) / (mu[i] + th));
                info += -Trigamma(th + y[i]) + Trigamma(th) - (1 / th) + (2 / (mu[i] + th)) - ((y[i] + th) / ((mu[i] + th) * (mu[i] + th)));
            }

            del = score / info;
            t0 += del;
        }

        return Math.Max(t0, 0);
    }

    /// <summary>Trigamma function ψ′(x) for x &gt; 0 (recurrence to x ≥ 10, then the asymptotic series).</summary>
    internal static double Trigamma(double x)
    {
        var acc = 0.0;
        while (x < 10)
        {
            acc += 1 / (x * x);
            x += 1;
        }

        var x2 = 1 / (x * x);
        var series = (1 / x) + (x2 / 2) + (1 / x * x2 * ((1.0 / 6) - (x2 * ((1.0 / 30) - (x2 * ((1.0 / 42) - (x2 * ((1.0 / 30) - (x2 * 5.0 / 66)))))))));
        return acc + series;
    }

    private double Deviance(double[] mu, double theta)
    {
        var d = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var y = _y[i];
            if (double.IsPositiveInfinity(theta))
            {
                d += y > 0 ? (y * Math.Log(y / mu[i])) - (y - mu[i]) : mu[i];
            }
            else
            {
                d += (y * Math.Log(Math.Max(1, y) / mu[i])) - ((y + theta) * Math.Log((y + theta) / (mu[i] + theta)));
            }
        }

        return 2 * d;
    }

    /// <summary>Solves the symmetric positive definite system (lower triangle given) by Cholesky.</summary>
    private static bool Solve(double[,] a, double[] b, double[] x)
    {
        var p = b.Length;
        var l = new double[p, p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    if (!(s > 0))
                    {
                        return false;
                    }

                    l[i, i] = Math.Sqrt(s);
                }
                else
                {
                    l[i, j] = s / l[j, j];
                }
            }
        }

        var yv = new double[p];
        for (var i = 0; i < p; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++)
            {
                s -= l[i, k] * yv[k];
            }

            yv[i] = s / l[i, i];
        }

        for (var i = p - 1; i >= 0; i--)
        {
            var s = yv[i];
            for (var k = i + 1; k < p; k++)
            {
                s -= l[k, i] * x[k];
            }

            x[i] = s / l[i, i];
        }

        return true;
    }

    /// <summary>Design row: intercept, optional trend (centred), S harmonics of period <paramref name="period"/>.</summary>
    internal static void HarmonicRow(Span<double> row, double t, double tCentre, bool trend, int harmonics, double period)
    {
        var c = 0;
        row[c++] = 1;
        if (trend)
        {
            row[c++] = t - tCentre;
        }

        for (var s = 1; s <= harmonics; s++)
        {
            row[c++] = Math.Cos(2 * s * Math.PI / period * t);
            row[c++] = Math.Sin(2 * s * Math.PI / period * t);
        }
    }

    internal static int Columns(bool trend, int harmonics) => 1 + (trend ? 1 : 0) + (2 * harmonics);
}
