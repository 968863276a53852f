using QualityWatch.Core.Access;

namespace QualityWatch.Core.Tests.Access;

public sealed class RegionCodesTests
{
    [Theory]
    [InlineData("44", "44")]
    [InlineData("440000", "44")]
    [InlineData("4403", "4403")]
    [InlineData("440300", "4403")]
    [InlineData("440305", "440305")]
    [InlineData("100000", null)]
    [InlineData("", null)]
    public void A_region_scopes_the_subtree_of_its_short_code(string code, string? prefix) =>
        Assert.Equal(prefix, RegionCodes.ToPrefix(code));

    [Fact]
    public void A_scope_covers_its_own_subtree_only()
    {
        var shenzhen = new AccessScope().AsUser("sz", "4403", null);
        Assert.True(shenzhen.Covers("440305"));
        Assert.False(shenzhen.Covers("440106"));
        Assert.False(shenzhen.Covers("350102"));
        Assert.True(AccessScope.System().Covers("350102"));
        Assert.False(new AccessScope().AsAnonymous().Covers("440305"));
    }
}
