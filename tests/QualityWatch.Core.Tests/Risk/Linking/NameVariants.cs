using System.Text;

namespace QualityWatch.Core.Tests.Risk.Linking;

/// <summary>The ways a quoted name drifts from the registered one: traditional script, full-width forms, typos.</summary>
public static class NameVariants
{
    private static readonly Dictionary<char, char> ToTraditional = LoadTraditional();

    // Same-sounding or look-alike characters people type for each other (拼音 input picks the wrong homophone).
    private static readonly Dictionary<char, string> Confusable = new()
    {
        ['盛'] = "晟胜",
        ['华'] = "化骅",
        ['康'] = "慷糠",
        ['泰'] = "太钛",
        ['恒'] = "衡横",
        ['鑫'] = "新欣",
        ['源'] = "元园",
        ['宏'] = "鸿洪",
        ['兴'] = "星馨",
        ['隆'] = "龙珑",
        ['昌'] = "长常",
        ['瑞'] = "锐睿",
        ['祥'] = "翔详",
        ['福'] = "富夫",
        ['丰'] = "风峰",
        ['益'] = "亿义",
        ['德'] = "得",
        ['利'] = "力立",
        ['宇'] = "雨语",
        ['博'] = "搏",
        ['创'] = "闯",
        ['正'] = "政争",
        ['和'] = "合禾",
        ['嘉'] = "佳家",
        ['明'] = "名铭",
        ['远'] = "源圆",
        ['航'] = "行杭",
        ['海'] = "涛",
        ['洁'] = "杰捷",
        ['安'] = "按岸",
        ['健'] = "建键",
        ['佳'] = "嘉家",
        ['医'] = "以衣",
        ['疗'] = "了",
        ['用'] = "拥",
        ['品'] = "晶",
        ['卫'] = "为",
        ['材'] = "才财",
        ['械'] = "戒",
        ['防'] = "方房",
        ['护'] = "户沪",
        ['劳'] = "捞",
        ['保'] = "宝",
        ['纺'] = "访",
        ['织'] = "职",
        ['布'] = "步",
        ['制'] = "治致",
        ['电'] = "点",
        ['技'] = "枝",
        ['消'] = "销",
        ['毒'] = "独",
        ['科'] = "可",
        ['生'] = "声",
        ['物'] = "务",
        ['料'] = "科",
        ['服'] = "福",
        ['装'] = "妆",
        ['业'] = "叶",
    };

    public static string Traditional(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
            sb.Append(ToTraditional.GetValueOrDefault(c, c));
        return sb.ToString();
    }

    public static bool HasTraditional(string s) => s.Any(ToTraditional.ContainsKey);

    /// <summary>ASCII to full-width, and a full-width space after the place, as pasted from a PDF.</summary>
    public static string FullWidth(string s, int placeLength)
    {
        var sb = new StringBuilder(s.Length + 1);
        for (var i = 0; i < s.Length; i++)
        {
            if (i == placeLength && placeLength > 0)
                sb.Append('\u3000');
            var c = s[i];
            sb.Append(c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c);
        }
        return sb.ToString();
    }

    /// <summary>One keying error inside <paramref name="s"/>[from..to): a homophone, a dropped character or a doubled one.</summary>
    public static string Typo(Random r, string s, int from, int to)
    {
        var i = from + r.Next(Math.Max(1, to - from));
        var roll = r.Next(10);
        if (roll < 7 || to - from < 4)
        {
            var replacement = Confusable.TryGetValue(s[i], out var options) ? options[r.Next(options.Length)]
                : SyntheticRegistry.TradeCharacters[r.Next(SyntheticRegistry.TradeCharacters.Length)];
            return s[..i] + replacement + s[(i + 1)..];
        }
        return roll < 9 ? s.Remove(i, 1) : s.Insert(i, s[i].ToString());
    }

    private static Dictionary<char, char> LoadTraditional()
    {
        using var stream = typeof(global::QualityWatch.Core.Registry.Names.EnterpriseName).Assembly.GetManifestResourceStream("QualityWatch.Names.TSCharacters.txt")!;
        using var reader = new StreamReader(stream);
        var map = new Dictionary<char, char>();
        while (reader.ReadLine() is { } line)
        {
            // Several traditional forms fold to one simplified character; any of them folds back, which is all a test needs.
            if (line.Length == 2 && line[0] != '#')
                map.TryAdd(line[1], line[0]);
        }
        return map;
    }
}
