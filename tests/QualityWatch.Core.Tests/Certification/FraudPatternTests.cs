using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Verification;
using static QualityWatch.Core.Tests.Certification.TestRegistry;

namespace QualityWatch.Core.Tests.Certification;

/// <summary>One realistic case per fraud pattern of issue 5, plus the authentic baseline.</summary>
public class FraudPatternTests
{
    private static VerificationResult Verify(VerificationRequest req, DateOnly? asOf = null) =>
        CertificateVerifier.Verify(req, Reg, asOf ?? AsOf);

    private static CheckResult Check(VerificationResult r, string id) =>
        r.Checks.SingleOrDefault(c => c.Id == id) ?? throw new Xunit.Sdk.XunitException($"check {id} did not run: {string.Join(", ", r.Checks.Select(c => c.Id))}");

    private static void AssertFailed(VerificationResult r, string id, Severity severity)
    {
        var c = Check(r, id);
        Assert.False(c.Passed, c.EvidenceEn);
        Assert.Equal(severity, c.Severity);
        Assert.False(string.IsNullOrWhiteSpace(c.EvidenceZh));
        Assert.False(string.IsNullOrWhiteSpace(c.EvidenceEn));
    }

    [Fact]
    public void A_registered_mask_with_matching_claims_is_authentic()
    {
        var r = Verify(new() { Number = "粤械注准20202140123", ClaimedProduct = "医用外科口罩", Model = "KZ-01", ClaimedHolderCreditCode = HolderA, ClaimedHolderName = "深圳市康泽医疗用品有限公司" });
        Assert.Equal(Verdict.Authentic, r.Verdict);
        Assert.All(r.Checks, c => Assert.True(c.Passed, c.Id + ": " + c.EvidenceEn));
        Assert.Same(Authentic, r.Certificate);
        foreach (var id in new[] { "format", "check-digit", "in-registry", "issuer-exists", "issuer-scope-at-issue", "status-on-date", "holder-matches", "product-in-scope", "scheme-fits-product", "misleading-issuer", "holder-credit-list" })
            Check(r, id);
    }

    [Fact]
    public void Pasted_free_text_is_verified_too()
    {
        var r = Verify(new() { FreeText = "海关查验 粤械注准20202140123 医用外科口罩 型号KZ-02" });
        Assert.Equal(Verdict.Authentic, r.Verdict);
    }

    [Fact]
    public void Forged_number_not_in_the_registry_is_unknown_on_its_own()
    {
        var r = Verify(new() { Number = "粤械注准20202140999", ClaimedProduct = "医用外科口罩" });
        Assert.Equal(Verdict.Unknown, r.Verdict);
        AssertFailed(r, "in-registry", Severity.Info);
        Assert.Null(r.Certificate);
    }

    [Fact]
    public void Forged_number_claimed_by_a_registered_holder_is_suspicious()
    {
        var r = Verify(new() { Number = "粤械注准20202140999", ClaimedHolderCreditCode = HolderA });
        Assert.Equal(Verdict.Suspicious, r.Verdict);
        AssertFailed(r, "in-registry", Severity.Warning);
        Assert.Contains("粤械注准20202140456", Check(r, "in-registry").EvidenceZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Number_of_another_holder_is_invalid()
    {
        var r = Verify(new() { Number = "粤械注准20202140123", ClaimedHolderCreditCode = HolderB, ClaimedHolderName = "广州市宏达防护用品有限公司" });
        Assert.Equal(Verdict.Invalid, r.Verdict);
        AssertFailed(r, "holder-matches", Severity.Critical);
    }

    [Fact]
    public void Holder_name_only_mismatch_is_suspicious_but_oem_names_pass()
    {
        Assert.Equal(Verdict.Suspicious, Verify(new() { Number = "粤械注准20202140123", ClaimedHolderName = "广州市宏达防护用品有限公司" }).Verdict);
        Assert.Equal(Verdict.Authentic, Verify(new() { Number = "TC-84A-9372", ClaimedHolderName = "SafeBreath Inc.", ClaimedProduct = "N95 respirator" }).Verdict);
    }

    [Fact]
    public void Product_outside_scope_is_invalid()
    {
        var r = Verify(new() { Number = "粤械注准20202140123", ClaimedProduct = "CLOTH-PROT" });
        Assert.Equal(Verdict.Invalid, r.Verdict);
        AssertFailed(r, "product-in-scope", Severity.Critical);
    }

    [Fact]
    public void Model_not_listed_is_suspicious()
    {
        var r = Verify(new() { Number = "粤械注准20202140123", Model = "KZ-99" });
        Assert.Equal(Verdict.Suspicious, r.Verdict);
        AssertFailed(r, "product-in-scope", Severity.Warning);
    }

    [Theory]
    [InlineData("粤械注准20202140789", "暂停")]
    [InlineData("粤械注准20202140790", "注销")]
    public void Suspended_or_withdrawn_certificate_still_used_is_invalid(string number, string word)
    {
        var r = Verify(new() { Number = number });
        Assert.Equal(Verdict.Invalid, r.Verdict);
        AssertFailed(r, "status-on-date", Severity.Critical);
        Assert.Contains(word, Check(r, "status-on-date").EvidenceZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_follows_the_history_over_time()
    {
        Assert.Equal(Verdict.Authentic, Verify(new() { Number = "粤械注准20202140789" }, new DateOnly(2021, 5, 31)).Verdict);
        Assert.Equal(Verdict.Invalid, Verify(new() { Number = "粤械注准20202140791" }, new DateOnly(2021, 7, 1)).Verdict);
        Assert.Equal(Verdict.Authentic, Verify(new() { Number = "粤械注准20202140791" }, new DateOnly(2021, 9, 2)).Verdict);
        Assert.Equal(Verdict.Invalid, Verify(new() { Number = "粤械注准20202140123" }, new DateOnly(2020, 2, 1)).Verdict);
    }

    [Fact]
    public void Expired_certificate_is_invalid()
    {
        var r = Verify(new() { Number = "粤械注准20172640001", ClaimedProduct = "医用外科口罩" });
        Assert.Equal(Verdict.Invalid, r.Verdict);
        AssertFailed(r, "status-on-date", Severity.Critical);
        Assert.Contains("2022-04-30", Check(r, "status-on-date").EvidenceZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Ce_1282_on_a_kn95_respirator_is_invalid_with_the_ecm_evidence()
    {
        var r = Verify(new() { FreeText = "KN95 防护口罩 CE 1282 EN149:2001", ClaimedProduct = "KN95" });
        Assert.Equal(Verdict.Invalid, r.Verdict);
        AssertFailed(r, "issuer-scope-at-issue", Severity.Critical);
        AssertFailed(r, "misleading-issuer", Severity.Critical);
        Assert.Contains("2016/425", Check(r, "issuer-scope-at-issue").EvidenceEn, StringComparison.Ordinal);
        Assert.Contains("1282", Check(r, "misleading-issuer").EvidenceEn, StringComparison.Ordinal);
        Assert.Equal("nb:1282", r.Issuer?.Id);
    }

    [Fact]
    public void Misleading_issuer_named_as_issuer_is_invalid()
    {
        var r = Verify(new() { Number = "HX2020PPE0012", ClaimedScheme = CertificateScheme.EuTypeExamination, ClaimedIssuer = "Shenzhen HX Detect Co., Ltd", ClaimedProduct = "FFP2" });
        Assert.Equal(Verdict.Invalid, r.Verdict);
        AssertFailed(r, "misleading-issuer", Severity.Critical);
    }

    [Fact]
    public void Certificate_of_compliance_is_not_a_ce_certificate()
    {
        var r = Verify(new() { FreeText = "CERTIFICATE OF COMPLIANCE  FFP2 mask  CE 2163", ClaimedProduct = "FFP2" });
        AssertFailed(r, "document-title", Severity.Critical);
        Assert.Equal(Verdict.Invalid, r.Verdict);
    }

    [Fact]
    public void Genuine_eu_certificate_with_its_notified_body()
    {
        var r = Verify(new() { Number = "2163-PPE-0451", ClaimedScheme = CertificateScheme.EuTypeExamination, ClaimedProduct = "FFP2", Model = "JA-9501", ClaimedHolderCreditCode = HolderC });
        Assert.Equal(Verdict.Authentic, r.Verdict);
        Assert.True(Check(r, "issuer-scope-at-issue").Passed);
    }

    [Fact]
    public void Ce_number_and_holder_find_the_holders_certificate()
    {
        var r = Verify(new() { FreeText = "FFP2 CE 2163", ClaimedHolderCreditCode = HolderC });
        Assert.Same(EuFfp2, r.Certificate);
        Assert.Equal(Verdict.Authentic, r.Verdict);
    }

    [Theory]
    [InlineData("口罩")]
    [InlineData("KN95")]
    [InlineData("MASK-SURG")]
    public void Ccc_claimed_on_a_mask_is_invalid(string product)
    {
        var r = Verify(new() { Number = "2016010901123456", ClaimedScheme = CertificateScheme.Ccc, ClaimedProduct = product });
        Assert.Equal(Verdict.Invalid, r.Verdict);
        AssertFailed(r, "scheme-fits-product", Severity.Critical);
    }

    [Fact]
    public void Class_iii_registration_number_on_a_class_ii_mask_is_invalid()
    {
        // §4.2: 国械注准20203140xxx on a mask reads as domestic Class III, category 14.
        var r = Verify(new() { Number = "国械注准20203140123", ClaimedProduct = "医用外科口罩" });
        Assert.Equal(Verdict.Invalid, r.Verdict);
        AssertFailed(r, "scheme-fits-product", Severity.Critical);
        Assert.True(Check(r, "format").Passed);
    }

    [Fact]
    public void Worked_checks_of_section_4_2_that_are_consistent()
    {
        // 国械注准2022340xxxx on an antigen test: consistent (no mask rule applies); <province>械注准20202140xxxx on a mask: consistent.
        Assert.Equal(Verdict.Unknown, Verify(new() { Number = "国械注准20223401234", ClaimedProduct = "新冠抗原检测试剂" }).Verdict);
        var mask = Verify(new() { Number = "粤械注准202021401234", ClaimedProduct = "医用外科口罩" });
        Assert.Equal(Verdict.Unknown, mask.Verdict);
        Assert.True(Check(mask, "scheme-fits-product").Passed);
    }

    [Fact]
    public void Old_classification_code_after_the_2017_catalogue_warns()
    {
        var r = Verify(new() { Number = "粤械注准20212640001", ClaimedProduct = "医用外科口罩" });
        AssertFailed(r, "scheme-fits-product", Severity.Warning);
    }

    [Fact]
    public void Class_i_filing_on_a_medical_mask_is_invalid() =>
        AssertFailed(Verify(new() { Number = "浙温械备20140027", ClaimedProduct = "医用外科口罩" }), "scheme-fits-product", Severity.Critical);

    [Fact]
    public void Niosh_approval_claimed_by_a_kn95_is_invalid()
    {
        var r = Verify(new() { FreeText = "NIOSH TC-84A-9372 KN95 口罩" });
        Assert.Equal(Verdict.Invalid, r.Verdict);
        AssertFailed(r, "niosh-marking", Severity.Critical);
        Assert.Contains("KN95", Check(r, "niosh-marking").EvidenceEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Niosh_approval_claimed_for_children_is_invalid()
    {
        var r = Verify(new() { Number = "TC-84A-9372", ClaimedProduct = "儿童口罩" });
        Assert.Equal(Verdict.Invalid, r.Verdict);
        AssertFailed(r, "niosh-marking", Severity.Critical);
    }

    [Fact]
    public void Niosh_counterfeit_signs_on_the_markings()
    {
        var misspelled = Verify(new() { Number = "TC-84A-9372", Markings = "NOISH N95 TC-84A-9372 ER-8210" });
        AssertFailed(misspelled, "niosh-marking", Severity.Critical);
        var noTc = Verify(new() { Number = "TC-84A-9372", Markings = "NIOSH N95 ER-8210" });
        AssertFailed(noTc, "niosh-marking", Severity.Critical);
        var earLoops = Verify(new() { Number = "TC-84A-9372", Markings = "Example NIOSH N95 TC-84A-9372 ER-8210 耳挂式" });
        AssertFailed(earLoops, "niosh-marking", Severity.Warning);
        var good = Verify(new() { Number = "TC-84A-9372", Model = "ER-8210", Markings = "Example NIOSH N95 TC-84A-9372 ER-8210" });
        Assert.Equal(Verdict.Authentic, good.Verdict);
    }

    [Fact]
    public void Holder_on_the_serious_dishonesty_list_is_suspicious()
    {
        var r = Verify(new() { Number = "粤械注准20202140555" });
        Assert.Equal(Verdict.Suspicious, r.Verdict);
        AssertFailed(r, "holder-credit-list", Severity.Warning);
        Assert.Contains("严重违法失信", Check(r, "holder-credit-list").EvidenceZh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restored_listing_no_longer_counts() =>
        Assert.True(Check(Verify(new() { Number = "粤械注准20202140123" }), "holder-credit-list").Passed);

    [Fact]
    public void Fda_eua_after_revocation_is_invalid()
    {
        Assert.Equal(Verdict.Invalid, Verify(new() { Number = "EUA200001", ClaimedProduct = "KN95" }).Verdict);
        Assert.Equal(Verdict.Authentic, Verify(new() { Number = "EUA200001", ClaimedProduct = "KN95" }, new DateOnly(2020, 9, 1)).Verdict);
    }

    [Fact]
    public void Issuer_suspended_at_issue_date_is_invalid()
    {
        var r = Verify(new() { Number = "CQC-TEST-2024-0001", ClaimedScheme = CertificateScheme.VoluntaryProduct });
        AssertFailed(r, "issuer-scope-at-issue", Severity.Critical);
        Assert.Contains("2023-06-01", Check(r, "issuer-scope-at-issue").EvidenceEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Claimed_issuer_that_differs_from_the_registered_one_is_invalid()
    {
        var r = Verify(new() { Number = "粤械注准20202140123", ClaimedIssuer = "CQC" });
        AssertFailed(r, "issuer-exists", Severity.Critical);
    }

    [Fact]
    public void Claimed_scheme_contradicting_the_number_is_invalid()
    {
        var r = Verify(new() { Number = "粤械注准20202140123", ClaimedScheme = CertificateScheme.Ccc });
        AssertFailed(r, "format", Severity.Critical);
    }

    [Fact]
    public void Number_year_after_the_query_date_is_invalid() =>
        AssertFailed(Verify(new() { Number = "粤械注准20302140123" }), "format", Severity.Critical);
}
