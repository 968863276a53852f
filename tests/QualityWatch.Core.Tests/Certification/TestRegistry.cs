using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Seed;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Tests.Certification;

/// <summary>A small registry: the seed bodies plus invented test bodies, certificates and credit listings.</summary>
internal static class TestRegistry
{
    public static readonly DateOnly AsOf = new(2024, 6, 1);

    public static readonly string HolderA = CreditCode.Build("91", "440300", "MA5F1234");
    public static readonly string HolderB = CreditCode.Build("91", "440100", "MA5G5678");
    public static readonly string HolderC = CreditCode.Build("91", "320500", "MA1X0001");
    public static readonly string HolderDishonest = CreditCode.Build("91", "410100", "MA9K0002");

    public static readonly CertificationBody GuangdongMpa = new()
    {
        Id = "mpa:44",
        NameZh = "广东省药品监督管理局",
        NameEn = "Guangdong Medical Products Administration",
        Kind = BodyKind.Other,
        Scopes = [new BodyScope(CertificateScheme.NmpaRegistration, null, null, null, null)],
    };

    /// <summary>Invented: a notified body for the PPE Regulation (test data, not NANDO).</summary>
    public static readonly CertificationBody Nb2163 = new()
    {
        Id = "nb:2163",
        NameZh = "测试公告机构",
        NameEn = "Test Notified Body",
        Kind = BodyKind.EuNotified,
        Number = "2163",
        Country = "TR",
        Scopes = [new BodyScope(CertificateScheme.EuTypeExamination, "RESP-PART", "(EU) 2016/425", new DateOnly(2018, 4, 21), null)],
    };

    /// <summary>Invented: a CNCA body whose approval was suspended in 2023.</summary>
    public static readonly CertificationBody SuspendedBody = new()
    {
        Id = "cnca:CNCA-R-2015-099",
        NameZh = "测试认证有限公司",
        NameEn = "Test Certification Co.",
        Kind = BodyKind.CnApproved,
        Number = "CNCA-R-2015-099",
        StatusHistory = [new BodyStatusChange(new DateOnly(2015, 3, 1), BodyStatus.Approved), new BodyStatusChange(new DateOnly(2023, 1, 10), BodyStatus.Suspended, "飞行检查不合格")],
        Scopes = [new BodyScope(CertificateScheme.VoluntaryProduct, "MASK-DAILY", null, new DateOnly(2015, 3, 1), null)],
    };

    public static Certificate Mask(string number, string holder, string holderCode, params LifecycleEvent[] events) => new()
    {
        Id = "c:" + number,
        Scheme = CertificateScheme.NmpaRegistration,
        Number = number,
        IssuerBodyId = "mpa:44",
        HolderName = holder,
        HolderCreditCode = holderCode,
        Manufacturer = holder,
        ProductCategory = "MASK-SURG",
        Products = ["医用外科口罩"],
        Models = ["KZ-01", "KZ-02"],
        Standard = "YY 0469-2011",
        IssuedOn = new DateOnly(2020, 3, 1),
        ExpiresOn = new DateOnly(2025, 2, 28),
        Events = events,
    };

    public static readonly Certificate Authentic = Mask("粤械注准20202140123", "深圳市康泽医疗用品有限公司", HolderA);
    public static readonly Certificate OtherOfA = Mask("粤械注准20202140456", "深圳市康泽医疗用品有限公司", HolderA);
    public static readonly Certificate Suspended = Mask("粤械注准20202140789", "广州市宏达防护用品有限公司", HolderB,
        new LifecycleEvent(new DateOnly(2020, 3, 1), LifecycleEventKind.Issued), new LifecycleEvent(new DateOnly(2021, 6, 1), LifecycleEventKind.Suspended, "抽检不合格"));
    public static readonly Certificate Withdrawn = Mask("粤械注准20202140790", "广州市宏达防护用品有限公司", HolderB,
        new LifecycleEvent(new DateOnly(2022, 8, 15), LifecycleEventKind.Withdrawn, "企业申请注销"));
    public static readonly Certificate Resumed = Mask("粤械注准20202140791", "广州市宏达防护用品有限公司", HolderB,
        new LifecycleEvent(new DateOnly(2021, 6, 1), LifecycleEventKind.Suspended), new LifecycleEvent(new DateOnly(2021, 9, 1), LifecycleEventKind.Resumed));
    public static readonly Certificate Expired = Mask("粤械注准20172640001", "苏州市洁安卫材有限公司", HolderC) with
    {
        Id = "c:expired",
        IssuedOn = new DateOnly(2017, 5, 1),
        ExpiresOn = new DateOnly(2022, 4, 30),
    };
    public static readonly Certificate Dishonest = Mask("粤械注准20202140555", "郑州市安康防护科技有限公司", HolderDishonest);

    public static readonly Certificate EuFfp2 = new()
    {
        Id = "c:eu",
        Scheme = CertificateScheme.EuTypeExamination,
        Number = "2163-PPE-0451",
        IssuerBodyId = "nb:2163",
        HolderName = "苏州市洁安卫材有限公司",
        HolderCreditCode = HolderC,
        ProductCategory = "RESP-PART",
        Models = ["JA-9501"],
        Standard = "EN 149:2001+A1:2009",
        Legislation = "(EU) 2016/425",
        Module = "B",
        IssuedOn = new DateOnly(2020, 5, 10),
        ExpiresOn = new DateOnly(2025, 5, 9),
    };

    public static readonly Certificate Niosh = new()
    {
        Id = "c:niosh",
        Scheme = CertificateScheme.NioshApproval,
        Number = "TC-84A-9372",
        IssuerBodyId = "niosh",
        HolderName = "Example Respirator Company",
        PrivateLabels = ["SafeBreath"],
        ProductCategory = "RESP-PART",
        Models = ["ER-8210"],
        Standard = "42 CFR 84 N95",
        IssuedOn = new DateOnly(2016, 2, 1),
    };

    public static readonly Certificate Voluntary = new()
    {
        Id = "c:vol",
        Scheme = CertificateScheme.VoluntaryProduct,
        Number = "CQC-TEST-2024-0001",
        IssuerBodyId = "cnca:CNCA-R-2015-099",
        HolderName = "苏州市洁安卫材有限公司",
        HolderCreditCode = HolderC,
        ProductCategory = "MASK-DAILY",
        IssuedOn = new DateOnly(2023, 6, 1),
        ExpiresOn = new DateOnly(2028, 5, 31),
    };

    public static readonly Certificate EuaListing = new()
    {
        Id = "c:eua",
        Scheme = CertificateScheme.FdaEua,
        Number = "EUA200001",
        IssuerBodyId = "fda",
        HolderName = "苏州市洁安卫材有限公司",
        HolderCreditCode = HolderC,
        ProductCategory = "RESP-PART",
        Models = ["JA-9501"],
        IssuedOn = new DateOnly(2020, 4, 3),
    };

    public static readonly CreditListing SeriousListing = new(HolderDishonest, CreditListKind.SeriousDishonesty, new DateOnly(2023, 9, 1),
        Authority: "郑州市市场监督管理局", Reason: "生产销售不合格医用口罩");

    public static readonly CertificateRegistry Reg = KnownBodies.Registry(
        [Authentic, OtherOfA, Suspended, Withdrawn, Resumed, Expired, Dishonest, EuFfp2, Niosh, Voluntary, EuaListing],
        [GuangdongMpa, Nb2163, SuspendedBody],
        [SeriousListing, new CreditListing(HolderA, CreditListKind.SeriousDishonesty, new DateOnly(2019, 1, 1), RestoredOn: new DateOnly(2019, 12, 1))]);
}
