namespace QualityWatch.Core.Risk.Linking;

/// <summary>
/// Whether a name that links to nothing reads like a producer, which makes it a "possible unlicensed producer"
/// lead rather than a shop or a mis-spelt name. Trading words win over 公司: a 商贸有限公司 sells, it does not make.
/// </summary>
public static class UnlicensedLead
{
    private static readonly string[] ProducerWords = ["作坊", "加工点", "加工厂", "分装", "工厂", "厂", "车间", "制品", "制造", "生产", "实业", "公司"];
    private static readonly string[] TraderWords = ["商行", "经营部", "药房", "药店", "超市", "商贸", "贸易", "电子商务", "门市", "批发部", "百货"];

    public static bool LooksLikeProducer(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return false;
        // Complaints quote 加工廠 as often as 加工厂.
        name = string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = Registry.Names.TraditionalChinese.Map.TryGetValue(source[i], out var s) ? s : source[i];
        });
        foreach (var w in TraderWords)
        {
            if (name.Contains(w, StringComparison.Ordinal))
                return false;
        }
        foreach (var w in ProducerWords)
        {
            if (name.Contains(w, StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
