using QualityWatch.Core.Risk.Linking;

namespace QualityWatch.Core.Tests.Risk.Linking;

public sealed class EnterpriseLinkerTests
{
    private static readonly EnterpriseLinker Linker = new(FixtureSet.Directory());

    [Fact]
    public void An_exact_code_links_with_near_certainty()
    {
        var r = Linker.Link(new LinkQuery("91441900MA4W1JXK4C", null));
        Assert.Equal((1L, LinkMethod.CreditCode), (r.EnterpriseId!.Value, r.Method));
        Assert.True(r.Confidence >= 0.99);
    }

    [Fact]
    public void A_code_failing_its_check_is_repaired_only_when_the_name_agrees()
    {
        var agreeing = Linker.Link(new LinkQuery("91441900MA4W1JXK4D", "东莞华盛医疗用品"));
        Assert.Equal((1L, LinkMethod.CreditCodeCorrected), (agreeing.EnterpriseId!.Value, agreeing.Method));

        // The repair names 华盛 but the record names 瑞祥: the name is trusted, not the repaired code.
        var disagreeing = Linker.Link(new LinkQuery("91441900MA4W1JXK4D", "深圳市瑞祥电子科技有限公司"));
        Assert.Equal((6L, LinkMethod.ExactName), (disagreeing.EnterpriseId!.Value, disagreeing.Method));
    }

    [Fact]
    public void An_unregistered_code_is_reported_when_the_name_links()
    {
        var r = Linker.Link(new LinkQuery("91441900MA4W1JXL27", "东莞市华盛医疗用品有限公司"));
        Assert.Equal(1L, r.EnterpriseId);
        Assert.Contains("信用代码未登记", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_shared_by_firms_in_different_cities_links_only_with_a_region()
    {
        var unplaced = Linker.Link(new LinkQuery(null, "华盛医疗用品有限公司"));
        Assert.Null(unplaced.EnterpriseId);
        Assert.Equal(LinkMethod.None, unplaced.Method);
        Assert.Equal([1L, 2L, 46L], unplaced.Candidates.Select(c => c.Id).Order());
        Assert.False(unplaced.IsUnregistered);

        Assert.Equal(2L, Linker.Link(new LinkQuery(null, "华盛医疗用品有限公司", RegionText: "深圳市宝安区")).EnterpriseId);
        Assert.Equal(46L, Linker.Link(new LinkQuery(null, "华盛医疗用品有限公司", RegionCode: "350102")).EnterpriseId);
    }

    [Fact]
    public void A_typo_links_fuzzily_and_explains_itself()
    {
        var r = Linker.Link(new LinkQuery(null, "东莞市华胜医疗用品有限公司", "441900"));
        Assert.Equal((1L, LinkMethod.FuzzyName), (r.EnterpriseId!.Value, r.Method));
        Assert.InRange(r.Confidence, 0.8, 1.0);
        Assert.Contains("fuzzy", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_abbreviation_matching_two_firms_of_one_city_is_ambiguous()
    {
        var r = Linker.Link(new LinkQuery(null, "华盛医疗", "441900"));
        Assert.Null(r.EnterpriseId);
        Assert.Contains(r.Candidates, c => c.Id == 1);
        Assert.Contains(r.Candidates, c => c.Id == 51);
    }

    [Theory]
    [InlineData("李记口罩加工点", true)]
    [InlineData("东莞市华盛塑料制品厂", true)]
    [InlineData("東莞市某某口罩加工廠", true)]
    [InlineData("东莞市某某商贸有限公司", false)] // a trader, not a producer
    public void An_unmatched_producer_becomes_a_lead(string name, bool lead)
    {
        var r = Linker.Link(new LinkQuery(null, name, "441900"));
        Assert.Null(r.EnterpriseId);
        Assert.Equal(lead, r.IsUnregistered);
    }

    [Fact]
    public void Nothing_to_match_is_not_a_lead()
    {
        var r = Linker.Link(new LinkQuery(null, null));
        Assert.Null(r.EnterpriseId);
        Assert.False(r.IsUnregistered);
    }
}
