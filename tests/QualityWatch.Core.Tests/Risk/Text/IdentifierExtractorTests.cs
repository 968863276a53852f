using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Core.Tests.Risk.Text;

/// <summary>Vectors from /work/shared/domain/identifiers.md §1, §3–§8.</summary>
public class IdentifierExtractorTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("91320621MA1MRHG205")]
    [InlineData("911522010783762860")]
    [InlineData("91620105556284969Y")]
    [InlineData("91620105750935948X")]
    [InlineData("121200004013590816")]
    public void Valid_credit_codes_are_found_without_a_keyword(string code)
    {
        var found = Assert.Single(IdentifierExtractor.Extract($"涉事企业{code}生产的口罩"));
        Assert.Equal((IdentifierKind.CreditCode, code, 4, 18, true), (found.Kind, found.Value, found.Start, found.Length, found.Valid));
    }

    [Theory]
    [InlineData("91110000600037341N")]
    [InlineData("91350100M000100Y44")]
    [InlineData("91320621MA1MRHG207")]
    [InlineData("9111000060003IOZSV")]
    [InlineData("91110000600037341")]
    public void Invalid_credit_codes_after_a_keyword_are_flagged(string code)
    {
        var found = Assert.Single(IdentifierExtractor.Extract($"统一社会信用代码：{code}。"));
        Assert.Equal(IdentifierKind.CreditCode, found.Kind);
        Assert.False(found.Valid);
    }

    [Fact]
    public void Full_width_credit_code_is_found_at_its_original_offset()
    {
        const string text = "信用代码 ９１３５０１００Ｍ０００１００Ｙ４３ 查询";
        var found = Assert.Single(IdentifierExtractor.Extract(text));
        Assert.Equal("91350100M000100Y43", found.Value);
        Assert.Equal("９１３５０１００Ｍ０００１００Ｙ４３", text.Substring(found.Start, found.Length));
    }

    [Theory]
    [InlineData("8904000210037", true)]
    [InlineData("7300011000017", true)]
    [InlineData("10614141073464", true)]
    [InlineData("04012345123456", true)]
    [InlineData("04012345987652", true)]
    [InlineData("12345678901231", true)]
    [InlineData("04012345123457", false)]
    [InlineData("8904000210036", false)]
    [InlineData("04012345213456", false)]
    public void Gtin_check_digit(string gtin, bool valid)
    {
        var found = Assert.Single(IdentifierExtractor.Extract($"商品条码{gtin}，外包装破损"));
        Assert.Equal((IdentifierKind.Gtin, gtin, valid), (found.Kind, found.Value, found.Valid));
    }

    [Fact]
    public void Bare_invalid_or_short_numbers_are_not_gtins()
    {
        Assert.Empty(IdentifierExtractor.Extract("订单号8904000210036，电话13812345678，日期20200315"));
        Assert.Single(IdentifierExtractor.Extract("盒子上印着8904000210037"));
    }

    [Theory]
    [InlineData("粤械注准20202140123", true)]
    [InlineData("国械注准20223400123", true)]
    [InlineData("国械注进20152141234", true)]
    [InlineData("国械注准20202140123", false)] // 国 with class II: a domestic mask is registered by the province
    [InlineData("浙械注准20203140123", false)] // province with class III
    [InlineData("粤械注准2020214012", false)]  // one digit short
    public void Medical_device_registration_consistency(string number, bool valid)
    {
        var found = Assert.Single(IdentifierExtractor.Extract($"注册证号：{number}，产品为医用外科口罩"));
        Assert.Equal((IdentifierKind.MedicalDeviceRegistration, number, valid), (found.Kind, found.Value, found.Valid));
    }

    [Fact]
    public void Registration_with_placeholder_digits_is_flagged_invalid()
    {
        var found = Assert.Single(IdentifierExtractor.Extract("盒上印国械注准20203140xxx"));
        Assert.False(found.Valid);
    }

    [Fact]
    public void Old_style_registration_and_filings()
    {
        var found = IdentifierExtractor.Extract("国食药监械(准)字2004第3460123号；备案号国械备20151134；浙温械备20140027号");
        Assert.Equal(
            [(IdentifierKind.MedicalDeviceRegistration, true), (IdentifierKind.MedicalDeviceFiling, true), (IdentifierKind.MedicalDeviceFiling, true)],
            found.Select(f => (f.Kind, f.Valid)).ToArray());
        Assert.Equal("国械备20151134", found[1].Value);
    }

    [Theory]
    [InlineData("TC-84A-9372", "TC-84A-9372", true)]
    [InlineData("TC 84A-9372", "TC-84A-9372", true)]
    [InlineData("tc84a-9372", "TC-84A-9372", true)]
    [InlineData("TC-84A-937", "TC-84A-937", false)]
    public void Niosh_approval(string text, string value, bool valid)
    {
        var found = Assert.Single(IdentifierExtractor.Extract($"N95口罩上印有{text}字样"));
        Assert.Equal((IdentifierKind.NioshApproval, value, valid), (found.Kind, found.Value, found.Valid));
    }

    [Fact]
    public void Notified_body_la_mark_and_ccc()
    {
        var found = IdentifierExtractor.Extract("FFP2口罩标CE 1282；LA 20-01-000123；CCC证书编号2016010901123456");
        Assert.Equal(
            [(IdentifierKind.NotifiedBody, "CE 1282"), (IdentifierKind.LaMark, "LA 20-01-000123"), (IdentifierKind.CccCertificate, "2016010901123456")],
            found.Select(f => (f.Kind, f.Value)).ToArray());
        Assert.All(found, f => Assert.True(f.Valid));
    }

    [Fact]
    public void Ccc_number_needs_a_keyword_and_a_plausible_year()
    {
        Assert.Empty(IdentifierExtractor.Extract("银行卡2016010901123456"));
        Assert.False(Assert.Single(IdentifierExtractor.Extract("3C证书2099010901123456")).Valid);
    }

    [Theory]
    [InlineData("批号：20200315A", "20200315A")]
    [InlineData("生产批号 2003-15", "2003-15")]
    [InlineData("LOT 2020A15", "2020A15")]
    [InlineData("lot no.2020A15", "2020A15")]
    [InlineData("批次号为２００３１５Ｂ", "200315B")]
    public void Batch_numbers(string text, string value)
    {
        var found = Assert.Single(IdentifierExtractor.Extract($"该{text}的口罩不合格"));
        Assert.Equal((IdentifierKind.BatchNumber, value), (found.Kind, found.Value));
    }

    [Fact]
    public void Batch_keyword_without_a_number_is_ignored() =>
        Assert.Empty(IdentifierExtractor.Extract("该批次产品不合格，批号不清"));
}
