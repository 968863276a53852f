namespace QualityWatch.Core.Registry.Enterprises;

/// <summary>Enterprise types as API strings and as the Chinese words found in spreadsheets.</summary>
public static class EnterpriseTypeNames
{
    private static readonly (EnterpriseTypes Type, string Api, string Zh, string[] Aliases)[] Table =
    [
        (EnterpriseTypes.Producer, "producer", "生产企业", ["生产", "生产者", "制造商", "manufacturer"]),
        (EnterpriseTypes.Distributor, "distributor", "经销企业", ["经销", "批发", "经销商", "wholesaler"]),
        (EnterpriseTypes.Retailer, "retailer", "零售企业", ["零售", "零售商", "药店"]),
        (EnterpriseTypes.OnlineSeller, "online-seller", "网络销售", ["电商", "网店", "网络经营者", "online seller"]),
        (EnterpriseTypes.ImporterExporter, "importer-exporter", "进出口企业", ["进出口", "进口", "出口", "importer", "exporter"]),
        (EnterpriseTypes.CertificationBody, "certification-body", "认证机构", ["认证"]),
        (EnterpriseTypes.TestLaboratory, "test-laboratory", "检验检测机构", ["检测机构", "实验室", "检验", "laboratory", "lab"]),
    ];

    public static string[] ToApi(EnterpriseTypes types) =>
        Table.Where(t => types.HasFlag(t.Type)).Select(t => t.Api).ToArray();

    public static string ToChinese(EnterpriseTypes types) =>
        string.Join('、', Table.Where(t => types.HasFlag(t.Type)).Select(t => t.Zh));

    public static bool TryParseOne(string word, out EnterpriseTypes type)
    {
        var w = word.Trim();
        foreach (var t in Table)
        {
            if (string.Equals(w, t.Api, StringComparison.OrdinalIgnoreCase) || w == t.Zh ||
                string.Equals(w, t.Type.ToString(), StringComparison.OrdinalIgnoreCase) ||
                t.Aliases.Any(a => string.Equals(a, w, StringComparison.OrdinalIgnoreCase)))
            {
                type = t.Type;
                return true;
            }
        }
        type = EnterpriseTypes.None;
        return false;
    }

    /// <summary>Parses a list such as "生产企业、经销企业" or "producer;retailer"; names the first unknown word.</summary>
    public static bool TryParseList(IEnumerable<string> words, out EnterpriseTypes types, out string? unknown)
    {
        types = EnterpriseTypes.None;
        unknown = null;
        foreach (var word in words.SelectMany(w => w.Split([',', ';', '、', '，', '；', '|', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!TryParseOne(word, out var t))
            {
                unknown = word;
                return false;
            }
            types |= t;
        }
        return true;
    }
}
