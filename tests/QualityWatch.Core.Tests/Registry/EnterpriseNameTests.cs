using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Core.Registry.Names;

namespace QualityWatch.Core.Tests.Registry;

public sealed class EnterpriseNameTests
{
    [Theory]
    [InlineData("深圳市康洁医疗用品有限公司", "深圳市康洁医疗用品")]
    [InlineData("深圳市康潔醫療用品有限公司", "深圳市康洁医疗用品")]           // traditional → simplified
    [InlineData("深圳市康洁医疗用品股份有限公司", "深圳市康洁医疗用品")]       // the longer legal form wins
    [InlineData("（深圳）康洁　医疗用品有限公司", "深圳康洁医疗用品")]         // full-width brackets and space
    [InlineData("ＡＢＣ口罩厂", "ABC口罩")]                                     // full-width Latin
    [InlineData("Shenzhen Kangjie Medical Co., Ltd.", "SHENZHENKANGJIEMEDICAL")]
    [InlineData("康洁医疗用品有限公司深圳分公司", "康洁医疗用品有限公司深圳")]   // only trailing forms are stripped
    public void Normalise_folds_what_differs_between_how_a_name_is_registered_and_how_it_is_quoted(string input, string expected) =>
        Assert.Equal(expected, EnterpriseName.Normalise(input));

    [Fact]
    public void A_legal_form_alone_is_not_stripped_to_nothing() =>
        Assert.Equal("公司", EnterpriseName.Normalise("公司"));

    [Fact]
    public void Grams_are_the_distinct_bigrams_and_a_single_character_is_its_own_gram()
    {
        Assert.Equal(["康洁", "洁医", "医疗"], EnterpriseNameIndex.Grams("康洁医疗"));
        Assert.Equal(["口罩", "罩口"], EnterpriseNameIndex.Grams("口罩口罩"));
        Assert.Equal(["罩"], EnterpriseNameIndex.Grams("罩"));
    }
}
