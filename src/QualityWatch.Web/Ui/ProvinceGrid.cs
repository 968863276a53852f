namespace QualityWatch.Web.Ui;

/// <summary>One provincial-level unit on the tile grid: its GB/T 2260 code, short names and cell.</summary>
public sealed record ProvinceTile(string Code, string ShortZh, string NameEn, int Col, int Row);

/// <summary>
/// A fixed tile-grid layout of the 34 provincial-level units (31 mainland, Taiwan 71, Hong Kong 81, Macao 82),
/// arranged roughly by geography so neighbours stay neighbours.
/// </summary>
public static class ProvinceGrid
{
    public const int Columns = 9;
    public const int Rows = 8;

    public static readonly IReadOnlyList<ProvinceTile> Tiles =
    [
        new("23", "黑龙江", "Heilongjiang", 8, 0),
        new("15", "内蒙古", "Inner Mongolia", 5, 1),
        new("11", "北京", "Beijing", 6, 1),
        new("22", "吉林", "Jilin", 8, 1),
        new("65", "新疆", "Xinjiang", 0, 2),
        new("62", "甘肃", "Gansu", 2, 2),
        new("64", "宁夏", "Ningxia", 3, 2),
        new("14", "山西", "Shanxi", 4, 2),
        new("13", "河北", "Hebei", 5, 2),
        new("12", "天津", "Tianjin", 6, 2),
        new("21", "辽宁", "Liaoning", 7, 2),
        new("63", "青海", "Qinghai", 1, 3),
        new("61", "陕西", "Shaanxi", 3, 3),
        new("41", "河南", "Henan", 4, 3),
        new("37", "山东", "Shandong", 5, 3),
        new("54", "西藏", "Tibet", 0, 4),
        new("51", "四川", "Sichuan", 2, 4),
        new("50", "重庆", "Chongqing", 3, 4),
        new("42", "湖北", "Hubei", 4, 4),
        new("34", "安徽", "Anhui", 5, 4),
        new("32", "江苏", "Jiangsu", 6, 4),
        new("31", "上海", "Shanghai", 7, 4),
        new("52", "贵州", "Guizhou", 3, 5),
        new("43", "湖南", "Hunan", 4, 5),
        new("36", "江西", "Jiangxi", 5, 5),
        new("33", "浙江", "Zhejiang", 6, 5),
        new("53", "云南", "Yunnan", 2, 6),
        new("45", "广西", "Guangxi", 3, 6),
        new("44", "广东", "Guangdong", 4, 6),
        new("35", "福建", "Fujian", 5, 6),
        new("71", "台湾", "Taiwan", 7, 6),
        new("46", "海南", "Hainan", 2, 7),
        new("82", "澳门", "Macao", 3, 7),
        new("81", "香港", "Hong Kong", 4, 7),
    ];
}
