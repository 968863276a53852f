using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace QualityWatch.Signals;

/// <summary>
/// MGPS two-gamma-mixture prior (DuMouchel 1999): λ ~ P·Gamma(α₁, β₁) + (1 − P)·Gamma(α₂, β₂) (rate β).
/// Posterior quantities follow openEBGM 0.9.1 (<c>Qn</c>, <c>ebgm</c>, <c>quantBisect</c>).
/// </summary>
public sealed record MgpsPrior(double Alpha1, double Beta1, double Alpha2, double Beta2, double P)
{
    /// <summary>Starting points of the openEBGM vignette.</summary>
    private static readonly double[][] Starts =
    [
        [0.2, 0.1, 2, 4, 1.0 / 3],
        [0.1, 0.1, 10, 10, 0.2],
        [0.5, 0.5, 5, 5, 0.5],
    ];

    /// <summary>Posterior probability Qn that λ comes from the first component.</summary>
    public double Qn(double n, double e)
    {
        var l1 = LogNb(n, e, Alpha1, Beta1);
        var l2 = LogNb(n, e, Alpha2, Beta2);
        var x = Math.Log(P) + l1;
        var y = Math.Log(1 - P) + l2;
        return 1 / (1 + Math.Exp(y - x));
    }

    /// <summary>EBGM = exp(E[ln λ | n]).</summary>
    public double Ebgm(double n, double e)
    {
        var q = Qn(n, e);
        return Math.Exp((q * (SpecialFunctions.DiGamma(Alpha1 + n) - Math.Log(Beta1 + e)))
            + ((1 - q) * (SpecialFunctions.DiGamma(Alpha2 + n) - Math.Log(Beta2 + e))));
    }

    /// <summary>Posterior quantile of λ (EB05 for p = 0.05) by bisection on the mixture CDF, as openEBGM's quantBisect.</summary>
    public double Quantile(double n, double e, double p)
    {
        var q = Qn(n, e);
        double Cdf(double x) => (q * SpecialFunctions.GammaLowerRegularized(Alpha1 + n, x * (Beta1 + e)))
            + ((1 - q) * SpecialFunctions.GammaLowerRegularized(Alpha2 + n, x * (Beta2 + e)));
        double lo = 0, hi = 1;
        while (Cdf(hi) < p)
        {
            lo = hi;
            hi *= 2;
        }

        for (var i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            var mid = (lo + hi) / 2;
            if (Cdf(mid) < p)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }

    /// <summary>log of the negative binomial marginal f(n; α, β/(β + E)).</summary>
    private static double LogNb(double n, double e, double alpha, double beta) =>
        SpecialFunctions.GammaLn(alpha + n) - SpecialFunctions.GammaLn(alpha) - SpecialFunctions.GammaLn(n + 1)
        + (alpha * Math.Log(beta / (beta + e))) + (n * Math.Log(e / (beta + e)));

    /// <summary>
    /// Negative log-likelihood of the counts (all ≥ <paramref name="nStar"/>, truncated likelihood as openEBGM's
    /// <c>negLL</c> with N* = 1 when zero cells are not supplied).
    /// </summary>
    public static double NegLogLikelihood(double[] theta, ReadOnlySpan<double> n, ReadOnlySpan<double> e, int nStar = 1)
    {
        double a1 = theta[0], b1 = theta[1], a2 = theta[2], b2 = theta[3], p = theta[4];
        var ll = 0.0;
        for (var i = 0; i < n.Length; i++)
        {
            var f = (p * Math.Exp(LogNb(n[i], e[i], a1, b1))) + ((1 - p) * Math.Exp(LogNb(n[i], e[i], a2, b2)));
            if (nStar > 0)
            {
                var below = 0.0;
                for (var k = 0; k < nStar; k++)
                {
                    below += (p * Math.Exp(LogNb(k, e[i], a1, b1))) + ((1 - p) * Math.Exp(LogNb(k, e[i], a2, b2)));
                }

                f /= 1 - below;
            }

            ll += Math.Log(f);
        }

        return -ll;
    }

    /// <summary>Maximum-likelihood fit of the prior from all pairs' counts and expected counts (several starts, Nelder–Mead).</summary>
    public static MgpsPrior Fit(ReadOnlySpan<double> counts, ReadOnlySpan<double> expected, int nStar = 1)
    {
        var n = counts.ToArray();
        var e = expected.ToArray();
        MgpsPrior? best = null;
        var bestValue = double.PositiveInfinity;
        foreach (var s in Starts)
        {
            // unconstrained: log α, log β, logit P
            var x0 = Vector<double>.Build.DenseOfArray([Math.Log(s[0]), Math.Log(s[1]), Math.Log(s[2]), Math.Log(s[3]), Math.Log(s[4] / (1 - s[4]))]);
            double Objective(Vector<double> x)
            {
                var th = FromUnconstrained(x);
                var v = NegLogLikelihood(th, n, e, nStar);
                return double.IsFinite(v) ? v : 1e300;
            }

            try
            {
                var solver = new NelderMeadSimplex(1e-12, 20000);
                var r = solver.FindMinimum(ObjectiveFunction.Value(Objective), x0);
                var again = solver.FindMinimum(ObjectiveFunction.Value(Objective), r.MinimizingPoint); // restart polishes the simplex
                if (again.FunctionInfoAtMinimum.Value < bestValue)
                {
                    bestValue = again.FunctionInfoAtMinimum.Value;
                    var th = FromUnconstrained(again.MinimizingPoint);
                    best = new MgpsPrior(th[0], th[1], th[2], th[3], th[4]);
                }
            }
            catch (MaximumIterationsException)
            {
                // try the next start
            }
        }

        return best ?? throw new InvalidOperationException("MGPS prior fit failed from every starting point");
    }

    private static double[] FromUnconstrained(Vector<double> x) =>
        [Math.Exp(x[0]), Math.Exp(x[1]), Math.Exp(x[2]), Math.Exp(x[3]), 1 / (1 + Math.Exp(-x[4]))];
}
