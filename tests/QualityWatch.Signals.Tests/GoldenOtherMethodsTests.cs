namespace QualityWatch.Signals.Tests;

public class GoldenOtherMethodsTests
{
    public static IEnumerable<object[]> EarsFiles => GoldenData.FilesOf("earsC");

    public static IEnumerable<object[]> CusumFiles => GoldenData.FilesOf("cusum");

    public static IEnumerable<object[]> GlrFiles => GoldenData.FilesOf("glrnb");

    [Theory]
    [MemberData(nameof(EarsFiles))]
    public void EarsMatchesR(string file)
    {
        var c = GoldenData.Configs[file].Control;
        var options = new EarsOptions
        {
            Method = Enum.Parse<EarsMethod>(c.S("method", "C1")),
            Baseline = c.I("baseline", 7),
            MinSigma = c.D("minSigma", 0),
            Alpha = c.ContainsKey("alpha") ? c.D("alpha", 0) : null,
            RCompat = true,
        };
        GoldenComparer.Check(file, (_, _) => new Ears(options), compareExpected: false);
    }

    [Theory]
    [MemberData(nameof(CusumFiles))]
    public void CusumMatchesR(string file)
    {
        var c = GoldenData.Configs[file].Control;
        var options = new CusumOptions
        {
            K = c.D("k", 1.04),
            H = c.D("h", 2.26),
            Mean = c.S("m", "") == "glm" ? CusumMean.Glm : CusumMean.TrainingMean,
            Transform = c.S("trans", "standard") switch
            {
                "rossi" => CusumTransform.Rossi,
                "anscombe" => CusumTransform.Anscombe,
                "anscombe2nd" => CusumTransform.Anscombe2nd,
                "pearsonNegBin" => CusumTransform.PearsonNegBin,
                "none" => CusumTransform.None,
                _ => CusumTransform.Standard,
            },
            Alpha = c.D("alpha", 0.1),
            RCompat = true,
        };
        GoldenComparer.Check(file, (s, _) => new Cusum(options, s.Freq), compareExpected: false);
    }

    [Theory]
    [MemberData(nameof(GlrFiles))]
    public void GlrMatchesR(string file)
    {
        var c = GoldenData.Configs[file].Control;
        var options = new GlrOptions
        {
            CArl = c.D("c.ARL", 5),
            Alpha = c.S("alpha", "NULL") == "NULL" ? null : c.D("alpha", 0),
            Harmonics = c.I("S", 1),
            Trend = c.B("trendMu0", false),
            M = c.I("M", -1),
            Output = GlrOutput.Statistic,
        };
        GoldenComparer.Check(file, (s, _) => new Glr(options, s.Freq), compareExpected: false);
    }
}
