using System.Text;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Registry.Regions;
using QualityWatch.Core.Risk.Linking;

namespace QualityWatch.Core.Tests.Risk.Linking;

/// <summary>
/// A deterministic registry shaped like the real one: place + trade name (字号) + industry + legal form, weighted
/// towards the manufacturing provinces, valid GB 32100 codes (a few pilot-style ones failing their check), some
/// aliases, some bracketed places (华盛医疗用品（东莞）有限公司), and deliberate pairs of firms with the same trade
/// name and industry in different cities. Also used by bench/linking.
/// </summary>
public sealed class SyntheticRegistry
{
    public const string TradeCharacters =
        "康洁安护健优佳美华盛泰恒通达信诚鑫源宏兴隆昌瑞祥福润丰益德利新宇博创科正和嘉明亿远航川海天卓越禾朗清蓝卫舒雅欣晨曦凯晟睿邦合众金鼎旭日辉帆" +
        "永长荣光辰星耀汇联峰宝俊豪锦祺骏腾飞扬振毅晶磊森林瀚洋泽涵沛浩";

    public static readonly string[] Industries =
    [
        "医疗用品", "卫生材料", "医疗器械", "医用敷料", "防护用品", "劳保用品", "安全防护科技", "呼吸防护", "口罩", "日用品", "卫生用品", "防护科技",
        "无纺布制品", "非织造布", "新材料", "纺织科技", "防护服装", "服饰", "光学", "眼镜", "乳胶制品", "手套", "橡塑制品", "医疗电子", "电子科技",
        "智能科技", "医疗设备", "消毒用品", "生物科技", "日化", "消毒制品", "塑料制品", "包装材料", "化工", "实业", "机械设备", "五金制品", "纸业",
        "针织", "制衣", "熔喷材料", "健康科技", "医药", "商贸", "贸易", "电子商务", "大药房", "供应链管理", "进出口", "检测技术服务",
    ];

    private static readonly Dictionary<string, int> ProvinceWeights = new()
    {
        ["44"] = 16,
        ["32"] = 12,
        ["33"] = 12,
        ["37"] = 10,
        ["13"] = 8,
        ["42"] = 7,
        ["41"] = 7,
        ["35"] = 6,
        ["34"] = 4,
        ["36"] = 3,
        ["43"] = 3,
        ["51"] = 3,
        ["31"] = 3,
        ["11"] = 2,
        ["12"] = 2,
        ["21"] = 2,
        ["50"] = 2,
    };

    private SyntheticRegistry(IReadOnlyList<Region> regions, List<EnterpriseRow> rows, List<Parts> parts)
    {
        Regions = regions;
        Rows = rows;
        Names = parts;
        RegionByCode = regions.ToDictionary(r => r.Code);
        Gazetteer = new RegionGazetteer(regions);
    }

    /// <summary>How a registered name was put together, so queries can vary each part.</summary>
    public sealed record Parts(string Place, string Trade, string Industry, string Form, bool Bracketed);

    public IReadOnlyList<Region> Regions { get; }
    public Dictionary<string, Region> RegionByCode { get; }
    public List<EnterpriseRow> Rows { get; }
    public List<Parts> Names { get; }
    public RegionGazetteer Gazetteer { get; }

    public EnterpriseDirectory Directory() => EnterpriseDirectory.Build(Rows, Regions);

    public static SyntheticRegistry Build(int seed, int count)
    {
        var r = new Random(seed);
        var regions = RegionSeed.Load();
        var byCode = regions.ToDictionary(x => x.Code);
        var counties = regions.Where(x => x.Level == RegionLevel.County && x.Code[..2] is not ("71" or "81" or "82"))
            .GroupBy(x => x.Code[..2]).ToDictionary(g => g.Key, g => g.OrderBy(x => x.Code, StringComparer.Ordinal).ToArray());
        var provinces = counties.Keys.Order(StringComparer.Ordinal).ToArray();
        var weights = provinces.Select(p => ProvinceWeights.GetValueOrDefault(p, 1)).ToArray();
        var rows = new List<EnterpriseRow>(count);
        var parts = new List<Parts>(count);
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var usedCodes = new HashSet<string>(StringComparer.Ordinal);
        while (rows.Count < count)
        {
            var county = PickCounty(r, counties, provinces, weights);
            var p = MakeName(r, county, byCode);
            // Every fortieth firm gets a namesake in another city: the ambiguous case linking must not guess at.
            if (rows.Count % 40 == 39)
            {
                var twin = parts[r.Next(parts.Count)];
                p = p with { Trade = twin.Trade, Industry = twin.Industry };
            }
            var name = Compose(p);
            if (!usedNames.Add(EnterpriseName.Normalise(name)))
                continue;
            var aliases = new List<string>();
            if (r.Next(20) == 0)
                aliases.Add(Compose(p with { Trade = Trade(r), Form = "有限公司", Bracketed = false }));
            rows.Add(new EnterpriseRow(rows.Count + 1, MakeCode(r, county, usedCodes), name, EnterpriseName.Normalise(name), county.Code, aliases));
            parts.Add(p);
        }
        return new SyntheticRegistry(regions, rows, parts);
    }

    public static string Compose(Parts p) =>
        p.Bracketed ? p.Trade + p.Industry + "（" + ShortPlace(p.Place) + "）" + p.Form : p.Place + p.Trade + p.Industry + p.Form;

    /// <summary>东莞市 → 东莞, 广东省 → 广东: how places are quoted inside brackets and in speech.</summary>
    public static string ShortPlace(string place) =>
        place.Length > 2 && (place.EndsWith('市') || place.EndsWith('省') || place.EndsWith('县')) ? place[..^1] : place;

    public static string Trade(Random r)
    {
        var length = r.Next(5) == 0 ? 3 : 2;
        var sb = new StringBuilder(length);
        while (sb.Length < length)
        {
            var c = TradeCharacters[r.Next(TradeCharacters.Length)];
            if (sb.Length == 0 || sb[^1] != c)
                sb.Append(c);
        }
        return sb.ToString();
    }

    public static string Form(Random r) => r.Next(100) switch
    {
        < 62 => "有限公司",
        < 76 => "有限责任公司",
        < 84 => "股份有限公司",
        < 92 => "厂",
        _ => "科技有限公司",
    };

    public string CityName(string code)
    {
        var city = RegionByCode.GetValueOrDefault(code[..4])?.Name;
        if (city is not null && city.Contains("直辖", StringComparison.Ordinal))
            return RegionByCode[code].Name;
        return city is null or "市辖区" or "县" ? RegionByCode[code[..2]].Name : city;
    }

    private static Region PickCounty(Random r, Dictionary<string, Region[]> counties, string[] provinces, int[] weights)
    {
        var pick = r.Next(weights.Sum());
        var i = 0;
        while (pick >= weights[i])
            pick -= weights[i++];
        var list = counties[provinces[i]];
        return list[r.Next(list.Length)];
    }

    private static Parts MakeName(Random r, Region county, Dictionary<string, Region> byCode)
    {
        var province = byCode[county.Code[..2]].Name;
        var city = byCode.GetValueOrDefault(county.Code[..4])?.Name;
        var place = city is null or "市辖区" or "县" ? province : city;
        var roll = r.Next(100);
        // Counties directly under a province (仙桃市, 五指山市) stand in for their city.
        if (city is not null && city.Contains("直辖", StringComparison.Ordinal))
            place = county.Name;
        else if (county.Name.EndsWith('市') && roll < 30)
            place = county.Name; // county-level cities such as 义乌市 name their own firms
        else if (roll >= 92)
            place = ShortPlace(province).Replace("特别行政区", "", StringComparison.Ordinal); // province-level registration
        var trade = r.Next(25) == 0 ? "" + (char)('A' + r.Next(26)) + (char)('A' + r.Next(26)) + Trade(r)[..1] : Trade(r);
        var industry = Industries[r.Next(Industries.Length)];
        return new Parts(place, trade, industry, Form(r), Bracketed: r.Next(25) == 0 && place.Length >= 3);
    }

    private static string MakeCode(Random r, Region county, HashSet<string> used)
    {
        while (true)
        {
            var authority = r.Next(5) < 3 ? county.Code : county.Code[..4] + "00";
            var body = new StringBuilder(8);
            if (r.Next(2) == 0)
            {
                body.Append("MA");
                for (var i = 0; i < 6; i++)
                    body.Append(CreditCode.Alphabet[r.Next(CreditCode.Alphabet.Length)]);
            }
            else
            {
                for (var i = 0; i < 8; i++)
                    body.Append((char)('0' + r.Next(10)));
            }
            if (CreditCode.OrganisationCheckCharacter(body.ToString()) is not { } check || CreditCode.Alphabet.IndexOf(check, StringComparison.Ordinal) < 0)
                continue;
            var code = CreditCode.Build("91", authority, body.ToString());
            // Like the real Fujian pilot codes, a few registered codes fail their own check.
            if (r.Next(200) == 0)
                code = code[..17] + CreditCode.Alphabet[(CreditCode.Alphabet.IndexOf(code[17], StringComparison.Ordinal) + 1 + r.Next(30)) % 31];
            if (used.Add(code))
                return code;
        }
    }
}
