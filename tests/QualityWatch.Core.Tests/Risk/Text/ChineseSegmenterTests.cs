using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Core.Tests.Risk.Text;

public class ChineseSegmenterTests
{
    [Fact]
    public void Keeps_domain_terms_whole_with_offsets_in_the_original()
    {
        var text = ChineseText.Normalise("网曝保定黑作坊用回收的熔喷布生产ｋｎ９５  医用防护口罩");
        var tokens = ChineseSegmenter.Shared.Segment(text);
        var words = tokens.Select(t => t.Text).ToList();
        Assert.Contains("熔喷布", words);
        Assert.Contains("黑作坊", words);
        Assert.Contains("KN95", words);
        Assert.Contains("医用防护口罩", words);
        foreach (var token in tokens)
            Assert.Equal(token.Text, ChineseText.Normalise(text.Original.Substring(token.Start, token.Length)).Text);
    }

    [Fact]
    public void Segments_from_many_threads_with_the_same_result()
    {
        const string sample = "东莞市某某医疗用品有限公司生产的医用外科口罩细菌过滤效率不合格";
        var expected = ChineseSegmenter.Shared.Segment(ChineseText.Normalise(sample)).Select(t => t.Text).ToList();
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = string.Join('/', ChineseSegmenter.Shared.Segment(ChineseText.Normalise(sample)).Select(t => t.Text)));
        Assert.All(results, r => Assert.Equal(string.Join('/', expected), r));
    }
}
