using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace QualityWatch.Signals;

/// <summary>A 2×2 report table for one product × problem pair.</summary>
/// <param name="A">Reports with the product and the problem.</param>
/// <param name="B">Reports with the product and other problems.</param>
/// <param name="C">Reports with other products and the problem.</param>
/// <param name="D">Reports with other products and other problems.</param>
public readonly record struct TwoByTwo(double A, double B, double C, double D)
{
    /// <summary>Total reports.</summary>
    public double N => A + B + C + D;

    /// <summary>Expected count under independence, (a + b)(a + c)/N.</summary>
    public double Expected => (A + B) * (A + C) / N;
}

/// <summary>Signal rule presets.</summary>
public enum DisproportionalityPreset
{
    /// <summary>Evans et al. 2001 (MHRA PRR rule): PRR ≥ 2, χ²(Yates) ≥ 4, a ≥ 3.</summary>
    Evans,

    /// <summary>EMA EudraVigilance: lower 95 % bound of the ROR &gt; 1 and a ≥ 3.</summary>
    Ema,

    /// <summary>MHRA empirical Bayes rule: EB05 ≥ 1.8, EBGM ≥ 2.5, a ≥ 3.</summary>
    Mhra,
}

/// <summary>All disproportionality measures of one pair (NaN where undefined, e.g. PRR with c = 0).</summary>
public sealed record DisproportionalityResult(
    TwoByTwo Table,
    double Prr, double PrrLower, double PrrUpper,
    double Ror, double RorLower, double RorUpper,
    double Chi2, double Chi2Yates,
    double Ic, double Ic025, double Ic975,
    double BcpnnIc, double BcpnnIc025,
    double Ebgm, double Eb05, double Eb95)
{
    /// <summary>Whether the pair signals under <paramref name="preset"/>.</summary>
    public bool Signal(DisproportionalityPreset preset) => preset switch
    {
        DisproportionalityPreset.Evans => Prr >= 2 && Chi2Yates >= 4 && Table.A >= 3,
        DisproportionalityPreset.Ema => RorLower > 1 && Table.A >= 3,
        _ => Eb05 >= 1.8 && Ebgm >= 2.5 && Table.A >= 3,
    };
}

/// <summary>Frequentist and Bayesian disproportionality measures (signals.md §7).</summary>
public static class Disproportionality
{
    private const double Z975 = 1.96;

    /// <summary>Computes every measure; EBGM needs a fitted <paramref name="prior"/> (NaN without).</summary>
    public static DisproportionalityResult Compute(TwoByTwo t, MgpsPrior? prior = null)
    {
        double a = t.A, b = t.B, c = t.C, d = t.D, n = t.N, e = t.Expected;
        var prr = a / (a + b) / (c / (c + d));
        var sePrr = Math.Sqrt((1 / a) - (1 / (a + b)) + (1 / c) - (1 / (c + d)));
        var ror = a * d / (b * c);
        var seRor = Math.Sqrt((1 / a) + (1 / b) + (1 / c) + (1 / d));
        var margins = (a + b) * (c + d) * (a + c) * (b + d);
        var diff = (a * d) - (b * c);
        var chi2 = n * diff * diff / margins;
        var yates = Math.Max(0, Math.Abs(diff) - (n / 2));
        var chi2Yates = n * yates * yates / margins;

        // IC, shrinkage form (Norén et al. 2013): Gamma(a + 1/2, rate E + 1/2) posterior
        var ic = Math.Log2((a + 0.5) / (e + 0.5));
        var ic025 = Math.Log2(Gamma.InvCDF(a + 0.5, e + 0.5, 0.025));
        var ic975 = Math.Log2(Gamma.InvCDF(a + 0.5, e + 0.5, 0.975));

        // original BCPNN (PhViD)
        double ni = a + b, nj = a + c;
        double p1 = 1 + ni, p2 = 1 + n - ni, q1 = 1 + nj, q2 = 1 + n - nj, r1 = 1 + a;
        var r2 = n - a - 1 + ((2 + n) * (2 + n) / (q1 * p1));
        var eic = (SpecialFunctions.DiGamma(r1) - SpecialFunctions.DiGamma(r1 + r2)
            - (SpecialFunctions.DiGamma(p1) - SpecialFunctions.DiGamma(p1 + p2) + SpecialFunctions.DiGamma(q1) - SpecialFunctions.DiGamma(q1 + q2))) / Math.Log(2);
        var vic = (DenseGlm.Trigamma(r1) - DenseGlm.Trigamma(r1 + r2) + DenseGlm.Trigamma(p1) - DenseGlm.Trigamma(p1 + p2)
            + DenseGlm.Trigamma(q1) - DenseGlm.Trigamma(q1 + q2)) / (Math.Log(2) * Math.Log(2));

        double ebgm = double.NaN, eb05 = double.NaN, eb95 = double.NaN;
        if (prior is not null)
        {
            ebgm = prior.Ebgm(a, e);
            eb05 = prior.Quantile(a, e, 0.05);
            eb95 = prior.Quantile(a, e, 0.95);
        }

        return new DisproportionalityResult(t,
            prr, Math.Exp(Math.Log(prr) - (Z975 * sePrr)), Math.Exp(Math.Log(prr) + (Z975 * sePrr)),
            ror, Math.Exp(Math.Log(ror) - (Z975 * seRor)), Math.Exp(Math.Log(ror) + (Z975 * seRor)),
            chi2, chi2Yates, ic, ic025, ic975, eic, eic - (Z975 * Math.Sqrt(vic)), ebgm, eb05, eb95);
    }
}
