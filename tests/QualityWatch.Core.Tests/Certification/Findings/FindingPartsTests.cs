using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Findings;
using QualityWatch.Core.Certification.Oversight;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Tests.Certification.Findings;

/// <summary>The pure parts of the scan: register coverage, reading stored identifiers, subject ids, merging findings into signals.</summary>
public sealed class FindingPartsTests
{
    [Theory]
    [InlineData(CertificateScheme.Ccc, "2020011101234567", "ccc:2020:01")]
    [InlineData(CertificateScheme.NmpaRegistration, "粤械注准20202140001", "nmpa-registration:粤:2020")]
    [InlineData(CertificateScheme.NmpaRegistration, "国械注进20193140123", "nmpa-registration:国:2019")]
    [InlineData(CertificateScheme.NmpaFiling, "粤深械备20200012", "nmpa-filing:粤深:2020")]
    [InlineData(CertificateScheme.NioshApproval, "TC-84A-9372", "niosh:84A")]
    [InlineData(CertificateScheme.NmpaRegistration, "国食药监械(准)字2004第3641234号", null)]
    [InlineData(CertificateScheme.Ccc, "20200111012345", null)]
    [InlineData(CertificateScheme.VoluntaryProduct, "CQC20240101", null)]
    public void Coverage_names_the_part_of_a_register_a_number_belongs_to(CertificateScheme scheme, string key, string? expected) =>
        Assert.Equal(expected, MisuseRules.Coverage(scheme, key));

    [Fact]
    public void Stored_identifiers_are_read_by_kind_and_other_kinds_and_bad_json_are_ignored()
    {
        const string analysis = """
            {"rulesVersion":"3","identifiers":[
              {"kind":"MedicalDeviceRegistration","value":"粤械注准20202140001","start":3,"length":15,"valid":true},
              {"kind":"CreditCode","value":"91350100M000100Y43","start":30,"length":18,"valid":true},
              {"kind":"NioshApproval","value":"TC-84A-9372","start":60,"length":11,"valid":true},
              {"kind":"MedicalDeviceRegistration","value":"粤械注准20202140001","start":90,"length":15,"valid":true},
              {"kind":"CccCertificate","value":"2020011101234567","start":120,"length":16,"valid":true},
              {"kind":"LaMark","value":"LA 20-01-123456","start":140,"length":15,"valid":true}]}
            """;
        Assert.Equal(
            [(CertificateScheme.NmpaRegistration, "粤械注准20202140001"), (CertificateScheme.NioshApproval, "TC-84A-9372"),
             (CertificateScheme.Ccc, "2020011101234567"), (CertificateScheme.LaMark, "LA 20-01-123456")],
            LoadClaims.Identifiers(analysis));
        Assert.Empty(LoadClaims.Identifiers("{\"identifiers\": 5}"));
        Assert.Empty(LoadClaims.Identifiers("not json"));
        Assert.Empty(LoadClaims.Identifiers(null));
    }

    [Fact]
    public void Subject_ids_are_negative_stable_and_distinct()
    {
        var a = SubjectKeys.Body("cnca:CNCA-R-2002-001");
        Assert.True(a < 0);
        Assert.Equal(a, SubjectKeys.Body("cnca:CNCA-R-2002-001"));
        Assert.NotEqual(a, SubjectKeys.Body("cnca:CNCA-R-2002-005"));
        Assert.NotEqual(a, SubjectKeys.Holder("cnca:CNCA-R-2002-001"));
        Assert.True(a > -(1L << 53), "fits a JSON number read as a double");
    }

    [Fact]
    public void Findings_about_one_subject_in_one_week_become_one_signal_and_other_weeks_their_own()
    {
        Finding F(string rule, DateOnly day, double strength, params RecordRef[] evidence) =>
            new(rule, "MASK-SURG", "440306", 42, 42, day, strength, 3, $"{rule} 中文", $"{rule} en") { Evidence = [.. evidence], Vulnerable = VulnerableGroups.Children };
        var drafts = FindingSignals.ToDrafts(
        [
            F(FindingRules.HolderMismatch, new DateOnly(2024, 6, 4), 75, new RecordRef("inspection", 7), FindingSignals.CertificateRef(3)),
            F(FindingRules.StatusMisuse, new DateOnly(2024, 6, 9), 80, new RecordRef("case", 2), FindingSignals.CertificateRef(3)),
            F(FindingRules.OutOfScope, new DateOnly(2024, 6, 10), 70, new RecordRef("product", 1)),
        ]);
        Assert.Equal(2, drafts.Count);
        var week = drafts.Single(d => d.PeriodStart == new DateOnly(2024, 6, 3));
        Assert.Equal("certification|MASK-SURG|440306|counterfeit|event|e42", week.Series.Key);
        Assert.Equal(SignalKind.External, week.Kind);
        Assert.Equal(2, week.Observed);
        Assert.Equal(85, week.Strength); // strongest 80 + 5 for the second finding
        Assert.Equal("cert:status-misuse+holder-mismatch", week.Method);
        Assert.Equal([FindingRules.StatusMisuse, FindingRules.HolderMismatch], FindingRules.FromMethod(week.Method));
        Assert.Equal([new RecordRef("case", 2), new RecordRef("inspection", 7), FindingSignals.CertificateRef(3)], week.Evidence);
        Assert.Equal(VulnerableGroups.Children, week.Vulnerable);
        Assert.StartsWith("status-misuse 中文；holder-mismatch 中文 (status-misuse en; holder-mismatch en)", week.Note, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 6, 10), drafts.Single(d => d != week).PeriodStart);
    }

    [Fact]
    public void A_body_evidence_marker_is_what_the_stored_json_contains()
    {
        var json = RecordRef.ToJson([new RecordRef("certificate", 5), FindingSignals.BodyRef("nmpa")]);
        Assert.Contains(BodyDirectory.EvidenceMarker("nmpa"), json, StringComparison.Ordinal);
        Assert.DoesNotContain(BodyDirectory.EvidenceMarker("niosh"), json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_application_made_while_the_holder_was_listed_is_flagged_even_when_issued_after_restoration()
    {
        var code = TestRegistry.HolderDishonest;
        var listing = new CreditListing(code, CreditListKind.SeriousDishonesty, new DateOnly(2023, 1, 1), RestoredOn: new DateOnly(2024, 2, 1));
        CertificateFacts Facts(long id, DateOnly? applied) =>
            new(id, $"豫械注准2024214000{id}", "mpa:41", CertificateScheme.NmpaRegistration, "MASK-SURG", "郑州某防护用品有限公司", code, null, "410100",
                applied, new DateOnly(2024, 3, 1), null, null);
        var data = new OversightData
        {
            AsOf = new DateOnly(2024, 6, 1),
            Registry = TestRegistry.Reg,
            // Applied while listed; no application date reported; applied after restoration.
            Certificates = [Facts(1, new DateOnly(2024, 1, 10)), Facts(2, null), Facts(3, new DateOnly(2024, 2, 10))],
            Locations = new Dictionary<string, BodyLocation>(),
            Listings = new[] { (Id: 7L, Period: listing) }.ToLookup(_ => code),
        };

        var found = Assert.Single(ListedHolders.Find(data));
        Assert.Contains(FindingSignals.CertificateRef(1), found.Evidence);
        Assert.Contains(new RecordRef("credit-listing", 7), found.Evidence);
        Assert.Contains("2024-01-10", found.NoteZh, StringComparison.Ordinal);
        Assert.Contains("application", found.NoteEn, StringComparison.Ordinal);
    }
}
