namespace QualityWatch.Core.Certification.Verification;

/// <summary>Dates and names the rules depend on, each with its source in shared/domain/identifiers.md.</summary>
public static class PpeFacts
{
    /// <summary>§6.1: Regulation (EU) 2016/425 applies from 2018-04-21 (the FDA EUA criteria use the same cut-off).</summary>
    public static readonly DateOnly PpeRegulationAppliesFrom = new(2018, 4, 21);

    /// <summary>§6.1 [unconfirmed]: EC type-examination certificates under 89/686/EEC stayed valid until 2023-04-21 (Art. 47).</summary>
    public static readonly DateOnly DirectiveCertificatesValidUntil = new(2023, 4, 21);

    /// <summary>§7: the imported-respirator EUA was issued on 2020-03-24.</summary>
    public static readonly DateOnly FirstRespiratorEua = new(2020, 3, 24);

    /// <summary>§7: both respirator EUAs were revoked on 2021-07-06.</summary>
    public static readonly DateOnly RespiratorEuasRevoked = new(2021, 7, 6);

    /// <summary>§7: on 2020-05-07 the China EUA dropped the test-report criterion and every model listed under it.</summary>
    public static readonly DateOnly TestReportCriterionRemoved = new(2020, 5, 7);

    /// <summary>§4.1 [unconfirmed]: the 2017 classification catalogue took effect on 2018-08-01.</summary>
    public const int CatalogueYear = 2018;

    public const string PpeRegulation = "(EU) 2016/425";
    public const string PpeDirective = "89/686/EEC";
    public const string MedicalDeviceDirective = "93/42/EEC";
    public const string MedicalDeviceRegulation = "(EU) 2017/745";

    /// <summary>§6.1: titles that are not an EU type-examination certificate under 2016/425.</summary>
    public static readonly string[] MisleadingTitles =
        ["CERTIFICATE OF COMPLIANCE", "VOLUNTARY", "ATTESTATION OF CONFORMITY", "VERIFICATION OF COMPLIANCE", "自愿性证书", "符合性证明"];

    /// <summary>§5: the filter series printed on a NIOSH-approved filtering facepiece.</summary>
    public static readonly string[] NioshFilterSeries = ["N95", "N99", "N100", "R95", "R99", "R100", "P95", "P99", "P100"];
}
