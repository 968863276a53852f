using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Numbers;

namespace QualityWatch.Core.Tests.Certification;

/// <summary>
/// Every certificate and body number example in shared/domain/identifiers.md §3–§7. Examples written there with
/// placeholder x's (国械注准20203140xxx) are tested with digits in their place.
/// </summary>
public class NumberVectorTests
{
    private static ParsedNumber Single(string input, CertificateScheme? claimed = null)
    {
        var parse = CertificateNumber.Parse(input, claimed);
        Assert.NotNull(parse.Primary);
        return parse.Primary!;
    }

    [Fact]
    public void Ccc_example_shape_is_valid_and_split_into_its_fields()
    {
        var n = Single("2016010901123456");
        Assert.Equal(NumberKind.CccCertificate, n.Kind);
        Assert.True(n.IsWellFormed);
        Assert.Equal(2016, n.Fields.Year);
        Assert.Equal("01", n.Fields.BodyCode);
        Assert.Equal("0901", n.Fields.ProductCode);
        Assert.Equal("123456", n.Fields.Serial);
    }

    [Theory]
    [InlineData("201601090112345", "length")]
    [InlineData("CCC 20160109011234567", "length")]
    [InlineData("1999010901123456", "year-implausible")]
    public void Malformed_ccc_numbers_are_critical(string input, string problem)
    {
        var n = Single(input, CertificateScheme.Ccc);
        Assert.Equal(NumberKind.CccCertificate, n.Kind);
        Assert.Contains(n.Problems, p => p.Code == problem && p.Severity == Severity.Critical);
    }

    [Theory]
    [InlineData("CNCA-R-2002-001", "R", 2002, "001")]
    [InlineData("CNCA-R-2002-005", "R", 2002, "005")]
    [InlineData("CNCA-R-2002-012", "R", 2002, "012")]
    [InlineData("CNCA-RF-2005-01", "RF", 2005, "01")]
    [InlineData("cnca－r－2002－001", "R", 2002, "001")]
    public void Cnca_approval_numbers(string input, string type, int year, string serial)
    {
        var n = Single(input);
        Assert.Equal(NumberKind.CncaBodyApproval, n.Kind);
        Assert.True(n.IsWellFormed);
        Assert.Equal(type, n.Fields.BodyType);
        Assert.Equal(year, n.Fields.Year);
        Assert.Equal(serial, n.Fields.Serial);
        Assert.Equal($"CNCA-{type}-{year}-{serial}", n.Normalised);
    }

    [Fact]
    public void Cnca_number_with_a_short_serial_is_critical() =>
        Assert.False(Single("CNCA-R-2002-01").IsWellFormed);

    [Fact]
    public void The_cnca_lookup_example_yields_the_body_and_the_certificate_number()
    {
        // §3.2: rzjgId=CNCA-R-2002-001&certNo=00114Q26950R7L/3502 (management-system numbers are body-specific).
        var parse = CertificateNumber.Parse("rzjgId=CNCA-R-2002-001&certNo=00114Q26950R7L/3502");
        Assert.Equal("CNCA-R-2002-001", parse.Body?.Normalised);
        var voluntary = CertificateNumber.Parse("00114Q26950R7L/3502", CertificateScheme.VoluntaryProduct).Primary!;
        Assert.Equal(NumberKind.FreeFormat, voluntary.Kind);
        Assert.Equal(CertificateScheme.VoluntaryProduct, voluntary.Scheme);
        Assert.Equal("00114Q26950R7L/3502", voluntary.Normalised);
    }

    [Theory]
    [InlineData("20-12-345678", 2020)]
    [InlineData("LA 09-01-000123", 2009)]
    public void La_mark_numbers(string input, int year)
    {
        var n = Single(input);
        Assert.Equal(NumberKind.LaMark, n.Kind);
        Assert.Equal(year, n.Fields.Year);
    }

    [Theory]
    // §4.2 worked checks: all well-formed; the product rules judge them (see FraudPatternTests).
    [InlineData("国械注准20203140123", "国", NmpaOrigin.Domestic, 3, "14", "0123")]
    [InlineData("国械注准20223401234", "国", NmpaOrigin.Domestic, 3, "40", "1234")]
    [InlineData("粤械注准202021401234", "粤", NmpaOrigin.Domestic, 2, "14", "01234")]
    [InlineData("粤械注准20202140123", "粤", NmpaOrigin.Domestic, 2, "14", "0123")]
    [InlineData("国械注进20163641234", "国", NmpaOrigin.Imported, 3, "64", "1234")]
    [InlineData("国械注许20182141234", "国", NmpaOrigin.HongKongMacaoTaiwan, 2, "14", "1234")]
    [InlineData("鄂械注准20172640001", "鄂", NmpaOrigin.Domestic, 2, "64", "0001")]
    [InlineData("国械注准 2022 3 40 1234", "国", NmpaOrigin.Domestic, 3, "40", "1234")]
    public void Nmpa_registration_numbers(string input, string authority, NmpaOrigin origin, int cls, string code, string serial)
    {
        var n = Single(input);
        Assert.Equal(NumberKind.NmpaRegistration, n.Kind);
        Assert.True(n.IsWellFormed, string.Join("; ", n.Problems.Select(p => p.MessageEn)));
        Assert.DoesNotContain(n.Problems, p => p.Severity == Severity.Warning);
        Assert.Equal(authority, n.Fields.Authority);
        Assert.Equal(origin, n.Fields.Origin);
        Assert.Equal(cls, n.Fields.DeviceClass);
        Assert.Equal(code, n.Fields.ClassificationCode);
        Assert.Equal(serial, n.Fields.Serial);
    }

    [Fact]
    public void Province_numbers_carry_the_region_code() =>
        Assert.Equal("44", Single("粤械注准20202140123").Fields.RegionCode);

    [Theory]
    [InlineData("国械注准20202140123", "authority-class")] // 国 + 准 must be Class III
    [InlineData("粤械注准20203140123", "authority-class")] // a province registers Class II only
    [InlineData("粤械注进20202140123", "authority-origin")] // imports are registered nationally
    [InlineData("粤械注准2020214012", "length")]
    [InlineData("粤械注准20201140123", "class-invalid")] // Class I is filed, not registered
    [InlineData("粤械注册20202140123", "origin-invalid")]
    [InlineData("港械注准20202140123", "authority-unknown")]
    public void Inconsistent_nmpa_registration_numbers_are_critical(string input, string problem)
    {
        var n = Single(input);
        Assert.Contains(n.Problems, p => p.Code == problem && p.Severity == Severity.Critical);
    }

    [Fact]
    public void Unconfirmed_province_forms_only_warn()
    {
        var n = Single("贵械注准20202140123");
        Assert.True(n.IsWellFormed);
        Assert.Contains(n.Problems, p => p.Code == "authority-alternative-name" && p.Severity == Severity.Warning);
    }

    [Theory]
    [InlineData("国械备20151134", "国", NmpaOrigin.Imported, 2015, "1134")]
    [InlineData("浙温械备20140027", "浙温", NmpaOrigin.Domestic, 2014, "0027")]
    [InlineData("苏苏械备20150023", "苏苏", NmpaOrigin.Domestic, 2015, "0023")]
    public void Nmpa_filing_numbers(string input, string authority, NmpaOrigin origin, int year, string serial)
    {
        var n = Single(input);
        Assert.Equal(NumberKind.NmpaFiling, n.Kind);
        Assert.True(n.IsWellFormed);
        Assert.Equal(authority, n.Fields.Authority);
        Assert.Equal(origin, n.Fields.Origin);
        Assert.Equal(year, n.Fields.Year);
        Assert.Equal(serial, n.Fields.Serial);
        Assert.Equal(1, n.Fields.DeviceClass);
    }

    [Fact]
    public void Filing_number_after_a_label_is_not_confused_with_the_label() =>
        Assert.Equal("国", Single("备案号国械备20151134").Fields.Authority);

    [Fact]
    public void Pre_2014_registration_number()
    {
        var n = Single("国食药监械（准）字2004第3641234号");
        Assert.Equal(NumberKind.NmpaRegistrationPre2014, n.Kind);
        Assert.True(n.IsWellFormed);
        Assert.Equal(CertificateScheme.NmpaRegistration, n.Scheme);
        Assert.Equal(2004, n.Fields.Year);
        Assert.Equal(3, n.Fields.DeviceClass);
        Assert.Equal("64", n.Fields.ClassificationCode);
        Assert.Equal("国食药监械(准)字2004第3641234号", n.Normalised);
        Assert.Contains(n.Problems, p => p.Code == "pre-2014" && p.Severity == Severity.Info);
    }

    [Theory]
    [InlineData("TC-84A-9372")]
    [InlineData("TC 84A-9372")]
    [InlineData("TC84A-9372")]
    [InlineData("NIOSH TC-84A-9372 N95")]
    public void Niosh_approval_numbers(string input)
    {
        var n = Single(input);
        Assert.Equal(NumberKind.NioshApproval, n.Kind);
        Assert.True(n.IsWellFormed);
        Assert.Equal("TC-84A-9372", n.Normalised);
        Assert.Equal("84A", n.Fields.Schedule);
    }

    [Fact]
    public void Niosh_number_with_three_digits_is_critical_and_other_schedules_warn()
    {
        Assert.False(Single("TC-84A-937").IsWellFormed);
        Assert.Contains(Single("TC-23C-1234").Problems, p => p.Code == "schedule" && p.Severity == Severity.Warning);
    }

    [Theory]
    [InlineData("CE 2163", "2163")]
    [InlineData("CE2163", "2163")]
    [InlineData("ＣＥ　１２８２", "1282")]
    [InlineData("FFP2 NR  CE 0598  EN 149:2001+A1:2009", "0598")]
    [InlineData("2163", "2163")]
    public void Notified_body_numbers_next_to_ce(string input, string number)
    {
        var parse = CertificateNumber.Parse(input);
        Assert.Equal(NumberKind.NotifiedBody, parse.Body?.Kind);
        Assert.Equal(number, parse.Body!.Normalised);
        Assert.True(parse.Body.IsWellFormed);
    }

    [Theory]
    [InlineData("CE 123")]
    [InlineData("CE 12345")]
    public void Notified_body_numbers_must_have_four_digits(string input) =>
        Assert.False(CertificateNumber.Parse(input).Body!.IsWellFormed);

    [Fact]
    public void Eu_type_examination_numbers_are_free_format_with_an_issuer_prefix()
    {
        var n = Single("2163-PPE-0451", CertificateScheme.EuTypeExamination);
        Assert.Equal(NumberKind.EuTypeExamination, n.Kind);
        Assert.Equal("2163", n.Fields.NotifiedBody);
        var fromText = CertificateNumber.Parse("EU Type-Examination Certificate No. BSI-PPE-12345, Module B, CE 2797");
        Assert.Equal("BSI-PPE-12345", fromText.Primary!.Normalised);
        Assert.Equal("BSI", fromText.Primary.Fields.IssuerPrefix);
        Assert.Equal("2797", fromText.Body!.Normalised);
    }

    [Fact]
    public void Fda_eua_references()
    {
        Assert.Equal(NumberKind.FdaEua, Single("Authorized under FDA EUA, Appendix A").Kind);
        Assert.Equal("EUA200001", Single("EUA 200001").Normalised);
    }

    [Theory]
    [InlineData("海关查验：粤械注准20202140123 医用外科口罩", NumberKind.NmpaRegistration, "粤械注准20202140123")]
    [InlineData("注册证编号：国械注准20223401234（新冠抗原检测）", NumberKind.NmpaRegistration, "国械注准20223401234")]
    [InlineData("KN95 口罩 CE 2163 EN149", NumberKind.NotifiedBody, "2163")]
    [InlineData("证书编号: 2020010909123456 CCC", NumberKind.CccCertificate, "2020010909123456")]
    public void Free_text_is_recognised(string text, NumberKind kind, string normalised)
    {
        var primary = CertificateNumber.Parse(text).Primary!;
        Assert.Equal(kind, primary.Kind);
        Assert.Equal(normalised, primary.Normalised);
    }

    [Fact]
    public void Claimed_scheme_that_contradicts_the_format_is_critical()
    {
        var parse = CertificateNumber.Parse("粤械注准20202140123", CertificateScheme.Ccc);
        Assert.Contains(parse.Problems, p => p.Code == "scheme-mismatch" && p.Severity == Severity.Critical);
    }

    [Fact]
    public void Nothing_recognisable_is_reported()
    {
        Assert.Contains(CertificateNumber.Parse("合格").Problems, p => p.Code == "unrecognised");
        Assert.Contains(CertificateNumber.Parse("  ").Problems, p => p.Code == "empty");
    }
}
