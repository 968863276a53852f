using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Seed;
using QualityWatch.Core.Certification.Snapshot;
using static QualityWatch.Core.Tests.Certification.TestRegistry;

namespace QualityWatch.Core.Tests.Certification;

public class RegistryTests
{
    [Fact]
    public void Lookups_by_number_holder_and_body()
    {
        Assert.Same(Authentic, Assert.Single(Reg.FindByNumber(CertificateScheme.NmpaRegistration, " 粤械注准 20202140123 ")));
        Assert.Same(Niosh, Assert.Single(Reg.FindByNumber(CertificateScheme.NioshApproval, "TC 84A-9372")));
        Assert.Equal(2, Reg.ByHolderCreditCode(HolderA.ToLowerInvariant()).Count);
        Assert.Equal("nb:1282", Reg.BodyByNumber("CE 1282")?.Id);
        Assert.Equal("cnca:CNCA-R-2002-001", Reg.FindBody("CQC")?.Id);
        Assert.Equal("cnca:CNCA-R-2002-001", Reg.FindBody("中国质量认证中心")?.Id);
        Assert.Empty(Reg.FindByKey("nothing"));
    }

    [Fact]
    public void Renewals_sharing_a_number_are_all_returned_and_the_valid_one_is_chosen()
    {
        var old = Mask("粤械注准20202140123", "深圳市康泽医疗用品有限公司", HolderA) with { Id = "old", ExpiresOn = new DateOnly(2020, 12, 31) };
        var renewed = old with { Id = "renewed", IssuedOn = new DateOnly(2021, 1, 1), ExpiresOn = new DateOnly(2025, 12, 31) };
        var third = old with { Id = "third", IssuedOn = new DateOnly(2019, 1, 1) };
        var reg = KnownBodies.Registry([old, renewed, third], [GuangdongMpa]);
        Assert.Equal(["old", "renewed", "third"], reg.FindByKey("粤械注准20202140123").Select(c => c.Id));
        var r = QualityWatch.Core.Certification.Verification.CertificateVerifier.Verify(new() { Number = "粤械注准20202140123" }, reg, new DateOnly(2022, 1, 1));
        Assert.Equal("renewed", r.Certificate?.Id);
    }

    [Fact]
    public void Duplicate_body_ids_are_rejected() =>
        Assert.Throws<ArgumentException>(() => CertificateRegistry.Build([Nb2163, Nb2163], []));

    [Fact]
    public void Known_bodies_carry_the_ecm_facts_and_every_misleading_issuer_of_section_6_2()
    {
        var ecm = KnownBodies.Bodies.Single(b => b.Number == "1282");
        Assert.Equal(BodyKind.EuNotified, ecm.Kind);
        Assert.Equal(8, ecm.Scopes.Count);
        Assert.DoesNotContain(ecm.Scopes, s => s.Legislation!.Contains("2016/425", StringComparison.Ordinal));
        Assert.All(KnownBodies.Bodies, b => Assert.False(string.IsNullOrWhiteSpace(b.Source)));
        string[] names = ["ICR Polska", "CELAB", "ISET", "Ente Certificazione Macchine", "NPS", "Amtre Veritas", "STS Inspection", "VIC Testing",
            "Shenzhen CIC Testing", "Huaxun", "East Notice Certification", "HTT", "Shenzhen ITC", "Bestek", "MICEZ", "Shenzhen Huawei Testing", "LTT", "AST.LAB"];
        foreach (var n in names)
            Assert.NotNull(Reg.FindMisleadingIssuer(n));
        Assert.All(KnownBodies.MisleadingIssuers, m => Assert.Contains("identifiers.md", m.Source, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ITC Zlín", false)]
    [InlineData("Institut pro testování a certifikaci (ITC)", false)]
    [InlineData("SWITCH TESTING", false)]
    [InlineData("Shenzhen ITC Testing Co., Ltd", true)]
    [InlineData("ECM Italy", true)]
    [InlineData("Guangzhou BTK Co.", true)]
    public void Short_misleading_names_match_only_as_words(string text, bool expected) =>
        Assert.Equal(expected, Reg.FindMisleadingIssuer(text) is not null);

    [Fact]
    public void Status_on_date_uses_events_and_expiry()
    {
        Assert.Equal(CertificateStatus.NotYetIssued, Suspended.StatusOn(new DateOnly(2020, 1, 1)));
        Assert.Equal(CertificateStatus.Valid, Suspended.StatusOn(new DateOnly(2021, 5, 31)));
        Assert.Equal(CertificateStatus.Suspended, Suspended.StatusOn(new DateOnly(2021, 6, 1)));
        Assert.Equal(CertificateStatus.Expired, Authentic.StatusOn(new DateOnly(2025, 3, 1)));
        var revived = Withdrawn with { Events = [.. Withdrawn.Events, new(new DateOnly(2023, 1, 1), LifecycleEventKind.Resumed)] };
        Assert.Equal(CertificateStatus.Withdrawn, revived.StatusOn(new DateOnly(2023, 6, 1)));
    }

    [Fact]
    public void Registry_keys_equal_the_parsed_normalised_numbers()
    {
        foreach (var c in Reg.Certificates)
        {
            var parsed = CertificateNumber.Parse(c.Number, c.Scheme).Primary!;
            Assert.Equal(CertificateNumber.Key(c.Scheme, c.Number), parsed.Normalised);
        }
    }
}
