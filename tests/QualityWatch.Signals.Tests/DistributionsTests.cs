namespace QualityWatch.Signals.Tests;

/// <summary>Reference values from R 4.2.2 (printed with options(digits = 17)).</summary>
public class DistributionsTests
{
    [Theory]
    [InlineData(0.99, 2.3263478740408408)]
    [InlineData(0.999, 3.0902323061678132)]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(1e-10, -6.3613409024040557)]
    [InlineData(0.5 + 1e-12, 2.5065728237018611e-12)]
    public void QNormMatchesR(double p, double expected) =>
        Assert.Equal(expected, Distributions.QNorm(p), 1e-14 * Math.Max(1, Math.Abs(expected)));

    [Theory]
    [InlineData(0.99, 3.7, 9)]
    [InlineData(0.5, 1e5, 1e5)]
    [InlineData(0.999999, 0.01, 2)]
    public void QPoisMatchesR(double p, double lambda, double expected) =>
        Assert.Equal(expected, Distributions.QPois(p, lambda));

    [Theory]
    [InlineData(0.99, 2.5, 0.4, 14)]
    [InlineData(0.99, 1000, 0.9, 138)]
    [InlineData(0.95, 0.3, 0.05, 27)]
    public void QNBinomMatchesR(double p, double size, double prob, double expected) =>
        Assert.Equal(expected, Distributions.QNBinom(p, size, prob));

    [Fact]
    public void TailProbabilitiesMatchR()
    {
        Assert.Equal(0.043454619610266906, Distributions.TwoSidedT(-2.1, 33), 1e-13);
        Assert.Equal(0.88611074394106093, Distributions.PNBinom(7, 2.5, 0.4), 1e-13);
    }

    [Fact]
    public void QuantileIsSmallestValueReachingP()
    {
        for (var mu = 0.05; mu < 200; mu *= 1.7)
        {
            var q = Distributions.QPois(0.99, mu);
            Assert.True(Distributions.PPois(q, mu) >= 0.99);
            Assert.True(q == 0 || Distributions.PPois(q - 1, mu) < 0.99);
        }
    }
}
