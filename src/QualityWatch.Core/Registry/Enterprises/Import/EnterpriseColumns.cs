namespace QualityWatch.Core.Registry.Enterprises.Import;

/// <summary>The enterprise fields a spreadsheet can carry, keyed by the camelCase names the validator reports.</summary>
public enum EnterpriseField
{
    CreditCode,
    Name,
    RegionCode,
    Address,
    LegalRepresentative,
    Types,
    ProductionLicences,
    Status,
    Aliases,
}

/// <summary>
/// Column headers in Chinese and English. Regulators send spreadsheets with their own wording, so each
/// field accepts the usual variants; the first Chinese header is the one the export writes.
/// </summary>
public static class EnterpriseColumns
{
    private static readonly (EnterpriseField Field, string Api, string[] Headers)[] Table =
    [
        (EnterpriseField.CreditCode, "creditCode", ["统一社会信用代码", "社会信用代码", "信用代码", "creditCode", "credit_code", "uscc"]),
        (EnterpriseField.Name, "name", ["企业名称", "名称", "单位名称", "企业全称", "name", "enterpriseName"]),
        (EnterpriseField.RegionCode, "regionCode", ["所在地区代码", "地区代码", "行政区划代码", "区划代码", "regionCode", "region_code"]),
        (EnterpriseField.Address, "address", ["地址", "住所", "注册地址", "经营地址", "address"]),
        (EnterpriseField.LegalRepresentative, "legalRepresentative", ["法定代表人", "法人代表", "负责人", "legalRepresentative", "legal_representative"]),
        (EnterpriseField.Types, "types", ["企业类型", "主体类型", "types", "type"]),
        (EnterpriseField.ProductionLicences, "productionLicences", ["生产许可证", "生产许可证号", "许可证号", "productionLicences", "production_licences", "licences"]),
        (EnterpriseField.Status, "status", ["经营状态", "登记状态", "状态", "status"]),
        (EnterpriseField.Aliases, "aliases", ["别名", "曾用名", "aliases"]),
    ];

    private static readonly Dictionary<string, EnterpriseField> ByHeader = Table
        .SelectMany(t => t.Headers.Select(h => (Key: NormaliseHeader(h), t.Field)))
        .DistinctBy(x => x.Key) // credit_code and creditCode normalise alike
        .ToDictionary(x => x.Key, x => x.Field);

    public static IEnumerable<EnterpriseField> All => Table.Select(t => t.Field);

    /// <summary>The header the export writes and the reject file names when the column is missing.</summary>
    public static string ChineseHeader(EnterpriseField field) => Table[(int)field].Headers[0];

    /// <summary>The field name used by <see cref="Save.EnterpriseValidator"/> and the API.</summary>
    public static string ApiName(EnterpriseField field) => Table[(int)field].Api;

    public static EnterpriseField? FromApiName(string api)
    {
        foreach (var t in Table)
        {
            if (t.Api == api)
                return t.Field;
        }
        return null;
    }

    public static EnterpriseField? Match(string? header) =>
        ByHeader.TryGetValue(NormaliseHeader(header), out var field) ? field : null;

    /// <summary>
    /// Drops what templates add around a header: a BOM, spaces, a required-field star and a note in
    /// brackets such as 统一社会信用代码（必填）; compares Latin letters case-insensitively.
    /// </summary>
    public static string NormaliseHeader(string? header)
    {
        if (string.IsNullOrEmpty(header))
            return "";
        var s = header.Replace("\uFEFF", "", StringComparison.Ordinal);
        foreach (var (open, close) in new[] { ('(', ')'), ('（', '）'), ('[', ']'), ('【', '】') })
        {
            var start = s.IndexOf(open, StringComparison.Ordinal);
            var end = start < 0 ? -1 : s.IndexOf(close, start);
            if (start > 0 && end > start)
                s = s[..start] + s[(end + 1)..];
        }
        return new string(s.Where(c => !char.IsWhiteSpace(c) && c is not '*' and not '＊' and not '_' and not '-').ToArray()).ToLowerInvariant();
    }
}
