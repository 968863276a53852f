using System.Text.Json;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Verification;
using static QualityWatch.Core.Tests.Certification.TestRegistry;

namespace QualityWatch.Core.Tests.Certification;

public class JsonAndCheckDigitTests
{
    [Fact]
    public void Json_has_exactly_the_documented_shape_with_chinese_unescaped()
    {
        var r = CertificateVerifier.Verify(new() { Number = "粤械注准20202140123", ClaimedProduct = "医用外科口罩" }, Reg, AsOf);
        var json = VerificationJson.ToJson(r);
        Assert.Contains("粤械注准20202140123", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(["verdict", "checks", "certificate"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("authentic", root.GetProperty("verdict").GetString());
        foreach (var c in root.GetProperty("checks").EnumerateArray())
        {
            Assert.Equal(["id", "passed", "severity", "evidence"], c.EnumerateObject().Select(p => p.Name));
            Assert.Contains(c.GetProperty("severity").GetString(), new[] { "info", "warning", "critical" });
            Assert.True(c.GetProperty("passed").ValueKind is JsonValueKind.True or JsonValueKind.False);
            Assert.False(string.IsNullOrEmpty(c.GetProperty("evidence").GetProperty("zh").GetString()));
            Assert.False(string.IsNullOrEmpty(c.GetProperty("evidence").GetProperty("en").GetString()));
        }
        var cert = root.GetProperty("certificate");
        Assert.Equal("nmpa-registration", cert.GetProperty("scheme").GetString());
        Assert.Equal("valid", cert.GetProperty("status").GetString());
        Assert.Equal(HolderA, cert.GetProperty("holder").GetProperty("creditCode").GetString());
        Assert.Equal("2020-03-01", cert.GetProperty("issuedOn").GetString());
    }

    [Fact]
    public void Json_certificate_is_null_when_nothing_was_found()
    {
        var r = CertificateVerifier.Verify(new() { FreeText = "CE 1282 KN95" }, Reg, AsOf);
        using var doc = JsonDocument.Parse(VerificationJson.ToJson(r, indented: true));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("certificate").ValueKind);
        Assert.Equal("invalid", doc.RootElement.GetProperty("verdict").GetString());
    }

    /// <summary>identifiers.md §1.7 and §1.6: the claimed holder's credit code goes through GB 32100; a failure is "verify", never "forged".</summary>
    [Theory]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("91110000600037341L", true)]
    [InlineData("91320621MA1MRHG205", true)]
    [InlineData("911522010783762860", true)]
    [InlineData("91620105556284969Y", true)]
    [InlineData("91620105750935948X", true)]
    [InlineData("121200004013590816", true)]
    [InlineData("91110000600037341N", false)]
    [InlineData("91350100M000100Y44", false)]
    [InlineData("91320621MA1MRHG207", false)]
    [InlineData("9111000060003IOZSV", false)]
    [InlineData("91110000600037341", false)]
    [InlineData("91350100M0001TGQXM", false)]
    [InlineData("91350211M0000XUF46", false)]
    [InlineData("91350203M0001FUE2P", false)]
    public void Claimed_holder_credit_codes_are_check_digit_screened(string code, bool passes)
    {
        var r = CertificateVerifier.Verify(new() { Number = "粤械注准20202140999", ClaimedHolderCreditCode = code }, Reg, AsOf);
        var check = r.Checks.Single(c => c.Id == CheckIds.CheckDigit);
        Assert.Equal(passes, check.Passed);
        Assert.Equal(passes ? Severity.Info : Severity.Warning, check.Severity);
        Assert.NotEqual(Verdict.Invalid, r.Verdict);
    }
}
