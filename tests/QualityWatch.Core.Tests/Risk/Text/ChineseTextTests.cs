using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Core.Tests.Risk.Text;

public class ChineseTextTests
{
    [Fact]
    public void Folds_full_width_traditional_and_case_one_character_at_a_time()
    {
        var n = ChineseText.Normalise("ｋｎ９５口罩，過濾效率不合格");
        Assert.Equal("KN95口罩,过滤效率不合格", n.Text);
        Assert.Equal(n.Original.Length, n.Text.Length);
        Assert.Equal(5, n.ToOriginal(5));
    }

    [Fact]
    public void Collapses_whitespace_and_maps_offsets_back_to_the_original()
    {
        var n = ChineseText.Normalise("  熔喷布 \t\u3000 不合格  ");
        Assert.Equal("熔喷布 不合格", n.Text);
        var at = n.Text.IndexOf("不合格", StringComparison.Ordinal);
        var (start, length) = n.ToOriginalSpan(at, 3);
        Assert.Equal("不合格", n.Original.Substring(start, length));
        Assert.Equal((2, 3), n.ToOriginalSpan(0, 3));
    }

    [Fact]
    public void Empty_and_null_give_empty_text()
    {
        Assert.Equal(string.Empty, ChineseText.Normalise(null).Text);
        Assert.Equal(string.Empty, ChineseText.Normalise("   ").Text);
    }
}
