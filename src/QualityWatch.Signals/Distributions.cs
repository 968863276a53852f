using MathNet.Numerics;

namespace QualityWatch.Signals;

/// <summary>Distribution functions with R's conventions (quantiles of discrete laws are the smallest x with F(x) ≥ p).</summary>
public static class Distributions
{
    /// <summary>Above this mean, discrete quantiles use the Cornish-Fisher expansion (relative error far below 1e-6).</summary>
    private const double LargeMean = 1e6;

    /// <summary>Standard normal quantile, Wichura's AS 241 (PPND16), the algorithm of R's <c>qnorm</c>.</summary>
    public static double QNorm(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            return double.NaN;
        }

        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        var q = p - 0.5;
        double r, val;
        if (Math.Abs(q) <= .425)
        {
            r = .180625 - (q * q);
            val = q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                        + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                        + 133.14166789178437745) * r + 3.387132872796366608)
                / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r
                        + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                        + 42.313330701600911252) * r + 1.0);
            return val;
        }

        r = q < 0 ? p : 1 - p;
        r = Math.Sqrt(-Math.Log(r));
        if (r <= 5.0)
        {
            r -= 1.6;
            val = (((((((r * 7.7454501427834140764e-4 + .0227238449892691845833) * r + .24178072517745061177) * r
                        + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                        + 4.6303378461565452959) * r + 1.42343711074968357734)
                / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + .0151986665636164571966) * r
                        + .14810397642748007459) * r + .68976733498510000455) * r + 1.6763848301838038494) * r
                        + 2.05319162663775882187) * r + 1.0);
        }
        else
        {
            r -= 5.0;
            val = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + .0012426609473880784386) * r
                        + .026532189526576123093) * r + .29656057182850489123) * r + 1.7848265399172913358) * r
                        + 5.4637849111641143699) * r + 6.6579046435011037772)
                / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                        + 7.868691311456132591e-4) * r + .0148753612908506148525) * r + .13692988092273580531) * r
                        + .59983220655588793769) * r + 1.0);
        }

        return q < 0 ? -val : val;
    }

    /// <summary>Standard normal upper tail P(Z &gt; x).</summary>
    public static double PNormUpper(double x) => 0.5 * SpecialFunctions.Erfc(x / Math.Sqrt(2));

    /// <summary>Two-sided p-value of a t statistic with <paramref name="df"/> degrees of freedom: 2·P(T &gt; |t|).</summary>
    public static double TwoSidedT(double t, double df)
    {
        if (double.IsNaN(t) || !(df > 0))
        {
            return double.NaN;
        }

        var x = df / (df + (t * t));
        return SpecialFunctions.BetaRegularized(df / 2, 0.5, x);
    }

    /// <summary>Poisson CDF P(X ≤ x).</summary>
    public static double PPois(double x, double lambda)
    {
        if (x < 0)
        {
            return 0;
        }

        if (lambda == 0)
        {
            return 1;
        }

        return SpecialFunctions.GammaUpperRegularized(Math.Floor(x) + 1, lambda);
    }

    /// <summary>Negative binomial CDF P(X ≤ x) with R's (size, prob) parametrisation.</summary>
    public static double PNBinom(double x, double size, double prob)
    {
        if (x < 0)
        {
            return 0;
        }

        if (prob == 1 || size == 0)
        {
            return 1;
        }

        return SpecialFunctions.BetaRegularized(size, Math.Floor(x) + 1, prob);
    }

    /// <summary>Poisson quantile: smallest integer x with P(X ≤ x) ≥ p (R <c>qpois</c>).</summary>
    public static double QPois(double p, double lambda)
    {
        if (double.IsNaN(p) || double.IsNaN(lambda) || lambda < 0)
        {
            return double.NaN;
        }

        if (lambda == 0)
        {
            return 0;
        }

        if (double.IsInfinity(lambda))
        {
            return double.PositiveInfinity;
        }

        var sigma = Math.Sqrt(lambda);
        var gamma = 1.0 / sigma;
        var z = QNorm(p);
        var start = Math.Round(lambda + (sigma * (z + (gamma * ((z * z) - 1) / 6))), MidpointRounding.ToEven);
        if (lambda > LargeMean)
        {
            // Cornish-Fisher: within about 1 count of the exact quantile, i.e. < 1e-6 relative here.
            return Math.Max(0, start);
        }

        start = Math.Max(0, start);
        return Walk(start, p, PPois(start, lambda), Math.Exp(-lambda + (start * Math.Log(lambda)) - SpecialFunctions.GammaLn(start + 1)),
            x => lambda / (x + 1)) ?? Search(start, p, x => PPois(x, lambda));
    }

    /// <summary>Negative binomial quantile (R <c>qnbinom(p, size, prob)</c>).</summary>
    public static double QNBinom(double p, double size, double prob)
    {
        if (double.IsNaN(p) || double.IsNaN(size) || double.IsNaN(prob) || prob <= 0 || prob > 1 || size < 0)
        {
            return double.NaN;
        }

        if (prob == 1 || size == 0)
        {
            return 0;
        }

        if (double.IsInfinity(size))
        {
            return double.NaN;
        }

        var mu = size * (1 - prob) / prob;
        var sigma = Math.Sqrt(size * (1 - prob)) / prob;
        var gamma = (2 - prob) / Math.Sqrt(size * (1 - prob));
        var z = QNorm(p);
        var start = Math.Round(mu + (sigma * (z + (gamma * ((z * z) - 1) / 6))), MidpointRounding.ToEven);
        if (mu > LargeMean)
        {
            return Math.Max(0, start);
        }

        if (size > 1e9)
        {
            // practically Poisson; the incomplete beta function loses accuracy for such shapes
            return QPois(p, mu);
        }

        start = Math.Max(0, start);
        var logPmf = SpecialFunctions.GammaLn(start + size) - SpecialFunctions.GammaLn(size) - SpecialFunctions.GammaLn(start + 1)
            + (size * Math.Log(prob)) + (start * Math.Log(1 - prob));
        return Walk(start, p, PNBinom(start, size, prob), Math.Exp(logPmf), x => (size + x) / (x + 1) * (1 - prob))
            ?? Search(start, p, x => PNBinom(x, size, prob));
    }

    /// <summary>
    /// Quantile search from <paramref name="start"/> with one CDF evaluation, then stepping with the pmf recurrence
    /// pmf(x + 1) = pmf(x)·ratio(x). Returns null when the walk would be long or the pmf underflows (then bisection).
    /// </summary>
    private static double? Walk(double start, double p, double cdf, double pmf, Func<double, double> ratio)
    {
        var target = p * (1 + (2 * 2.220446049250313e-16));
        if (!(pmf > 1e-300) || double.IsNaN(cdf))
        {
            return null;
        }

        var y = start;
        var f = cdf;
        var d = pmf;
        if (f >= target)
        {
            for (var i = 0; i < 64 && y > 0; i++)
            {
                var below = f - d;
                if (below < target)
                {
                    return y;
                }

                d /= ratio(y - 1);
                f = below;
                y--;
            }

            return y == 0 ? 0 : null;
        }

        for (var i = 0; i < 64; i++)
        {
            d *= ratio(y);
            y++;
            f += d;
            if (f >= target)
            {
                return y;
            }
        }

        return null;
    }

    private static double Search(double start, double p, Func<double, double> cdf)
    {
        // R >= 4.2 fuzz for left continuity (lower tail, not log): p *= 1 + 2*DBL_EPSILON.
        var target = p * (1 + (2 * 2.220446049250313e-16));
        var y = double.IsFinite(start) && start > 0 ? start : 0;
        double lo, hi; // invariant: cdf(lo) < target <= cdf(hi); lo = -1 stands for "below 0"
        if (cdf(y) >= target)
        {
            hi = y;
            var step = 1.0;
            lo = y - step;
            while (lo >= 0 && cdf(lo) >= target)
            {
                hi = lo;
                step *= 2;
                lo = Math.Max(-1, hi - step);
            }

            lo = Math.Max(lo, -1);
        }
        else
        {
            lo = y;
            var step = 1.0;
            hi = y + step;
            while (cdf(hi) < target)
            {
                lo = hi;
                step *= 2;
                hi = lo + step;
                if (double.IsInfinity(hi))
                {
                    return double.PositiveInfinity;
                }
            }
        }

        while (hi - lo > 1)
        {
            var mid = Math.Floor((lo + hi) / 2);
            if (mid <= lo || mid >= hi)
            {
                break;
            }

            if (cdf(mid) >= target)
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
}
