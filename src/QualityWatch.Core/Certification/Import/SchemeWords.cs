using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Registry.Products;

namespace QualityWatch.Core.Certification.Import;

/// <summary>
/// The words spreadsheets use for schemes, certificate statuses and product categories. Registers write "强制性产品认证",
/// "CCC认证" or "ccc" for the same thing, so each value accepts the usual spellings besides the stable token.
/// </summary>
public static class SchemeWords
{
    private static readonly Dictionary<string, CertificateScheme> Schemes = BuildSchemes();

    private static readonly Dictionary<string, CertificateStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["有效"] = CertificateStatus.Valid,
        ["正常"] = CertificateStatus.Valid,
        ["VALID"] = CertificateStatus.Valid,
        ["ACTIVE"] = CertificateStatus.Valid,
        ["暂停"] = CertificateStatus.Suspended,
        ["SUSPENDED"] = CertificateStatus.Suspended,
        ["注销"] = CertificateStatus.Withdrawn,
        ["WITHDRAWN"] = CertificateStatus.Withdrawn,
        ["CANCELLED"] = CertificateStatus.Withdrawn,
        ["CANCELED"] = CertificateStatus.Withdrawn,
        ["撤销"] = CertificateStatus.Revoked,
        ["REVOKED"] = CertificateStatus.Revoked,
        ["过期"] = CertificateStatus.Expired,
        ["失效"] = CertificateStatus.Expired,
        ["EXPIRED"] = CertificateStatus.Expired,
    };

    public static bool TryParseScheme(string? text, out CertificateScheme scheme)
    {
        scheme = default;
        return text is not null && Schemes.TryGetValue(Key(text), out scheme);
    }

    /// <summary>The accepted scheme tokens, for error messages and help texts.</summary>
    public static string SchemeTokens => string.Join(", ", Enum.GetValues<CertificateScheme>().Select(s => s.Token()));

    /// <summary>有效/暂停/注销/撤销/过期 (also 证书有效, "valid", …).</summary>
    public static bool TryParseStatus(string? text, out CertificateStatus status)
    {
        status = default;
        if (text is null)
            return false;
        var k = Key(text);
        if (k.StartsWith("证书", StringComparison.Ordinal))
            k = k[2..];
        if (k.EndsWith("状态", StringComparison.Ordinal))
            k = k[..^2];
        return Statuses.TryGetValue(k, out status);
    }

    public static string StatusZh(CertificateStatus s) => s switch
    {
        CertificateStatus.NotYetIssued => "尚未颁发",
        CertificateStatus.Valid => "有效",
        CertificateStatus.Suspended => "暂停",
        CertificateStatus.Withdrawn => "注销",
        CertificateStatus.Revoked => "撤销",
        CertificateStatus.Expired => "过期",
        _ => s.ToString(),
    };

    public static string StatusToken(CertificateStatus s) => s switch
    {
        CertificateStatus.NotYetIssued => "not-yet-issued",
        _ => s.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// A taxonomy code (MASK-SURG), a category name (医用外科口罩, Surgical mask) or product wording the verifier can read
    /// (KN95 口罩); null when the text names nothing in the taxonomy.
    /// </summary>
    public static string? Category(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = text.Trim();
        if (ProductCategories.Find(t) is { } byCode)
            return byCode.Code;
        foreach (var c in ProductCategories.All)
        {
            if (c.NameZh == t || string.Equals(c.NameEn, t, StringComparison.OrdinalIgnoreCase))
                return c.Code;
        }
        return ClaimedProduct.Resolve(t)?.CategoryCode;
    }

    private static string Key(string text) => TextFolding.Compact(text).Replace("_", "-", StringComparison.Ordinal).ToUpperInvariant();

    private static Dictionary<string, CertificateScheme> BuildSchemes()
    {
        var d = new Dictionary<string, CertificateScheme>(StringComparer.Ordinal);
        foreach (var s in Enum.GetValues<CertificateScheme>())
        {
            d[Key(s.Token())] = s;
            d[Key(s.ToString())] = s;
            d[Key(s.Zh())] = s;
            d[Key(s.En())] = s;
        }
        void Add(CertificateScheme s, params string[] words)
        {
            foreach (var w in words)
                d[Key(w)] = s;
        }
        Add(CertificateScheme.Ccc, "CCC", "CCC认证", "强制性产品认证", "强制性认证", "3C", "3C认证");
        Add(CertificateScheme.VoluntaryProduct, "自愿性认证", "自愿性产品认证", "产品认证", "自愿认证", "VOLUNTARY-PRODUCT");
        Add(CertificateScheme.NmpaRegistration, "医疗器械注册", "医疗器械注册证", "注册证", "NMPA", "械注");
        Add(CertificateScheme.NmpaFiling, "医疗器械备案", "第一类医疗器械备案", "备案", "械备");
        Add(CertificateScheme.EuTypeExamination, "欧盟型式检验", "EU型式检验", "型式检验证书", "CE", "CE认证", "MODULE-B", "模块B");
        Add(CertificateScheme.EuProductionQuality, "欧盟生产质量", "模块C2", "模块D", "MODULE-C2", "MODULE-D");
        Add(CertificateScheme.NioshApproval, "NIOSH", "NIOSH认证", "TC-84A");
        Add(CertificateScheme.FdaEua, "EUA", "FDA-EUA", "紧急使用授权");
        Add(CertificateScheme.TestReport, "检验报告", "检测报告", "REPORT");
        Add(CertificateScheme.LaMark, "LA", "LA标志", "安全标志", "特种劳动防护用品安全标志");
        return d;
    }
}
