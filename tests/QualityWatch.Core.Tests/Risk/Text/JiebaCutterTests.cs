using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Core.Tests.Risk.Text;

/// <summary>
/// The segmenter re-implements jieba's accurate mode and HMM for speed; it must return jieba.NET's words exactly,
/// on real texts and on strings built to hit the odd cases (characters the HMM never saw, Latin and decimals
/// inside Han runs, punctuation, \r\n).
/// </summary>
public class JiebaCutterTests
{
    [Fact]
    public void Cuts_the_labelled_texts_exactly_as_jieba()
    {
        var segmenter = ChineseSegmenter.Shared;
        var texts = LabelledText.EmbeddedTrainingSet().Concat(EvaluationSet.Rows).Select(t => t.Text).ToList();
        Assert.True(texts.Count > 1000);
        foreach (var text in texts)
        {
            Assert.Equal(segmenter.JiebaCut(text), segmenter.Cut(text));
            var normalised = ChineseText.Normalise(text).Text;
            Assert.Equal(segmenter.JiebaCut(normalised), segmenter.Cut(normalised));
        }
    }

    [Fact]
    public void Cuts_random_strings_exactly_as_jieba()
    {
        // Common words, characters outside the HMM's tables (𠀀 is a surrogate pair; 䶮 and 鿕 are rare), Latin, digits, symbols.
        string[] pieces =
        [
            "口罩", "熔喷布", "有限公司", "东莞", "华盛", "医用", "不合格", "投诉", "的", "了", "乐", "康", "非", "鑫", "泰", "䶮", "鿕", "𠀀",
            "KN95", "n95", "3.5", "12.", ".5", "%", "-", "·", "+", "#", "&", "_", " ", "\r\n", "\n", "，", "。", "！", "Ⅱ", "٣", "ab", "X",
        ];
        var random = new Random(4);
        var segmenter = ChineseSegmenter.Shared;
        for (var n = 0; n < 20_000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 16)).Select(_ => pieces[random.Next(pieces.Length)]));
            Assert.Equal(segmenter.JiebaCut(text), segmenter.Cut(text));
            var han = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(24)]));
            Assert.Equal(ChineseSegmenter.JiebaHmmCut(han), segmenter.HmmCut(han));
        }
    }
}
