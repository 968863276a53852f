namespace QualityWatch.Signals.Tests;

/// <summary>Reference values of signals.md §7.3 (R script 03 and openEBGM 0.9.1), 4 significant digits.</summary>
public class DisproportionalityTests
{
    // a, b, c, d, PRR, PRR lo, PRR hi, ROR, ROR lo, ROR hi, chi2, chi2 Yates, Evans, IC, IC025, IC975, BCPNN E[IC], BCPNN IC025
    public static TheoryData<double[], bool> Tables => new()
    {
        { [3, 97, 20, 9880, 14.85, 4.484, 49.18, 15.28, 4.466, 52.26, 33.78, 22.68, 2.261, 0.2109, 3.455, 1.536, -0.1028], true },
        { [5, 95, 200, 9700, 2.475, 1.042, 5.88, 2.553, 1.027, 6.342, 4.378, 3.02, 1.109, -0.4185, 2.104, 0.8491, -0.4023], false },
        { [10, 490, 300, 49200, 3.3, 1.768, 6.158, 3.347, 1.771, 6.324, 15.61, 13.43, 1.544, 0.5142, 2.301, 1.355, 0.4597], true },
        { [25, 975, 500, 98500, 4.95, 3.329, 7.361, 5.051, 3.364, 7.585, 75.44, 71.67, 2.149, 1.528, 2.659, 2.027, 1.447], true },
        { [1, 99, 10, 9890, 9.9, 1.279, 76.61, 9.99, 1.267, 78.78, 7.282, 1.398, 1.298, -2.499, 2.938, 0.5129, -1.922], false },
        { [2, 998, 5, 98995, 39.6, 7.692, 203.9, 39.68, 7.689, 204.7, 53.75, 29.51, 2.133, -0.4557, 3.493, 1.313, -0.7438], false },
        { [50, 950, 1000, 98000, 4.95, 3.752, 6.531, 5.158, 3.855, 6.901, 151.7, 147.9, 2.199, 1.771, 2.571, 2.134, 1.717], true },
        { [8, 92, 40, 9860, 19.8, 9.512, 41.21, 21.43, 9.764, 47.06, 119.6, 104.2, 3.117, 1.948, 3.945, 2.53, 1.443], true },
        { [100, 9900, 2000, 988000, 4.95, 4.053, 6.045, 4.99, 4.078, 6.106, 300.8, 297, 2.225, 1.928, 2.494, 2.191, 1.901], true },
    };

    private static void Sig4(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 5.5e-4 * Math.Abs(expected) + 1e-4, $"{what}: expected {expected}, got {actual}");

    [Theory]
    [MemberData(nameof(Tables))]
    public void MatchesReferenceTable(double[] v, bool evans)
    {
        var r = Disproportionality.Compute(new TwoByTwo(v[0], v[1], v[2], v[3]));
        Sig4(v[4], r.Prr, "PRR");
        Sig4(v[5], r.PrrLower, "PRR lower");
        Sig4(v[6], r.PrrUpper, "PRR upper");
        Sig4(v[7], r.Ror, "ROR");
        Sig4(v[8], r.RorLower, "ROR lower");
        Sig4(v[9], r.RorUpper, "ROR upper");
        Sig4(v[10], r.Chi2, "chi2");
        Sig4(v[11], r.Chi2Yates, "chi2 Yates");
        Sig4(v[12], r.Ic, "IC");
        Sig4(v[13], r.Ic025, "IC025");
        Sig4(v[14], r.Ic975, "IC975");
        Sig4(v[15], r.BcpnnIc, "BCPNN E[IC]");
        Sig4(v[16], r.BcpnnIc025, "BCPNN IC025");
        Assert.Equal(evans, r.Signal(DisproportionalityPreset.Evans));
    }

    [Fact]
    public void YatesChiSquareIsClippedAtZero()
    {
        // |ad - bc| = 0 < N/2: R's chisq.test(correct = TRUE) gives exactly 0
        var r = Disproportionality.Compute(new TwoByTwo(10, 90, 100, 900));
        Assert.Equal(0, r.Chi2Yates);
        Assert.Equal(0, r.Chi2);
    }

    // N, E, Qn, EBGM, EB05, EB95 for theta = (0.2, 0.1, 2, 4, 1/3)
    public static TheoryData<double[]> Ebgm => new()
    {
        { [1, 0.5, 0.2490632, 0.68299, 0.177505, 3.162139] },
        { [3, 0.2, 0.9639165, 8.38035, 2.046515, 21.80644] },
        { [5, 4, 0.2096611, 0.874326, 0.422907, 1.741284] },
        { [10, 3.5, 0.8045460, 2.414331, 1.213767, 4.305316] },
        { [25, 5, 0.9990719, 4.841231, 3.435887, 6.663264] },
        { [1, 0.01, 0.6425078, 2.903414, 0.291696, 26.4266] },
        { [2, 0.1, 0.8848908, 6.606078, 0.76991, 24.560428] },
        { [50, 10, 0.9998211, 4.920619, 3.874784, 6.177588] },
        { [8, 1.2, 0.9933995, 5.88138, 3.086982, 10.303166] },
        { [100, 50, 0.7193205, 1.958405, 1.648025, 2.313546] },
    };

    [Theory]
    [MemberData(nameof(Ebgm))]
    public void EbgmMatchesOpenEbgmWithFixedPrior(double[] v)
    {
        var prior = new MgpsPrior(0.2, 0.1, 2, 4, 1.0 / 3);
        static void Sig6(double e, double a, string w) => Assert.True(Math.Abs(e - a) <= 5e-6 * Math.Abs(e) + 1e-7, $"{w}: expected {e}, got {a}");
        Sig6(v[2], prior.Qn(v[0], v[1]), "Qn");
        Sig6(v[3], prior.Ebgm(v[0], v[1]), "EBGM");
        Sig6(v[4], prior.Quantile(v[0], v[1], 0.05), "EB05");
        Sig6(v[5], prior.Quantile(v[0], v[1], 0.95), "EB95");
    }

    [Fact]
    public void PriorFitRecoversSimulatedHyperparameters()
    {
        // counts from the MGPS model with a known prior; the ML fit must beat the truth's likelihood and be close to it
        var truth = new MgpsPrior(0.5, 0.3, 3, 2.5, 0.2);
        var rng = new Random(11);
        var n = new List<double>();
        var e = new List<double>();
        while (n.Count < 4000)
        {
            var ei = Math.Exp((rng.NextDouble() * 4) - 2);
            var lambda = rng.NextDouble() < truth.P ? GammaDraw(rng, truth.Alpha1, truth.Beta1) : GammaDraw(rng, truth.Alpha2, truth.Beta2);
            var k = BehaviourTests.Poisson(rng, lambda * ei);
            if (k >= 1)
            {
                n.Add(k);
                e.Add(ei);
            }
        }

        var fit = MgpsPrior.Fit(n.ToArray(), e.ToArray());
        var llFit = MgpsPrior.NegLogLikelihood([fit.Alpha1, fit.Beta1, fit.Alpha2, fit.Beta2, fit.P], n.ToArray(), e.ToArray());
        var llTrue = MgpsPrior.NegLogLikelihood([truth.Alpha1, truth.Beta1, truth.Alpha2, truth.Beta2, truth.P], n.ToArray(), e.ToArray());
        Assert.True(llFit <= llTrue + 1e-6, $"fit {llFit} vs truth {llTrue}");
        // the mixture components are weakly identified, but the shrinkage estimates they imply are not
        foreach (var (nn, ee) in new[] { (1.0, 0.5), (3.0, 0.2), (10.0, 3.5), (25.0, 5.0) })
        {
            var a = fit.Ebgm(nn, ee);
            var b = truth.Ebgm(nn, ee);
            Assert.True(Math.Abs(a - b) <= 0.1 * b, $"EBGM({nn}, {ee}): fit {a}, truth {b}");
        }
    }

    private static double GammaDraw(Random rng, double shape, double rate)
    {
        // Marsaglia-Tsang (scale = 1/rate)
        var d = (shape < 1 ? shape + 1 : shape) - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            var x = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            var v = 1 + (c * x);
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            if (Math.Log(rng.NextDouble()) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                var g = d * v / rate;
                return shape < 1 ? g * Math.Pow(rng.NextDouble(), 1 / shape) : g;
            }
        }
    }
}
