using QualityWatch.Core.Certification.Numbers;

namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>
/// The scheme can apply to the product at all: masks are not in the CCC catalogue (§3.1), medical masks are Class II
/// with category 14 (old 6864) (§4.2), a Class I filing cannot cover them, NIOSH approves respirators, not masks,
/// medical face masks are not PPE in the EU (§6.1), the FDA EUAs listed respirators only (§7).
/// </summary>
internal sealed class SchemeFitsProductCheck : IVerificationCheck
{
    private static readonly HashSet<string> ClassTwoMasksAndClothing = ["MASK-MEDPROT", "MASK-SURG", "MASK-MEDSU", "CLOTH-PROT"];

    public string Id => CheckIds.SchemeFitsProduct;

    public void Run(VerificationContext c)
    {
        if (c.Scheme is not { } scheme || c.Product is not { } p)
            return;
        var what = p.Category is { } cat ? $"{cat.NameZh}（{cat.Code}）" : Family(p.Family).Zh;
        var whatEn = p.Category is { } cat2 ? $"{cat2.NameEn} ({cat2.Code})" : Family(p.Family).En;
        var (sev, zh, en) = Evaluate(scheme, p, c.Number);
        if (sev is null)
        {
            c.Pass(Id, $"{scheme.Zh()}适用于{what}{(zh.Length > 0 ? "：" + zh : "")}", $"{scheme.En()} can apply to {whatEn}{(en.Length > 0 ? ": " + en : "")}");
            return;
        }
        c.Fail(Id, sev.Value, $"{scheme.Zh()}不适用于{what}：{zh}", $"{scheme.En()} does not fit {whatEn}: {en}");
    }

    private static (Severity? Severity, string Zh, string En) Evaluate(CertificateScheme scheme, ClaimedProduct p, ParsedNumber? number)
    {
        var code = p.CategoryCode;
        switch (scheme)
        {
            case CertificateScheme.Ccc when p.Family is ProductFamily.Mask or ProductFamily.ProtectiveClothing or ProductFamily.Thermometer:
                return (Severity.Critical, "口罩、呼吸器、防护服和体温计不在 CCC 目录内，所谓“CCC 证书”是危险信号", "masks, respirators, protective clothing and thermometers are not in the CCC catalogue, so a 'CCC certificate' for one is a red flag");
            case CertificateScheme.Ccc when p.Family is not ProductFamily.Unknown:
                return (Severity.Warning, "该类产品不在已知的 CCC 目录内", "the product is not known to be in the CCC catalogue");
            case CertificateScheme.NmpaRegistration or CertificateScheme.NmpaFiling when p.Category is { MedicalDevice: false }:
                return (Severity.Warning, "该产品不是医疗器械，医疗器械注册证或备案不能覆盖它", "the product is not a medical device, so a device registration or filing cannot cover it");
            case CertificateScheme.NmpaFiling when code is not null && (ClassTwoMasksAndClothing.Contains(code) || code.StartsWith("THERMO-", StringComparison.Ordinal)):
                return (Severity.Critical, "该产品为第二类医疗器械，须取得注册证，第一类备案不能覆盖", "the product is a Class II device that needs a registration; a Class I filing cannot cover it");
            case CertificateScheme.NmpaRegistration when number?.Fields.DeviceClass is { } cls && code is not null:
                return NmpaClass(code, cls, number.Fields);
            case CertificateScheme.NioshApproval when p.ForChildren || code == "MASK-CHILD":
                return (Severity.Critical, "NIOSH 没有批准任何儿童用呼吸器", "NIOSH approves no respirator for children");
            case CertificateScheme.NioshApproval when p.Family is ProductFamily.ProtectiveClothing or ProductFamily.Thermometer or ProductFamily.Fabric or ProductFamily.Other:
                return (Severity.Critical, "NIOSH 只批准呼吸防护装置", "NIOSH approves respiratory protection only");
            case CertificateScheme.NioshApproval when code is "MASK-DAILY" or "MASK-SURG" or "MASK-MEDSU":
                return (Severity.Warning, "NIOSH 批准的是过滤式呼吸器（TC-84A），不是普通或医用口罩", "NIOSH approves filtering facepiece respirators (TC-84A), not face masks");
            case CertificateScheme.EuTypeExamination or CertificateScheme.EuProductionQuality when p.Category is { MedicalDevice: true } && code is "MASK-SURG" or "MASK-MEDSU":
                return (Severity.Warning, "医用口罩（EN 14683）在欧盟属医疗器械规则而非 PPE 法规 (EU) 2016/425；非无菌的第一类口罩不带公告机构编号", "medical face masks (EN 14683) fall under the medical-device rules, not PPE Regulation (EU) 2016/425; a non-sterile Class I mask carries no notified-body number");
            case CertificateScheme.FdaEua when code is not null && code != "RESP-PART":
                return (Severity.Warning, "FDA 紧急使用授权只覆盖一次性过滤式呼吸器", "the FDA EUAs covered disposable filtering facepiece respirators only");
            case CertificateScheme.LaMark when code == "RESP-PART":
                return (null, "LA 标志曾是 GB 2626 呼吸器的要求；2015–2018 年改革后的现行地位未确认", "the LA mark was required for GB 2626 respirators; its status after the 2015–2018 reforms is unconfirmed");
            case CertificateScheme.LaMark when p.Family is ProductFamily.Thermometer or ProductFamily.Fabric || p.Category is { MedicalDevice: true }:
                return (Severity.Warning, "LA 标志针对特种劳动防护用品，不适用于医疗器械、体温计或原材料", "the LA mark is for special labour-protection products, not medical devices, thermometers or materials");
            case CertificateScheme.TestReport:
                return (null, "检测报告只证明送检样品的检测结果，不是认证或注册", "a test report shows a sample's results; it is not a certification or registration");
        }
        return (null, "", "");
    }

    private static (Severity?, string, string) NmpaClass(string code, int cls, NumberFields f)
    {
        var medical = ClassTwoMasksAndClothing.Contains(code);
        var thermo = code.StartsWith("THERMO-", StringComparison.Ordinal);
        if (!medical && !thermo)
            return (null, "", "");
        if (cls != 2)
        {
            return (Severity.Critical, $"该产品按第二类医疗器械管理，注册证编号却为第{cls}类（{f.Authority}械注…{f.Year}{cls}{f.ClassificationCode}…）",
                $"the product is a Class II device, but the registration number says Class {cls}");
        }
        // Numbers keep their year of first registration, so the year tells which catalogue the code comes from.
        string[] expected = medical
            ? f.Year < PpeFacts.CatalogueYear ? ["64"] : f.Year > PpeFacts.CatalogueYear ? ["14"] : ["64", "14"]
            : f.Year < PpeFacts.CatalogueYear ? ["20"] : f.Year > PpeFacts.CatalogueYear ? ["07"] : ["20", "07"];
        if (f.ClassificationCode is { } cc && !expected.Contains(cc))
        {
            var exp = string.Join("/", expected);
            return (Severity.Warning, $"分类编码为 {cc}，{f.Year} 年首次注册的此类产品通常为 {exp}（口罩、防护服：旧 6864 或 2017 版目录 14；体温计：旧 6820 或 07，后者待核实）",
                $"classification code {cc}; such products first registered in {f.Year} normally carry {exp} (masks, clothing: old 6864 or 2017 catalogue 14; thermometers: old 6820 or 07, unconfirmed)");
        }
        return (null, $"第二类，分类编码 {f.ClassificationCode}", $"Class II, classification code {f.ClassificationCode}");
    }

    private static (string Zh, string En) Family(ProductFamily f) => f switch
    {
        ProductFamily.Mask => ("口罩", "a mask"),
        ProductFamily.ProtectiveClothing => ("防护服", "protective clothing"),
        ProductFamily.Thermometer => ("体温计", "a thermometer"),
        ProductFamily.Fabric => ("非织造布", "a nonwoven fabric"),
        _ => ("该产品", "the product"),
    };
}
