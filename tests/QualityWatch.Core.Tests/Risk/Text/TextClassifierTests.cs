using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Core.Tests.Risk.Text;

public class TextClassifierTests
{
    private static readonly TextAnalyzer Analyzer = TextAnalyzer.Shared;

    [Theory]
    [InlineData("买的KN95口罩是假冒的，包装上的厂家查不到", "RESP-PART", ProblemType.Counterfeit)]
    [InlineData("抽检发现医用外科口罩细菌过滤效率不合格", "MASK-SURG", ProblemType.Substandard)]
    [InlineData("网曝保定黑作坊无证生产熔喷布", "FAB-MELTBLOWN", ProblemType.Unlicensed)]
    [InlineData("药店额温枪卖到八百元一把，哄抬价格", "THERMO-FORE", ProblemType.Price)]
    [InlineData("孩子戴了儿童口罩脸上起红疹", "MASK-CHILD", ProblemType.Injury)]
    [InlineData("回收旧口罩翻新后重新包装销售", null, ProblemType.Recycled)]
    [InlineData("84消毒液包装上没有生产日期和有效期", "DISINFECT", ProblemType.Labelling)]
    [InlineData("直播间宣称这款防护服能杀灭新冠，虚假宣传", "CLOTH-PROT", ProblemType.FalseAdvertising)]
    [InlineData("快递一直没到，客服也不回复", null, ProblemType.Other)]
    public void Classifies_typical_texts(string text, string? category, ProblemType problem)
    {
        var c = Analyzer.Classify(text);
        Assert.Equal((category, problem), (c.ProductCategory, c.Problem));
        Assert.InRange(c.Confidence, 0, 1);
        Assert.Equal(Analyzer.RulesVersion, c.RulesVersion);
    }

    [Fact]
    public void Negated_terms_do_not_count()
    {
        var c = Analyzer.Classify("口罩不是假的，但是戴了以后脸上过敏起疹子");
        Assert.Equal(ProblemType.Injury, c.Problem);
        var fake = Assert.Single(c.Terms, t => t.Term == "不是假的");
        Assert.True(fake.Weight < 0);
        Assert.Contains(Analyzer.Classify("检查未发现假冒产品，但包装没有中文标签").Terms, t => t.Term == "假冒" && t.Negated);
    }

    [Fact]
    public void Matched_terms_point_into_the_original_text()
    {
        const string text = "醫用外科口罩　　細菌過濾效率不合格";
        var c = Analyzer.Classify(text);
        Assert.NotEmpty(c.Terms);
        foreach (var term in c.Terms)
            Assert.Equal(term.Term, ChineseText.Normalise(text.Substring(term.Start, term.Length)).Text.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Contains(c.Terms, t => t.Term == "细菌过滤效率" && t.Supports == nameof(ProblemType.Substandard));
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var a = TextClassifier.CreateDefault();
        var b = TextClassifier.CreateDefault();
        foreach (var row in EvaluationSet.Rows.Take(100))
        {
            var x = a.Classify(ChineseText.Normalise(row.Text));
            var y = b.Classify(ChineseText.Normalise(row.Text));
            Assert.Equal((x.ProductCategory, x.Problem, x.Confidence), (y.ProductCategory, y.Problem, y.Confidence));
        }
    }

    [Fact]
    public void Analyze_returns_every_part_with_offsets_in_title_plus_text()
    {
        var a = Analyzer.Analyze("投诉：假冒KN95", "东莞市某某医疗用品有限公司生产的KN95口罩，批号：20200315A，注册证号粤械注准20202140123");
        Assert.Equal("投诉：假冒KN95\n".Length, a.TextOffset);
        Assert.Equal(ProblemType.Counterfeit, a.Classification.Problem);
        Assert.Equal("RESP-PART", a.Classification.ProductCategory);
        Assert.Contains(a.Tokens, t => t.Text == "KN95");
        Assert.Contains(a.Identifiers, i => i.Kind == IdentifierKind.BatchNumber && i.Value == "20200315A");
        Assert.Contains(a.Identifiers, i => i.Kind == IdentifierKind.MedicalDeviceRegistration && i.Valid);
        var e = Assert.Single(a.Enterprises);
        Assert.Equal("东莞市某某医疗用品有限公司", a.Original.Substring(e.Start, e.Length));
    }
}
