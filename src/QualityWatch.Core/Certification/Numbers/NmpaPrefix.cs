namespace QualityWatch.Core.Certification.Numbers;

/// <summary>The issuing authority written before 械注 / 械备 / 药监械: 国, a province, or a province plus a city.</summary>
internal readonly record struct NmpaPrefix(int Start, string Text, string? RegionCode, bool National, bool HasCity, NumberProblem? Problem)
{
    /// <summary>
    /// Reads backwards from the keyword because a regex cannot tell "号国" (label + 国) from "浙温" (province + city)
    /// without knowing which characters are provinces.
    /// </summary>
    public static NmpaPrefix Read(string text, int keywordIndex, bool allowCity)
    {
        var c1 = keywordIndex >= 1 ? text[keywordIndex - 1] : '\0';
        var c0 = keywordIndex >= 2 ? text[keywordIndex - 2] : '\0';
        if (c1 == '国')
            return new(keywordIndex - 1, "国", null, true, false, null);
        // The city's short name can itself be a province name (苏苏械备: Jiangsu, Suzhou), so only c0 decides.
        if (allowCity && ChinaProvinces.IsCjk(c1) && IsProvinceLike(c0))
        {
            var code = Region(c0);
            return new(keywordIndex - 2, $"{c0}{c1}", code, false, true, AlternativeProblem(c0));
        }
        if (IsProvinceLike(c1))
            return new(keywordIndex - 1, c1.ToString(), Region(c1), false, false, AlternativeProblem(c1));
        if (ChinaProvinces.IsCjk(c1))
        {
            return new(keywordIndex - 1, c1.ToString(), null, false, false, Numbers.Problem.Critical("authority-unknown",
                $"“{c1}”不是“国”或省级简称", $"'{c1}' is neither 国 nor a province short name"));
        }
        return new(keywordIndex, string.Empty, null, false, false, Numbers.Problem.Critical("authority-missing",
            "缺少发证机关简称（国或省级简称）", "the issuing authority (国 or a province short name) is missing"));
    }

    private static bool IsProvinceLike(char c) => ChinaProvinces.IsProvince(c) || ChinaProvinces.AlternativeNames.ContainsKey(c);

    private static string? Region(char c) =>
        ChinaProvinces.ShortNames.TryGetValue(c, out var code) || ChinaProvinces.AlternativeNames.TryGetValue(c, out code) ? code : null;

    private static NumberProblem? AlternativeProblem(char c) => ChinaProvinces.AlternativeNames.ContainsKey(c)
        ? Numbers.Problem.Warning("authority-alternative-name", $"“{c}”不是医疗器械编号通常使用的省级简称", $"'{c}' is not the province short name usually printed on device numbers")
        : null;
}
