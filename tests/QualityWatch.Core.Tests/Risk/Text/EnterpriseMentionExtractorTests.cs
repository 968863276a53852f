using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Core.Tests.Risk.Text;

public class EnterpriseMentionExtractorTests
{
    [Theory]
    [InlineData("我在淘宝买的东莞市某某医疗用品有限公司生产的口罩", "东莞市某某医疗用品有限公司")]
    [InlineData("投诉河北XX防护用品厂，卖假货", "河北XX防护用品厂")]
    [InlineData("当事人仙桃市恒达无纺布制品有限公司生产熔喷布", "仙桃市恒达无纺布制品有限公司")]
    [InlineData("涉事产品来自3M公司", "3M公司")]
    [InlineData("受检单位苏州市鑫泰非织造布经营部，熔喷布过滤效率不合格", "苏州市鑫泰非织造布经营部")]
    [InlineData("被抽样单位：长垣县乐康医疗器械厂", "长垣县乐康医疗器械厂")]
    [InlineData("标称生产企业东莞市某某医疗用品有限公司", "东莞市某某医疗用品有限公司")]
    public void Finds_named_enterprises(string text, string name)
    {
        var mention = Assert.Single(EnterpriseMentionExtractor.Extract(text));
        Assert.Equal((name, EnterpriseMentionKind.Named), (mention.Name, mention.Kind));
        Assert.Equal(name, text.Substring(mention.Start, mention.Length));
    }

    [Fact]
    public void Finds_informal_producers_as_leads()
    {
        var mention = Assert.Single(EnterpriseMentionExtractor.Extract("网曝一家位于保定的无名作坊用回收料生产口罩"));
        Assert.Equal(("一家位于保定的无名作坊", EnterpriseMentionKind.Informal), (mention.Name, mention.Kind));
    }

    [Theory]
    [InlineData("该公司拒绝退款，快递公司也不管")]
    [InlineData("厂家不承认，产品出厂检验报告也没有")]
    [InlineData("电商平台公司客服态度差")]
    public void Ignores_generic_references(string text) => Assert.Empty(EnterpriseMentionExtractor.Extract(text));

    [Fact]
    public void Offsets_survive_traditional_and_full_width_text()
    {
        const string text = "購買了　東莞市ＡＢ醫療用品有限公司的口罩";
        var mention = Assert.Single(EnterpriseMentionExtractor.Extract(text));
        Assert.Equal("东莞市AB医疗用品有限公司", mention.Name);
        Assert.Equal("東莞市ＡＢ醫療用品有限公司", text.Substring(mention.Start, mention.Length));
    }
}
