using System.Collections.Frozen;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>Province short names used as the first character of provincial NMPA numbers, with their GB/T 2260 codes.</summary>
internal static class ChinaProvinces
{
    /// <summary>identifiers.md §4.1 lists these 31; 黔 and 滇 are tagged unconfirmed there but are the standard short names.</summary>
    public static readonly FrozenDictionary<char, string> ShortNames = new Dictionary<char, string>
    {
        ['京'] = "11",
        ['津'] = "12",
        ['冀'] = "13",
        ['晋'] = "14",
        ['蒙'] = "15",
        ['辽'] = "21",
        ['吉'] = "22",
        ['黑'] = "23",
        ['沪'] = "31",
        ['苏'] = "32",
        ['浙'] = "33",
        ['皖'] = "34",
        ['闽'] = "35",
        ['赣'] = "36",
        ['鲁'] = "37",
        ['豫'] = "41",
        ['鄂'] = "42",
        ['湘'] = "43",
        ['粤'] = "44",
        ['桂'] = "45",
        ['琼'] = "46",
        ['渝'] = "50",
        ['川'] = "51",
        ['黔'] = "52",
        ['滇'] = "53",
        ['藏'] = "54",
        ['陕'] = "61",
        ['甘'] = "62",
        ['青'] = "63",
        ['宁'] = "64",
        ['新'] = "65",
    }.ToFrozenDictionary();

    /// <summary>The other common short names of Guizhou and Yunnan: possible on a number, but unconfirmed.</summary>
    public static readonly FrozenDictionary<char, string> AlternativeNames = new Dictionary<char, string>
    {
        ['贵'] = "52",
        ['云'] = "53",
    }.ToFrozenDictionary();

    public static bool IsProvince(char c) => ShortNames.ContainsKey(c);

    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF';
}
