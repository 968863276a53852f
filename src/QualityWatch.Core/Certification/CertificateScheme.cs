namespace QualityWatch.Core.Certification;

/// <summary>The kind of conformity document a product claims; one scheme per certificate in the registry.</summary>
public enum CertificateScheme
{
    /// <summary>China Compulsory Certification (强制性产品认证, CCC).</summary>
    Ccc,
    /// <summary>Voluntary product certification by a CNCA-approved body (自愿性产品认证, e.g. CQC marks); no national number format.</summary>
    VoluntaryProduct,
    /// <summary>NMPA medical-device registration certificate, Class II or III (医疗器械注册证).</summary>
    NmpaRegistration,
    /// <summary>NMPA medical-device filing, Class I (第一类医疗器械备案).</summary>
    NmpaFiling,
    /// <summary>EU type-examination certificate, Module B (EU 型式检验证书).</summary>
    EuTypeExamination,
    /// <summary>EU production-phase certificate, Module C2 or D, issued by the body whose number follows CE.</summary>
    EuProductionQuality,
    /// <summary>NIOSH approval (TC number) under 42 CFR 84.</summary>
    NioshApproval,
    /// <summary>Listing under a US FDA Emergency Use Authorization for non-NIOSH respirators (2020–2021).</summary>
    FdaEua,
    /// <summary>A laboratory test report: evidence of a test, not a certification.</summary>
    TestReport,
    /// <summary>LA mark (特种劳动防护用品安全标志).</summary>
    LaMark,
}

/// <summary>How serious a check outcome is: a passing check is <see cref="Info"/>.</summary>
public enum Severity
{
    Info,
    Warning,
    Critical,
}

public static class CertificateSchemeNames
{
    public static string Zh(this CertificateScheme s) => s switch
    {
        CertificateScheme.Ccc => "强制性产品认证（CCC）",
        CertificateScheme.VoluntaryProduct => "自愿性产品认证",
        CertificateScheme.NmpaRegistration => "医疗器械注册证",
        CertificateScheme.NmpaFiling => "第一类医疗器械备案",
        CertificateScheme.EuTypeExamination => "欧盟型式检验证书（模块B）",
        CertificateScheme.EuProductionQuality => "欧盟生产阶段证书（模块C2/D）",
        CertificateScheme.NioshApproval => "NIOSH 认证（TC 编号）",
        CertificateScheme.FdaEua => "FDA 紧急使用授权清单",
        CertificateScheme.TestReport => "检验检测报告",
        CertificateScheme.LaMark => "特种劳动防护用品安全标志（LA）",
        _ => s.ToString(),
    };

    public static string En(this CertificateScheme s) => s switch
    {
        CertificateScheme.Ccc => "China Compulsory Certification (CCC)",
        CertificateScheme.VoluntaryProduct => "voluntary product certification",
        CertificateScheme.NmpaRegistration => "NMPA medical-device registration",
        CertificateScheme.NmpaFiling => "NMPA Class I medical-device filing",
        CertificateScheme.EuTypeExamination => "EU type-examination certificate (Module B)",
        CertificateScheme.EuProductionQuality => "EU production-phase certificate (Module C2/D)",
        CertificateScheme.NioshApproval => "NIOSH approval (TC number)",
        CertificateScheme.FdaEua => "FDA Emergency Use Authorization listing",
        CertificateScheme.TestReport => "test report",
        CertificateScheme.LaMark => "LA mark",
        _ => s.ToString(),
    };

    /// <summary>Stable lower-case token used in JSON and on the command line.</summary>
    public static string Token(this CertificateScheme s) => s switch
    {
        CertificateScheme.Ccc => "ccc",
        CertificateScheme.VoluntaryProduct => "voluntary",
        CertificateScheme.NmpaRegistration => "nmpa-registration",
        CertificateScheme.NmpaFiling => "nmpa-filing",
        CertificateScheme.EuTypeExamination => "eu-type-examination",
        CertificateScheme.EuProductionQuality => "eu-production-quality",
        CertificateScheme.NioshApproval => "niosh",
        CertificateScheme.FdaEua => "fda-eua",
        CertificateScheme.TestReport => "test-report",
        CertificateScheme.LaMark => "la-mark",
        _ => s.ToString(),
    };

    public static bool IsEu(this CertificateScheme s) => s is CertificateScheme.EuTypeExamination or CertificateScheme.EuProductionQuality;
}
