namespace QualityWatch.Signals.Tests;

public class GoldenFarringtonTests
{
    public static IEnumerable<object[]> Files => GoldenData.FilesOf("farringtonFlexible");

    internal static FarringtonOptions OptionsFrom(Dictionary<string, string> c)
    {
        var limit = c.S("limit54", "5/4").Split('/');
        return new FarringtonOptions
        {
            B = c.I("b", 5),
            W = c.I("w", 3),
            NoPeriods = c.I("noPeriods", 1),
            Reweight = c.B("reweight", true),
            WeightsThreshold = c.D("weightsThreshold", 2.58),
            PastWeeksNotIncluded = c.ContainsKey("pastWeeksNotIncluded") ? c.I("pastWeeksNotIncluded", 0) : null,
            Trend = c.B("trend", true),
            PThresholdTrend = c.D("pThresholdTrend", 0.05),
            ThresholdMethod = c.S("thresholdMethod", "delta") switch
            {
                "nbPlugin" => FarringtonThresholdMethod.NbPlugin,
                "muan" => FarringtonThresholdMethod.Muan,
                _ => FarringtonThresholdMethod.Delta,
            },
            PowerTransform = c.S("powertrans", "2/3") switch
            {
                "1/2" => FarringtonPowerTransform.Half,
                "none" => FarringtonPowerTransform.None,
                _ => FarringtonPowerTransform.TwoThirds,
            },
            Alpha = c.D("alpha", 0.05),
            Limit54Cases = int.Parse(limit[0], System.Globalization.CultureInfo.InvariantCulture),
            Limit54Weeks = int.Parse(limit[1], System.Globalization.CultureInfo.InvariantCulture),
            PopulationOffset = c.B("populationOffset", false),
            RCompat = true,
        };
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void MatchesR(string file)
    {
        var options = OptionsFrom(GoldenData.Configs[file].Control);
        GoldenComparer.Check(file, (s, _) => new FarringtonFlexible(options, s.Freq), compareExpected: true);
    }
}
