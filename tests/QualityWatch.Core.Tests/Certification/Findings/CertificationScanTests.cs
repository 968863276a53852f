using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Findings;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Registry.Batches;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;
using static QualityWatch.Core.Tests.Certification.Findings.CertificationScenario;

namespace QualityWatch.Core.Tests.Certification.Findings;

/// <summary>
/// Realistic cases of every finding type, seeded through the DbContext and found by the real scan (registry snapshot,
/// verifier, Noufaily, signal store, warning rules) on SQLite.
/// </summary>
public sealed class CertificationScanTests
{
    private static readonly DateOnly AsOf = new(2024, 6, 12);
    private static readonly DateOnly EvaluatedWeek = new(2024, 6, 3);

    private const string Mill = "cnca:CNCA-R-2018-101";
    private const string Peer = "cnca:CNCA-R-2019-102";
    private const string Revoker = "cnca:CNCA-R-2020-103";

    private const string N1 = "粤械注准20202140001";
    private const string N2 = "粤械注准20202140002";
    private const string N3 = "粤械注准20212140003";
    private const string Forged = "粤械注准20202140999"; // 2020 Guangdong registrations are in the register, so a missing one is forged
    private const string Uncovered = "浙械注准20232140555";

    private sealed record Seeded(
        long Holder, long Borrower, long Trader, long Oem, long Lapsed, long BodyEnterprise,
        long Inspection, long Case, long Opinion, long Product, long N1Id, long N2Id, long N3Id,
        long ShortId, long FeeId, long ListedId, long UnapprovedId, long ListingId, string HolderH, long StillMade, long Discontinued, long LateLot);

    [Fact]
    public async Task Every_finding_type_becomes_one_signal_with_its_evidence_and_a_rescan_changes_nothing()
    {
        await using var scenario = await CreateAsync();
        var s = await SeedProblemsAsync(scenario);

        var first = await ScanAsync(scenario);
        Assert.Equal(AsOf, first.AsOf);
        Assert.Equal(EvaluatedWeek, first.WeekStart);
        var signals = await SignalsAsync(scenario);
        var byRule = signals.SelectMany(x => FindingRules.FromMethod(x.Method).Select(r => (Rule: r, Signal: x))).ToLookup(x => x.Rule, x => x.Signal);
        Assert.Equal(FindingRules.All.Order(), byRule.Select(g => g.Key).Order());
        Assert.All(FindingRules.All.Where(r => r != FindingRules.StatusMisuse), r => Assert.Single(byRule[r]));
        Assert.Equal(2, byRule[FindingRules.StatusMisuse].Count());
        Assert.Equal(FindingRules.All.Count + 1, signals.Count);
        Assert.All(signals, x =>
        {
            Assert.Equal(SignalKind.External, x.Kind);
            Assert.Equal("certification", x.Source);
            Assert.Equal("counterfeit", x.Problem);
        });

        // Forgery: the news item's Guangdong number is not registered; the Zhejiang one cannot be judged (no Zhejiang register imported).
        var forged = byRule[FindingRules.ForgedNumber].Single();
        Assert.Equal("440300", forged.RegionCode);
        Assert.Null(forged.EnterpriseId);
        Assert.Equal(EvaluatedWeek, forged.PeriodStart);
        Assert.Equal([new RecordRef("opinion", s.Opinion)], RecordRef.ParseList(forged.Evidence));
        Assert.Contains(Forged, forged.Note);
        Assert.DoesNotContain(Uncovered, forged.Note);
        Assert.Equal(3, forged.Severity);

        // Borrowing: a producer's inspection quotes another holder's registration; the trader and the OEM maker do not count.
        var borrowed = byRule[FindingRules.HolderMismatch].Single();
        Assert.Equal(s.Borrower, borrowed.EnterpriseId);
        Assert.Equal("440306", borrowed.RegionCode);
        Assert.Equal("MASK-SURG", borrowed.ProductCategory);
        Assert.Equal([new RecordRef("inspection", s.Inspection), FindingSignals.CertificateRef(s.N1Id), FindingSignals.BodyRef("nmpa")],
            RecordRef.ParseList(borrowed.Evidence));
        Assert.DoesNotContain(signals, x => x.EnterpriseId is { } e && (e == s.Trader || e == s.Oem || e == s.Holder));

        // A revoked registration quoted in a case after the revocation date.
        var lapsed = byRule[FindingRules.StatusMisuse].Single(x => x.PeriodStart == EvaluatedWeek);
        Assert.Equal(s.Lapsed, lapsed.EnterpriseId);
        Assert.Equal("440106", lapsed.RegionCode);
        Assert.Contains(new RecordRef("case", s.Case), RecordRef.ParseList(lapsed.Evidence));
        Assert.Contains(FindingSignals.CertificateRef(s.N2Id), RecordRef.ParseList(lapsed.Evidence));
        Assert.Contains("2024-03-01", lapsed.Note);

        // A product made after its registration was revoked, dated to the first such batch; the discontinued one is not.
        var made = byRule[FindingRules.StatusMisuse].Single(x => x.PeriodStart != EvaluatedWeek);
        Assert.Equal(new DateOnly(2024, 4, 15), made.PeriodStart);
        Assert.Equal(s.Lapsed, made.EnterpriseId);
        Assert.Equal([new RecordRef("batch", s.LateLot), new RecordRef("product", s.StillMade), FindingSignals.CertificateRef(s.N2Id), FindingSignals.BodyRef("nmpa")],
            RecordRef.ParseList(made.Evidence));
        Assert.DoesNotContain(signals, x => RecordRef.ParseList(x.Evidence).Contains(new RecordRef("product", s.Discontinued)));

        // A registered medical protective mask carrying a surgical-mask registration.
        var scope = byRule[FindingRules.OutOfScope].Single();
        Assert.Equal(s.Lapsed, scope.EnterpriseId);
        Assert.Equal("MASK-MEDPROT", scope.ProductCategory);
        Assert.Equal(new DateOnly(2024, 6, 10), scope.PeriodStart);
        Assert.Equal([new RecordRef("product", s.Product), FindingSignals.CertificateRef(s.N3Id), FindingSignals.BodyRef("nmpa")], RecordRef.ParseList(scope.Evidence));

        // The certificate mill in Beijing: a weekly spike, located where the body is registered as an enterprise.
        var volume = byRule[FindingRules.IssuanceVolume].Single();
        Assert.Equal("weekly", volume.Frequency);
        Assert.Equal("110105", volume.RegionCode);
        Assert.Equal(s.BodyEnterprise, volume.EnterpriseId);
        Assert.Equal(EvaluatedWeek, volume.PeriodStart);
        Assert.Equal(25, volume.Observed);
        Assert.True(volume.Threshold < 25 && volume.Expected < 3, $"expected {volume.Expected}, threshold {volume.Threshold}");
        Assert.StartsWith("cert:issuance-volume(noufaily(b=3))", volume.Method, StringComparison.Ordinal);
        Assert.Equal(26, RecordRef.ParseList(volume.Evidence).Count); // 25 certificates and the body
        Assert.EndsWith($"|weekly|e{SubjectKeys.Body(Mill)}", volume.SeriesKey, StringComparison.Ordinal);

        AssertBodyFinding(byRule[FindingRules.UnapprovedScope].Single(), s.UnapprovedId, new DateOnly(2024, 4, 8), "CLOTH-PROT");
        AssertBodyFinding(byRule[FindingRules.ShortIssueTime].Single(), s.ShortId, new DateOnly(2024, 5, 20), "MASK-DAILY");
        var fee = byRule[FindingRules.FeeOutlier].Single();
        AssertBodyFinding(fee, s.FeeId, new DateOnly(2024, 4, 22), "MASK-DAILY");
        Assert.Equal(300, fee.Observed);
        Assert.True(fee.Expected > 6000 && fee.Expected < 9000);
        var listed = byRule[FindingRules.ListedHolder].Single();
        AssertBodyFinding(listed, s.ListedId, new DateOnly(2024, 3, 11), "MASK-DAILY");
        Assert.Contains(new RecordRef("credit-listing", s.ListingId), RecordRef.ParseList(listed.Evidence));

        var rate = byRule[FindingRules.BodyRevocationRate].Single();
        Assert.Equal("100000", rate.RegionCode); // the Shanghai body is not in the enterprise registry
        Assert.Equal(12, rate.Observed);
        Assert.True(rate.Expected < 1.5 && rate.Threshold <= 5, $"expected {rate.Expected}, threshold {rate.Threshold}");
        Assert.Contains(FindingSignals.BodyRef(Revoker), RecordRef.ParseList(rate.Evidence));
        Assert.Equal(new DateOnly(2024, 5, 13), rate.PeriodStart); // the week of the latest revocation, 2024-05-19
        var holder = byRule[FindingRules.HolderRevocationRate].Single();
        Assert.Equal("130102", holder.RegionCode);
        Assert.Equal(4, holder.Observed);
        Assert.Contains(s.HolderH, holder.Note);
        Assert.Contains(FindingSignals.BodyRef(Peer), RecordRef.ParseList(holder.Evidence));

        // Warnings come from the risk module's rules: every signal here is severity 3 or strong enough, and each joined one.
        Assert.All(signals.Where(x => x.Severity >= 3), x => Assert.NotNull(x.WarningId));
        Assert.True(first.WarningsCreated >= 5, $"{first.WarningsCreated} warnings");
        var warnings = await scenario.RunAsync((_, db) => db.RiskWarnings.AsNoTracking().ToListAsync());
        Assert.Contains(warnings, w => w.GroupKey == $"enterprise|{s.Lapsed}");
        Assert.Contains(warnings, w => w.GroupKey == $"enterprise|{s.BodyEnterprise}");

        // Idempotent: the same scan again stores nothing new and raises nothing.
        var second = await ScanAsync(scenario);
        Assert.Equal(0, second.NewSignals);
        Assert.Equal(0, second.UpdatedSignals);
        Assert.Equal(0, second.WarningsCreated);
        Assert.Equal(first.Findings, second.Findings);
        var again = await SignalsAsync(scenario);
        Assert.Equal(signals.Select(x => (x.Id, x.Evidence, x.Observed)), again.Select(x => (x.Id, x.Evidence, x.Observed)));
        Assert.Equal(warnings.Count, await scenario.RunAsync((_, db) => db.RiskWarnings.CountAsync()));

        // Every new signal was audited like any other change.
        var audited = await scenario.RunAsync((_, db) => db.AuditEntries.CountAsync(a => a.EntityType == nameof(RiskSignal) && a.Action == "create"));
        Assert.Equal(signals.Count, audited);
    }

    [Fact]
    public async Task A_clean_registry_and_honest_use_yield_no_findings()
    {
        await using var scenario = await CreateAsync();
        await SeedCleanAsync(scenario);
        var r = await ScanAsync(scenario);
        Assert.True(r.Claims >= 4, $"{r.Claims} claims");
        Assert.True(r.Certificates > 150, $"{r.Certificates} certificates");
        Assert.Empty(r.FindingsByRule);
        Assert.Equal(0, r.Signals);
        Assert.Empty(await SignalsAsync(scenario));
    }

    private static void AssertBodyFinding(RiskSignal signal, long certificateId, DateOnly week, string category)
    {
        Assert.Equal("110105", signal.RegionCode);
        Assert.Equal(week, signal.PeriodStart);
        Assert.Equal(category, signal.ProductCategory);
        Assert.Equal("event", signal.Frequency);
        var evidence = RecordRef.ParseList(signal.Evidence);
        Assert.Contains(FindingSignals.CertificateRef(certificateId), evidence);
        Assert.Contains(FindingSignals.BodyRef(Mill), evidence);
    }

    private static Task<CertificationScanResult> ScanAsync(CertificationScenario scenario) =>
        scenario.RunAsync((sp, _) => sp.GetRequiredService<ScanCertification>().RunAsync(AsOf, default));

    private static Task<List<RiskSignal>> SignalsAsync(CertificationScenario scenario) =>
        scenario.RunAsync((_, db) => db.RiskSignals.AsNoTracking().OrderBy(x => x.Id).ToListAsync());

    /// <summary>The mill's steady customers: one or two certificates a week since 2021, normal times and fees.</summary>
    private static IEnumerable<Issue> Steady(string issuer, string category, DateOnly from, DateOnly until, string prefix, bool withDetails)
    {
        var i = 0;
        for (var week = from; week <= until; week = week.AddDays(7), i++)
        {
            for (var k = 0; k < (i % 3 == 0 ? 2 : 1); k++)
            {
                var issued = week.AddDays(k + 1);
                yield return new Issue(issuer, category, $"{prefix}{i:D4}{k}", $"{category}客户{i}-{k}有限公司", issued,
                    withDetails ? issued.AddDays(-30 - (i % 9)) : null, withDetails ? 6000 + (i % 7 * 500) : null);
            }
        }
    }

    private sealed record Issue(string Issuer, string Category, string Number, string Holder, DateOnly Issued, DateOnly? Applied, decimal? Fee);

    private static Core.Certification.Store.CertificateRecord Voluntary(Issue c) =>
        CertificationScenario.Certificate(CertificateScheme.VoluntaryProduct, c.Number, c.Issuer, c.Holder, null, null, c.Category, c.Issued, c.Applied, c.Fee);

    private static async Task<Seeded> SeedProblemsAsync(CertificationScenario sc)
    {
        var e1 = Enterprise("深圳甲口罩有限公司", sc.CreditCodeFor("440305"), "440305", EnterpriseTypes.Producer);
        var e2 = Enterprise("深圳乙防护用品有限公司", sc.CreditCodeFor("440306"), "440306", EnterpriseTypes.Producer);
        var e3 = Enterprise("深圳丙商贸有限公司", sc.CreditCodeFor("440304"), "440304", EnterpriseTypes.Distributor | EnterpriseTypes.Retailer);
        var e4 = Enterprise("广州丁医疗器械有限公司", sc.CreditCodeFor("440106"), "440106", EnterpriseTypes.Producer);
        var e5 = Enterprise("深圳戊制品有限公司", sc.CreditCodeFor("440307"), "440307", EnterpriseTypes.Producer);
        var bodyEnterprise = Enterprise("北京华认认证中心有限公司", sc.CreditCodeFor("110105"), "110105", EnterpriseTypes.CertificationBody);
        await sc.SeedAsync(db => db.Enterprises.AddRange(e1, e2, e3, e4, e5, bodyEnterprise));

        var n1 = CertificationScenario.Certificate(CertificateScheme.NmpaRegistration, N1, "nmpa", e1.Name, e1.CreditCode, "440305", "MASK-SURG", new DateOnly(2020, 3, 1), holderEnterpriseId: e1.Id);
        n1.Manufacturer = e5.Name; // e5 makes it for e1: OEM production, not borrowing
        var n2 = CertificationScenario.Certificate(CertificateScheme.NmpaRegistration, N2, "nmpa", e4.Name, e4.CreditCode, "440106", "MASK-SURG", new DateOnly(2020, 4, 1),
            holderEnterpriseId: e4.Id, events: (new DateOnly(2024, 3, 1), LifecycleEventKind.Revoked));
        var n3 = CertificationScenario.Certificate(CertificateScheme.NmpaRegistration, N3, "nmpa", e4.Name, e4.CreditCode, "440106", "MASK-SURG", new DateOnly(2021, 1, 5), holderEnterpriseId: e4.Id);
        await sc.SeedAsync(db =>
        {
            db.CertificationBodies.AddRange(
                Body(Mill, "北京华认认证中心有限公司", "Beijing Huaren Certification Centre", "CNCA-R-2018-101",
                    (CertificateScheme.VoluntaryProduct, "MASK-DAILY", new DateOnly(2018, 1, 1)), (CertificateScheme.VoluntaryProduct, "RESP-PART", new DateOnly(2018, 1, 1))),
                Body(Peer, "天津安检认证有限公司", "Tianjin Anjian Certification", "CNCA-R-2019-102", (CertificateScheme.VoluntaryProduct, "RESP-PART", new DateOnly(2018, 1, 1))),
                Body(Revoker, "上海速认认证有限公司", "Shanghai Suren Certification", "CNCA-R-2020-103", (CertificateScheme.VoluntaryProduct, "RESP-PART", new DateOnly(2019, 1, 1))));
            db.Certificates.AddRange(n1, n2, n3);
        });

        // The mill: steady since 2021, then 25 certificates in the evaluated week, and four irregular ones this year.
        var mill = Steady(Mill, "MASK-DAILY", new DateOnly(2021, 1, 4), new DateOnly(2024, 5, 27), "HR-MD-", withDetails: true).ToList();
        mill.AddRange(Enumerable.Range(0, 25).Select(i => new Issue(Mill, "MASK-DAILY", $"HR-SPIKE-{i:D3}", $"新客户{i}有限公司",
            EvaluatedWeek.AddDays(i % 5), EvaluatedWeek.AddDays((i % 5) - 35), 7000)));
        var unapproved = Voluntary(new Issue(Mill, "CLOTH-PROT", "HR-CP-0001", "某防护服有限公司", new DateOnly(2024, 4, 10), new DateOnly(2024, 3, 1), 8000));
        var quick = Voluntary(new Issue(Mill, "MASK-DAILY", "HR-FAST-0001", "急需出口有限公司", new DateOnly(2024, 5, 22), new DateOnly(2024, 5, 20), 7500));
        var cheap = Voluntary(new Issue(Mill, "MASK-DAILY", "HR-CHEAP-0001", "低价口罩有限公司", new DateOnly(2024, 4, 24), new DateOnly(2024, 3, 20), 300));
        var listedCode = sc.CreditCodeFor("110108");
        var listed = Voluntary(new Issue(Mill, "MASK-DAILY", "HR-LIST-0001", "北京失信口罩有限公司", new DateOnly(2024, 3, 14), new DateOnly(2024, 2, 10), 7000));
        listed.HolderCreditCode = listedCode;
        var listing = Listing(listedCode, "北京失信口罩有限公司", "110108", new DateOnly(2024, 1, 2));

        // The peer: a steady respirator practice with two withdrawals, and holder H with four of five withdrawn.
        var peer = Steady(Peer, "RESP-PART", new DateOnly(2021, 1, 4), new DateOnly(2024, 5, 20), "TJ-RP-", withDetails: false).Select(Voluntary).ToList();
        foreach (var (c, on) in new[] { (peer[10], new DateOnly(2022, 5, 1)), (peer[40], new DateOnly(2023, 5, 1)) })
        {
            c.Events.Add(new() { Date = on, Kind = LifecycleEventKind.Withdrawn, RecordedAt = DateTimeOffset.UtcNow });
            c.Status = CertificateStatus.Withdrawn;
        }
        const string holderH = "河北己防护用品有限公司";
        var codeH = sc.CreditCodeFor("130102");
        var hCertificates = Enumerable.Range(0, 5).Select(i =>
        {
            var c = CertificationScenario.Certificate(CertificateScheme.VoluntaryProduct, $"TJ-H-{i}", Peer, holderH, codeH, "130102", "RESP-PART", new DateOnly(2022, 3, 7).AddDays(7 * i),
                events: i < 4 ? [(new DateOnly(2023, 10, 2).AddDays(30 * i), LifecycleEventKind.Withdrawn)] : []);
            return c;
        }).ToList();

        // The revoker: 30 respirator certificates in 2022–23, 12 revoked this year.
        var revoker = Enumerable.Range(0, 30).Select(i => CertificationScenario.Certificate(CertificateScheme.VoluntaryProduct, $"SR-{i:D3}", Revoker, $"上海客户{i}有限公司", null, null,
            "RESP-PART", new DateOnly(2022, 6, 6).AddDays(14 * i),
            events: i < 12 ? [(new DateOnly(2024, 1, 8).AddDays(12 * i), LifecycleEventKind.Revoked)] : [])).ToList();

        await sc.SeedAsync(db =>
        {
            db.Certificates.AddRange(mill.Select(Voluntary));
            db.Certificates.AddRange(unapproved, quick, cheap, listed);
            db.Certificates.AddRange(peer);
            db.Certificates.AddRange(hCertificates);
            db.Certificates.AddRange(revoker);
            db.CreditListings.Add(listing);
        });

        var inspection = Record(new InspectionResult { SourceId = "SC-2024-0601", RegionCode = "440306", ProductText = "医用外科口罩 注册证编号：" + N1, Verdict = InspectionVerdict.Pass },
            new DateOnly(2024, 6, 4), "440306", e2, "MASK-SURG");
        var trader = Record(new Complaint { SourceId = "12315-TRADER", RegionCode = "440304", ProblemText = $"在商贸公司买的外科口罩，包装标注{N1}，质量一般" },
            new DateOnly(2024, 6, 5), "440304", e3, "MASK-SURG");
        var oem = Record(new Complaint { SourceId = "12315-OEM", RegionCode = "440307", ProblemText = $"代工厂生产的外科口罩，注册证{N1}，咨询真伪" },
            new DateOnly(2024, 6, 6), "440307", e5, "MASK-SURG");
        var own = Record(new Complaint { SourceId = "12315-OWN", RegionCode = "440305", ProblemText = $"甲公司外科口罩注册证{N1}是否有效" },
            new DateOnly(2024, 5, 10), "440305", e1, "MASK-SURG");
        var enforcement = Record(new EnforcementCase { SourceId = "穗市监案〔2024〕88号", RegionCode = "440106", ViolationType = "冒用证书", Summary = $"现场查获标注{N2}的医用外科口罩1200盒" },
            new DateOnly(2024, 6, 5), "440106", e4, "MASK-SURG");
        var news = Record(new OpinionItem { SourceId = "https://news.example.cn/fake-mask", RegionCode = "440300", Title = $"网传多款口罩注册证造假：{Forged}、{Uncovered}" },
            new DateOnly(2024, 6, 7), "440300", null, "MASK-SURG");
        var product = new Product
        {
            Category = "MASK-MEDPROT",
            Brand = "丁盾",
            Model = "DD-1860",
            RegistrationNumber = N3,
            ManufacturerId = e4.Id,
            RegionCode = e4.RegionCode,
            IntendedUsers = IntendedUsers.MedicalStaff,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        var honest = new Product
        {
            Category = "MASK-SURG",
            Brand = "甲",
            Model = "JA-01",
            RegistrationNumber = N1,
            ManufacturerId = e1.Id,
            RegionCode = e1.RegionCode,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        // A product still made under the revoked registration (a batch after 2024-03-01), and one whose batches all predate it.
        var stillMade = new Product
        {
            Category = "MASK-SURG",
            Brand = "丁盾",
            Model = "DD-2000",
            RegistrationNumber = N2,
            ManufacturerId = e4.Id,
            RegionCode = e4.RegionCode,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        var discontinued = new Product
        {
            Category = "MASK-SURG",
            Brand = "丁盾",
            Model = "DD-1000",
            RegistrationNumber = N2,
            ManufacturerId = e4.Id,
            RegionCode = e4.RegionCode,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        await sc.SeedAsync(db => db.Products.AddRange(stillMade, discontinued));
        Batch Lot(Product p, string lot, DateOnly made) => new()
        {
            ProductId = p.Id,
            LotNumber = lot,
            ProductionDate = made,
            Quantity = 10000,
            Unit = "只",
            RegionCode = p.RegionCode,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        var lateLot = Lot(stillMade, "DD2000-2404", new DateOnly(2024, 4, 15));
        await sc.SeedAsync(db => db.Batches.AddRange(
            Lot(stillMade, "DD2000-2401", new DateOnly(2024, 1, 20)), lateLot, Lot(stillMade, "DD2000-2405", new DateOnly(2024, 5, 28)),
            Lot(discontinued, "DD1000-2312", new DateOnly(2023, 12, 5)), Lot(discontinued, "DD1000-2402", new DateOnly(2024, 2, 26))));

        await sc.SeedAsync(db =>
        {
            db.InspectionResults.Add(inspection);
            db.Complaints.AddRange(trader, oem, own);
            db.EnforcementCases.Add(enforcement);
            db.OpinionItems.Add(news);
            db.Products.AddRange(product, honest);
        });
        return new Seeded(e1.Id, e2.Id, e3.Id, e5.Id, e4.Id, bodyEnterprise.Id, inspection.Id, enforcement.Id, news.Id, product.Id, n1.Id, n2.Id, n3.Id,
            quick.Id, cheap.Id, listed.Id, unapproved.Id, listing.Id, holderH, stillMade.Id, discontinued.Id, lateLot.Id);
    }

    private static async Task SeedCleanAsync(CertificationScenario sc)
    {
        var e1 = Enterprise("深圳甲口罩有限公司", sc.CreditCodeFor("440305"), "440305", EnterpriseTypes.Producer);
        var e3 = Enterprise("深圳丙商贸有限公司", sc.CreditCodeFor("440304"), "440304", EnterpriseTypes.Distributor);
        await sc.SeedAsync(db => db.Enterprises.AddRange(e1, e3));
        var n1 = CertificationScenario.Certificate(CertificateScheme.NmpaRegistration, N1, "nmpa", e1.Name, e1.CreditCode, "440305", "MASK-SURG", new DateOnly(2020, 3, 1), holderEnterpriseId: e1.Id);
        await sc.SeedAsync(db =>
        {
            db.CertificationBodies.Add(Body(Mill, "北京华认认证中心有限公司", "Beijing Huaren Certification Centre", "CNCA-R-2018-101",
                (CertificateScheme.VoluntaryProduct, "MASK-DAILY", new DateOnly(2018, 1, 1))));
            db.Certificates.Add(n1);
            db.Certificates.AddRange(Steady(Mill, "MASK-DAILY", new DateOnly(2021, 1, 4), new DateOnly(2024, 6, 9), "HR-MD-", withDetails: true).Select(Voluntary));
        });
        await sc.SeedAsync(db =>
        {
            db.Complaints.Add(Record(new Complaint { SourceId = "12315-OWN", RegionCode = "440305", ProblemText = $"甲公司外科口罩注册证{N1}是否有效" },
                new DateOnly(2024, 6, 4), "440305", e1, "MASK-SURG"));
            db.Complaints.Add(Record(new Complaint { SourceId = "12315-TRADER", RegionCode = "440304", ProblemText = $"商贸公司卖的外科口罩，标注{N1}" },
                new DateOnly(2024, 6, 5), "440304", e3, "MASK-SURG"));
            db.OpinionItems.Add(Record(new OpinionItem { SourceId = "https://news.example.cn/genuine", RegionCode = "440300", Title = $"经核查，{N1}为有效注册证" },
                new DateOnly(2024, 6, 6), "440300", null, null));
            db.Products.Add(new Product
            {
                Category = "MASK-SURG",
                Brand = "甲",
                Model = "JA-01",
                RegistrationNumber = N1,
                ManufacturerId = e1.Id,
                RegionCode = e1.RegionCode,
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
        });
    }
}
