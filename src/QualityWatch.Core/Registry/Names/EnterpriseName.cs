using System.Collections.Frozen;
using System.Text;

namespace QualityWatch.Core.Registry.Names;

/// <summary>
/// The form of an enterprise name used for matching: full-width folded to half-width, traditional
/// characters folded to simplified, spaces and punctuation dropped, Latin upper-cased, and the
/// legal-form suffix (有限公司, 股份有限公司, Co., Ltd. …) removed, because complaints and news
/// rarely quote the registered form exactly.
/// </summary>
public static class EnterpriseName
{
    // Longest first so 股份有限公司 wins over 有限公司.
    private static readonly string[] LegalSuffixes =
    [
        "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司", "总公司", "分公司", "公司",
        "个体工商户", "合作社", "经营部", "商行", "厂",
        "COLTD", "CORPORATION", "COMPANY", "LIMITED", "CORP", "INC", "LTD", "LLC", "CO",
    ];

    public static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return string.Empty;
        var sb = new StringBuilder(name.Length);
        foreach (var raw in name)
        {
            var c = raw switch
            {
                '\u3000' => ' ',
                >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0),
                _ => raw,
            };
            if (TraditionalChinese.Map.TryGetValue(c, out var simplified))
                c = simplified;
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
                continue;
            sb.Append(char.ToUpperInvariant(c));
        }
        var s = sb.ToString();
        // Strip repeatedly: "XX科技股份有限公司分公司" style names carry more than one form word.
        bool stripped;
        do
        {
            stripped = false;
            foreach (var suffix in LegalSuffixes)
            {
                if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.Ordinal))
                {
                    s = s[..^suffix.Length];
                    stripped = true;
                    break;
                }
            }
        }
        while (stripped);
        return s;
    }
}

/// <summary>Traditional → simplified for the characters that occur in enterprise and product names.</summary>
internal static class TraditionalChinese
{
    private const string Traditional =
        "東島國華發實業製織紡藥醫療護衛聯營貿際電氣廣場機械設備傳體產廠區縣鎮鄉鄰營業銷售經濟開發區達興隆盛寶豐順龍鳳聖義禮樂樓萬億強勁雙優" +
        "質檢測標準認證書團組織總資財務銀錢幣價費貨運輸車馬門關閉開辦長張陳劉楊趙黃吳鄭孫馮蔣韓衛沈陳許鄧蕭葉蘇盧蔡賈鄒魏陸閻" +
        "灣臺島廈漢滬粵閩贛鄂湘桂瓊寧遼黑吉蒙晉陝隴貴滇蘭" +
        "學術藝術問題時間號碼條線網絡訊說話語讀寫課圖書館園場歲壽" +
        "軟硬環境衛生態養殖農種藝術設計裝飾建築師務紅綠藍黃顏色彩燈熱溫濕涼氣壓計測體溫儀器槍額耳" +
        "罩層熔噴無紡佈棉纖維濾過碳膠帶鞋帽衣褲襪袋盒箱櫃瓶罐鐵鋼銅鋁鋅錫鎳鉻鎢鈦礦" +
        "個們會來時後對點過還這進遠邊麼樣從見現動應該發當種幾兩與為並將們產";

    private const string Simplified =
        "东岛国华发实业制织纺药医疗护卫联营贸际电气广场机械设备传体产厂区县镇乡邻营业销售经济开发区达兴隆盛宝丰顺龙凤圣义礼乐楼万亿强劲双优" +
        "质检测标准认证书团组织总资财务银钱币价费货运输车马门关闭开办长张陈刘杨赵黄吴郑孙冯蒋韩卫沈陈许邓萧叶苏卢蔡贾邹魏陆阎" +
        "湾台岛厦汉沪粤闽赣鄂湘桂琼宁辽黑吉蒙晋陕陇贵滇兰" +
        "学术艺术问题时间号码条线网络讯说话语读写课图书馆园场岁寿" +
        "软硬环境卫生态养殖农种艺术设计装饰建筑师务红绿蓝黄颜色彩灯热温湿凉气压计测体温仪器枪额耳" +
        "罩层熔喷无纺布棉纤维滤过碳胶带鞋帽衣裤袜袋盒箱柜瓶罐铁钢铜铝锌锡镍铬钨钛矿" +
        "个们会来时后对点过还这进远边么样从见现动应该发当种几两与为并将们产";

    public static readonly FrozenDictionary<char, char> Map = Build();

    private static FrozenDictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i < Traditional.Length; i++)
        {
            if (Traditional[i] != Simplified[i])
                map.TryAdd(Traditional[i], Simplified[i]);
        }
        return map.ToFrozenDictionary();
    }
}
