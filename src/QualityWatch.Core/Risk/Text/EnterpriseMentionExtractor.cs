using System.Text.RegularExpressions;

namespace QualityWatch.Core.Risk.Text;

public enum EnterpriseMentionKind
{
    /// <summary>A name with a legal form (有限公司, 股份有限公司, 厂 …): link it to the registry.</summary>
    Named = 0,
    /// <summary>An unnamed or informal producer (无名作坊, 地下工厂, 加工点): a possible unlicensed-producer lead.</summary>
    Informal = 1,
}

/// <summary>An enterprise or producer named in free text. Start and Length are in the original text.</summary>
public sealed record EnterpriseMention(string Name, int Start, int Length, EnterpriseMentionKind Kind);

/// <summary>
/// Finds enterprise names in complaint and news text. A name is anchored on its legal-form suffix and
/// grows leftwards over name characters until a clause break or a word that cannot be part of a name
/// (在, 购买, 投诉 …). Precision over recall: generic references (该公司, 快递公司, 厂家) are dropped.
/// </summary>
public static partial class EnterpriseMentionExtractor
{
    // Longest first so 股份有限公司 wins over 公司.
    private static readonly string[] LeftStops =
    [
        "投诉", "举报", "反映", "购买", "买了", "买的", "购自", "来自", "网购", "下单", "销售", "生产的", "生产", "供货", "供应",
        "委托", "标称", "涉事", "涉案", "当事人", "检查", "抽检", "抽查", "查处", "查获", "查封", "发现", "对", "向", "从",
        "在", "由", "被", "是", "了", "的", "和", "与", "及", "或", "称", "经", "据", "为", "给", "将", "把", "跟", "让", "该",
        "这家", "那家", "这个", "一家", "某家", "其", "即", "系", "属", "于",
        // Labels of inspection reports and case files: 受检单位, 被抽样单位, 生产单位, 标称生产企业 ….
        "单位", "生产企业", "企业名称", "名称",
    ];

    private static readonly string[] GenericCores =
    [
        "快递", "物流", "电商", "平台", "保险", "网络", "科技", "贸易", "医疗", "生产", "制造", "代工", "加工", "外贸", "空壳",
        "皮包", "上市", "母", "子", "总", "分", "工", "药", "本", "贵", "我", "你", "他", "我们", "他们", "同一", "相关", "其他",
        "多家", "几家", "一些", "某些", "这些", "那些", "大", "小", "新", "老", "黑心", "无良", "不良", "正规",
    ];

    // 电商平台公司, 某快递公司: a kind of business, not a name.
    private static readonly string[] GenericEndings = ["平台", "快递", "物流", "电商", "网店", "店铺", "商家", "这家", "那家", "一家"];

    public static IReadOnlyList<EnterpriseMention> Extract(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Extract(ChineseText.Normalise(text));

    public static IReadOnlyList<EnterpriseMention> Extract(NormalisedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Text;
        var mentions = new List<EnterpriseMention>();
        var coveredUntil = 0;
        foreach (Match m in Informal().Matches(s))
        {
            Add(text, mentions, m.Index, m.Length, EnterpriseMentionKind.Informal);
            coveredUntil = Math.Max(coveredUntil, m.Index + m.Length);
        }
        foreach (Match m in Suffix().Matches(s))
        {
            var end = m.Index + m.Length;
            var start = NameStart(s, m.Index);
            if (start < 0 || start < coveredUntil && end <= coveredUntil)
                continue;
            var core = s[start..m.Index];
            if (!PlausibleCore(core, m.Value))
                continue;
            Add(text, mentions, start, end - start, EnterpriseMentionKind.Named);
        }
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        return mentions;
    }

    /// <summary>Start of the name whose suffix begins at <paramref name="suffixStart"/>, or −1.</summary>
    private static int NameStart(string s, int suffixStart)
    {
        var start = suffixStart;
        while (start > 0 && suffixStart - start < 30 && IsNameChar(s[start - 1]))
            start--;
        // Cut after the last word that cannot belong to a name, keeping place names (广东省东莞市) whole.
        var best = start;
        foreach (var stop in LeftStops)
        {
            var at = s.AsSpan(start, suffixStart - start).LastIndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
                best = Math.Max(best, start + at + stop.Length);
        }
        return best;
    }

    private static bool PlausibleCore(string core, string suffix)
    {
        if (core.Length < 2 || (suffix == "厂" && core.Length < 2))
            return false;
        if (GenericCores.Contains(core, StringComparer.Ordinal) || GenericEndings.Any(e => core.EndsWith(e, StringComparison.Ordinal)))
            return false;
        // A core of only digits and Latin letters (3M, 4S) must be short brand-like; long ones are codes.
        if (core.All(char.IsAsciiLetterOrDigit))
            return core.Length <= 6 && core.Any(char.IsAsciiLetter);
        return core.Any(c => ChineseText.IsHan(c) || c is 'X' or '×' or '*');
    }

    private static bool IsNameChar(char c) =>
        ChineseText.IsHan(c) || char.IsAsciiLetterOrDigit(c) || c is '×' or '*' or '(' or ')' or '·' or '&';

    private static void Add(NormalisedText text, List<EnterpriseMention> mentions, int start, int length, EnterpriseMentionKind kind)
    {
        var (s, l) = text.ToOriginalSpan(start, length);
        mentions.Add(new EnterpriseMention(text.Text.Substring(start, length), s, l, kind));
    }

    [GeneratedRegex(@"(?:股份有限公司|有限责任公司|集团有限公司|有限公司|分公司|公司|集团|制品厂|用品厂|制衣厂|服装厂|无纺布厂|加工厂|工厂|(?<![出回返进建开停办设驻离])厂|经营部|商行|门市部|合作社|药房|药店|医疗器械店)(?![家区商长房里址子方内外门矿])")]
    private static partial Regex Suffix();

    [GeneratedRegex(@"(?:一家|一个|一处|某|多家|几家)?(?:位于|在)?[\u4e00-\u9fa5]{0,6}?(?:无名|无证|无照|私人|家庭|地下|隐蔽|非法)(?:小)?(?:作坊|工厂|加工点|加工厂|窝点|厂房)|黑作坊|(?:地下|家庭)(?:作坊|工厂|加工点)|(?:口罩|熔喷布|防护服)(?:小)?(?:作坊|加工点|窝点)")]
    private static partial Regex Informal();
}
