namespace QualityWatch.Core.Certification.Numbers;

/// <summary>The identifier formats the parser recognises; body numbers are identifiers too, not certificates.</summary>
public enum NumberKind
{
    /// <summary>CCC certificate: 16 digits, year + body + product + sequence (identifiers.md §3.1).</summary>
    CccCertificate,
    /// <summary>CNCA approval number of a certification body: CNCA-R-yyyy-nnn, CNCA-RF-yyyy-nn (§3.2).</summary>
    CncaBodyApproval,
    /// <summary>LA mark number xx-xx-xxxxxx (§3.3).</summary>
    LaMark,
    /// <summary>NMPA registration, Class II/III: ×械注×yyyy c pp nnnn (§4.1).</summary>
    NmpaRegistration,
    /// <summary>Pre-2014 registration: ×(食)药监械(×)字yyyy第cppnnnn号 (§4.3).</summary>
    NmpaRegistrationPre2014,
    /// <summary>NMPA Class I filing: ×械备yyyynnnn (§4.3).</summary>
    NmpaFiling,
    /// <summary>NIOSH approval number TC-84A-nnnn (§5).</summary>
    NioshApproval,
    /// <summary>EU notified-body number, 4 digits next to CE (§6.1).</summary>
    NotifiedBody,
    /// <summary>EU type-examination certificate number: free format, ideally with the issuer's prefix.</summary>
    EuTypeExamination,
    /// <summary>FDA EUA reference (EUA + digits, or a listing named by the text).</summary>
    FdaEua,
    /// <summary>A number of a scheme with no national format (voluntary certificate, test report): taken as written.</summary>
    FreeFormat,
}

public static class NumberKindExtensions
{
    /// <summary>The certificate scheme a number of this kind belongs to; null for identifiers of bodies.</summary>
    public static CertificateScheme? Scheme(this NumberKind k) => k switch
    {
        NumberKind.CccCertificate => CertificateScheme.Ccc,
        NumberKind.LaMark => CertificateScheme.LaMark,
        NumberKind.NmpaRegistration or NumberKind.NmpaRegistrationPre2014 => CertificateScheme.NmpaRegistration,
        NumberKind.NmpaFiling => CertificateScheme.NmpaFiling,
        NumberKind.NioshApproval => CertificateScheme.NioshApproval,
        NumberKind.EuTypeExamination => CertificateScheme.EuTypeExamination,
        NumberKind.FdaEua => CertificateScheme.FdaEua,
        _ => null,
    };

    public static bool IsBodyIdentifier(this NumberKind k) => k is NumberKind.CncaBodyApproval or NumberKind.NotifiedBody;

    public static string Token(this NumberKind k) => k switch
    {
        NumberKind.CccCertificate => "ccc",
        NumberKind.CncaBodyApproval => "cnca-body",
        NumberKind.LaMark => "la-mark",
        NumberKind.NmpaRegistration => "nmpa-registration",
        NumberKind.NmpaRegistrationPre2014 => "nmpa-registration-pre2014",
        NumberKind.NmpaFiling => "nmpa-filing",
        NumberKind.NioshApproval => "niosh-tc",
        NumberKind.NotifiedBody => "eu-notified-body",
        NumberKind.EuTypeExamination => "eu-type-examination",
        NumberKind.FdaEua => "fda-eua",
        NumberKind.FreeFormat => "free-format",
        _ => k.ToString(),
    };
}

public static class NumberKindNames
{
    public static string Zh(this NumberKind k) => k switch
    {
        NumberKind.CccCertificate => "CCC 证书编号",
        NumberKind.CncaBodyApproval => "认证机构批准号",
        NumberKind.LaMark => "LA 安全标志编号",
        NumberKind.NmpaRegistration => "医疗器械注册证编号",
        NumberKind.NmpaRegistrationPre2014 => "医疗器械注册证编号（2014 年前格式）",
        NumberKind.NmpaFiling => "第一类医疗器械备案编号",
        NumberKind.NioshApproval => "NIOSH 批准号",
        NumberKind.NotifiedBody => "欧盟公告机构编号",
        NumberKind.EuTypeExamination => "欧盟型式检验证书编号",
        NumberKind.FdaEua => "FDA 紧急使用授权",
        _ => "证书编号",
    };

    public static string En(this NumberKind k) => k switch
    {
        NumberKind.CccCertificate => "CCC certificate number",
        NumberKind.CncaBodyApproval => "CNCA body approval number",
        NumberKind.LaMark => "LA mark number",
        NumberKind.NmpaRegistration => "NMPA registration number",
        NumberKind.NmpaRegistrationPre2014 => "NMPA registration number (pre-2014 format)",
        NumberKind.NmpaFiling => "NMPA Class I filing number",
        NumberKind.NioshApproval => "NIOSH approval number",
        NumberKind.NotifiedBody => "EU notified-body number",
        NumberKind.EuTypeExamination => "EU type-examination certificate number",
        NumberKind.FdaEua => "FDA emergency use authorization",
        _ => "certificate number",
    };
}
