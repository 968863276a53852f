namespace QualityWatch.Core.Registry.Products;

/// <summary>One entry of the epidemic-prevention product taxonomy; the code is stable and stored on products.</summary>
public sealed record ProductCategory(string Code, string NameZh, string NameEn, string? Standard, string[] Grades, bool MedicalDevice);

public static class ProductCategories
{
    public static readonly IReadOnlyList<ProductCategory> All =
    [
        new("MASK-MEDPROT", "医用防护口罩", "Medical protective mask", "GB 19083", ["1级", "2级", "3级"], true),
        new("MASK-SURG", "医用外科口罩", "Surgical mask", "YY 0469", [], true),
        new("MASK-MEDSU", "一次性使用医用口罩", "Single-use medical mask", "YY/T 0969", [], true),
        new("RESP-PART", "自吸过滤式防颗粒物呼吸器", "Particulate respirator", "GB 2626", ["KN90", "KN95", "KN100", "KP90", "KP95", "KP100"], false),
        new("MASK-DAILY", "日常防护型口罩", "Daily protective mask", "GB/T 32610", ["A级", "B级", "C级", "D级"], false),
        new("MASK-CHILD", "儿童口罩", "Children's mask", "GB/T 38880", [], false),
        new("FAB-MELTBLOWN", "熔喷非织造布", "Meltblown nonwoven", "FZ/T 64078", [], false),
        new("FAB-SPUNBOND", "纺粘非织造布", "Spunbond nonwoven", "FZ/T 64034", [], false),
        new("CLOTH-PROT", "医用一次性防护服", "Protective clothing", "GB 19082", [], true),
        new("GOWN-ISO", "隔离衣", "Isolation gown", "YY/T 1499", [], true),
        new("GOGGLES", "护目镜", "Goggles", "GB 14866", [], false),
        new("GLOVES-MED", "医用手套", "Medical gloves", "GB 10213", [], true),
        new("THERMO-ELEC", "医用电子体温计", "Electronic thermometer", "GB/T 21416", [], true),
        new("THERMO-EAR", "红外耳温计", "Infrared ear thermometer", "GB/T 21417.1", [], true),
        new("THERMO-FORE", "红外额温计", "Infrared forehead thermometer", "GB/T 21417.1", [], true),
        new("DISINFECT", "消毒剂", "Disinfectant", "GB 27948", [], false),
    ];

    private static readonly Dictionary<string, ProductCategory> ByCode = All.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    public static ProductCategory? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var c) ? c : null;
}
