using QualityWatch.Core.Registry.Regions;
using QualityWatch.Core.Risk.Linking;

namespace QualityWatch.Core.Tests.Risk.Linking;

public sealed class RegionGazetteerTests
{
    private static readonly RegionGazetteer Gazetteer = new(RegionSeed.Load());

    [Theory]
    [InlineData("东莞市", "4419")]
    [InlineData("广东省东莞市", "4419")]
    [InlineData("东莞", "4419")]
    [InlineData("深圳市南山区", "440305")]
    [InlineData("广东深圳", "4403")]
    [InlineData("湖北仙桃", "429004")]
    [InlineData("中山", "4420")]      // the city, not Dalian's 中山区
    [InlineData("鼓楼区", null)]       // in several cities
    [InlineData("火星", null)]
    public void Place_text_resolves_to_the_most_specific_prefix(string text, string? expected) =>
        Assert.Equal(expected, Gazetteer.Resolve(text));

    [Theory]
    [InlineData("东莞市华盛医疗用品", "华盛医疗用品", "4419")]
    [InlineData("华盛医疗用品东莞", "华盛医疗用品", "4419")]
    [InlineData("广东东莞华盛医疗用品", "华盛医疗用品", "4419")]
    [InlineData("江西进贤康洁医疗器械", "康洁医疗器械", "360124")]
    [InlineData("华盛医疗用品", "华盛医疗用品", null)]
    [InlineData("东莞市", "东莞市", null)]  // a name is never stripped to nothing
    public void Place_words_are_removed_from_names(string name, string core, string? place)
    {
        var (c, p) = Gazetteer.Strip(name);
        Assert.Equal(core, c);
        Assert.Equal(place, p);
    }

    [Fact]
    public void A_registered_name_loses_only_its_own_places()
    {
        // 泰安 is a city in Shandong, but for a Dongguan firm it is the trade name.
        Assert.Equal("泰安医疗用品", Gazetteer.Strip("东莞市泰安医疗用品", ownRegion: "441900").Core);
    }
}
