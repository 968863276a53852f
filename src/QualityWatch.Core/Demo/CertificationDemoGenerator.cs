using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Import;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Registry.Regions;
using B = QualityWatch.Core.Certification.Import.BodyColumns;
using C = QualityWatch.Core.Certification.Import.CertificateColumns;
using E = QualityWatch.Core.Certification.Import.EventColumns;

namespace QualityWatch.Core.Demo;

/// <summary>A documented fraud (or genuine) claim over the demo registry: verifying <see cref="Request"/> gives <see cref="Expected"/>.</summary>
/// <param name="FailingCheck">The check that decides the verdict; null for an authentic claim.</param>
public sealed record DemoCertificateCase(string Id, string DescriptionZh, string DescriptionEn, VerificationRequest Request, Verdict Expected, string? FailingCheck);

public sealed record CertificationDemoSummary(
    int Bodies,
    int Certificates,
    int Events,
    int Audits,
    IReadOnlyDictionary<CertificateScheme, int> ByScheme,
    IReadOnlyList<DemoCertificateCase> Cases,
    DateOnly AsOf,
    TimeSpan Elapsed);

/// <summary>
/// A certificate registry for the demo enterprises (docs/demo.md § Certification): demo CNCA bodies with scopes, a
/// demo notified body and the provincial medical-products administrations; NMPA registrations for the registered
/// medical devices, voluntary certificates, CCC, EU type-examination and NIOSH approvals with valid numbers; some
/// suspended, resumed, withdrawn, revoked and expired; surveillance audits; and the documented fraud cases. All rows
/// go through the real imports (bodies, certificates, events), so the demo exercises them. Deterministic for a seed,
/// the demo enterprises and the date.
/// </summary>
public sealed class CertificationDemoGenerator(QualityWatchDbContext db, RegistrySnapshot snapshot)
{
    /// <summary>Invented for the demo (not real CNCA or NANDO entries); named 演示 so no one mistakes them.</summary>
    public const string VoluntaryBody = "cnca:CNCA-R-2016-108";
    public const string SuspendedBody = "cnca:CNCA-R-2018-127";
    public const string NotifiedBody = "nb:9001";
    public const string Cqc = "cnca:CNCA-R-2002-001";
    public static readonly DateOnly SuspendedBodyOn = new(2024, 3, 15);

    private static readonly string[] SuspensionNotes =
    [
        "国家监督抽检不合格：颗粒物过滤效率不符合标准要求", "飞行检查发现质量管理体系存在严重缺陷", "监督审核不通过，限期整改", "产品标签标识与注册内容不一致",
    ];

    private static readonly string[] WithdrawalNotes = ["企业申请注销", "产品停产，持证人申请注销", "企业已注销登记"];

    private static readonly Dictionary<string, string> ProvinceEn = new()
    {
        ["11"] = "Beijing",
        ["12"] = "Tianjin",
        ["13"] = "Hebei",
        ["14"] = "Shanxi",
        ["15"] = "Inner Mongolia",
        ["21"] = "Liaoning",
        ["22"] = "Jilin",
        ["23"] = "Heilongjiang",
        ["31"] = "Shanghai",
        ["32"] = "Jiangsu",
        ["33"] = "Zhejiang",
        ["34"] = "Anhui",
        ["35"] = "Fujian",
        ["36"] = "Jiangxi",
        ["37"] = "Shandong",
        ["41"] = "Henan",
        ["42"] = "Hubei",
        ["43"] = "Hunan",
        ["44"] = "Guangdong",
        ["45"] = "Guangxi",
        ["46"] = "Hainan",
        ["50"] = "Chongqing",
        ["51"] = "Sichuan",
        ["52"] = "Guizhou",
        ["53"] = "Yunnan",
        ["54"] = "Tibet",
        ["61"] = "Shaanxi",
        ["62"] = "Gansu",
        ["63"] = "Qinghai",
        ["64"] = "Ningxia",
        ["65"] = "Xinjiang",
    };

    private sealed record Firm(long Id, string Name, string CreditCode, CreditCodeStatus CodeStatus, string RegionCode, EnterpriseTypes Types);

    private sealed record Item(long ProductId, string Category, string Model, string? Grade, string? Registration, Firm Firm);

    /// <summary>One certificate as it goes into the sheet, plus the history that goes into the events sheet.</summary>
    private sealed class Cert
    {
        public required CertificateScheme Scheme { get; init; }
        public required string Number { get; init; }
        public required string Issuer { get; init; }
        public required Firm Holder { get; init; }
        public string? Category { get; init; }
        public required string Product { get; init; }
        public required string Model { get; init; }
        public string? Standard { get; init; }
        public string? Legislation { get; init; }
        public string? Module { get; init; }
        public required DateOnly IssuedOn { get; init; }
        public DateOnly? ExpiresOn { get; set; }
        public CertificateStatus Status { get; set; } = CertificateStatus.Valid;
        public DateOnly? StatusDate { get; set; }
        public string? StatusNote { get; set; }
        public List<(DateOnly Date, string Kind, string? Note, bool? Passed)> History { get; } = [];

        public bool ValidOn(DateOnly d) => Status == CertificateStatus.Valid && IssuedOn <= d && (ExpiresOn is null || ExpiresOn >= d) && History.All(h => h.Kind != "暂停");
    }

    public async Task<CertificationDemoSummary> GenerateAsync(int seed, DateOnly today, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var random = new Random(unchecked(seed * 31 + 5));
        var items = await LoadItemsAsync(ct);
        var provinces = RegionSeed.Load().Where(r => r.Level == RegionLevel.Province).ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);

        var certs = new List<Cert>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        Registrations(random, items, today, certs, keys);
        Voluntary(random, items, today, certs, keys);
        SuspendedBodyCertificates(random, items, certs, keys);
        Ccc(random, items, certs, keys);
        EuAndNiosh(random, items, certs, keys);
        var cases = Cases(random, certs, items, today);

        var mpaProvinces = certs.Where(c => c.Issuer.StartsWith("mpa:", StringComparison.Ordinal)).Select(c => c.Issuer[4..]).Distinct().Order(StringComparer.Ordinal).ToList();
        var bodies = await new ImportBodies(db, snapshot).ImportRowsAsync(BodyRows(mpaProvinces, provinces), [], ct: ct);
        var certificates = await new ImportCertificates(db, snapshot).ImportRowsAsync(CertificateRows(certs, today), [], ct: ct);
        var events = await new ImportCertificateEvents(db, snapshot).ImportRowsAsync(EventRows(certs), [], ct: ct);
        foreach (var (what, r) in new[] { ("bodies", bodies), ("certificates", certificates), ("events", events) })
        {
            // The demo data is generated to be valid; a reject here is a bug in this generator.
            if (r.RejectedRows > 0)
                throw new InvalidOperationException($"demo {what}: {r.RejectedRows} rows rejected, first: row {r.Rejects[0].Row} {r.Rejects[0].Field} '{r.Rejects[0].Value}': {r.Rejects[0].Reason}");
        }
        var audits = certs.Sum(c => c.History.Count(h => h.Passed is not null));
        return new CertificationDemoSummary(bodies.Created + bodies.Updated, certificates.Created + certificates.Updated, events.Created - audits, audits,
            certs.GroupBy(c => c.Scheme).ToDictionary(g => g.Key, g => g.Count()), cases, today, clock.Elapsed);
    }

    private async Task<List<Item>> LoadItemsAsync(CancellationToken ct)
    {
        var firms = await db.Enterprises.IgnoreQueryFilters().AsNoTracking()
            .Select(e => new Firm(e.Id, e.Name, e.CreditCode, e.CreditCodeStatus, e.RegionCode, e.Types))
            .ToDictionaryAsync(f => f.Id, ct);
        var products = await db.Products.IgnoreQueryFilters().AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Category, p.Model, p.Grade, p.RegistrationNumber, p.ManufacturerId }).ToListAsync(ct);
        return [.. products.Where(p => firms.ContainsKey(p.ManufacturerId))
            .Select(p => new Item(p.Id, p.Category, p.Model, p.Grade, p.RegistrationNumber, firms[p.ManufacturerId]))];
    }

    private static DateOnly Day(Random r, int fromYear, int toYear) =>
        new DateOnly(fromYear, 1, 1).AddDays(r.Next(new DateOnly(toYear, 12, 28).DayNumber - new DateOnly(fromYear, 1, 1).DayNumber));

    /// <summary>NMPA Class II registrations of the demo's medical devices, issued by the province's administration.</summary>
    private static void Registrations(Random r, List<Item> items, DateOnly today, List<Cert> certs, HashSet<string> keys)
    {
        foreach (var item in items.Where(i => i.Registration is not null))
        {
            var parsed = CertificateNumber.Parse(item.Registration).Primary;
            // The 2017 catalogue's code 14/07 is only right from 2018 on (the demo's older numbers would rightly warn).
            if (parsed is not { IsWellFormed: true, Fields.Year: >= 2018 and var year } || !keys.Add("nmpa|" + parsed.Normalised))
                continue;
            var issued = new DateOnly(year, 1, 1).AddDays(r.Next(0, 360));
            var category = ProductCategories.Find(item.Category)!;
            var cert = new Cert
            {
                Scheme = CertificateScheme.NmpaRegistration,
                Number = item.Registration!,
                Issuer = "mpa:" + item.Firm.RegionCode[..2],
                Holder = item.Firm,
                Category = item.Category,
                Product = category.NameZh,
                Model = item.Model,
                Standard = category.Standard,
                IssuedOn = issued,
                ExpiresOn = issued.AddYears(5).AddDays(-1),
            };
            // Most holders renew (延续注册) before the five years run out; the number stays the same.
            if (cert.ExpiresOn < today && r.Next(10) < 7)
            {
                cert.History.Add((cert.ExpiresOn.Value.AddDays(-30), "变更", $"延续注册，有效期延至 {cert.ExpiresOn.Value.AddYears(5):yyyy-MM-dd}", null));
                cert.ExpiresOn = cert.ExpiresOn.Value.AddYears(5);
            }
            LifecycleRoll(r, cert, today);
            certs.Add(cert);
        }
    }

    /// <summary>About 4 % suspended (a third of them resumed later), 1.5 % withdrawn, 0.5 % revoked, while still valid.</summary>
    private static void LifecycleRoll(Random r, Cert cert, DateOnly today)
    {
        var roll = r.Next(1000);
        var end = cert.ExpiresOn is { } e && e < today ? e : today.AddDays(-1);
        // After anything already in its history (a renewal), so the events stay in an order the rules accept.
        var from = Max(cert.IssuedOn.AddDays(180), cert.History.Count == 0 ? DateOnly.MinValue : cert.History.Max(h => h.Date).AddDays(1));
        if (roll >= 60 || end <= from)
            return;
        var date = from.AddDays(r.Next(end.DayNumber - from.DayNumber));
        if (roll < 40)
        {
            var note = SuspensionNotes[r.Next(SuspensionNotes.Length)];
            var resumed = date.AddDays(r.Next(60, 150));
            if (roll < 13 && resumed < end)
            {
                cert.History.Add((date, "暂停", note, null));
                cert.History.Add((resumed, "恢复", "整改完成，经核查恢复", null));
                return;
            }
            (cert.Status, cert.StatusDate, cert.StatusNote) = (CertificateStatus.Suspended, date, note);
        }
        else if (roll < 55)
            (cert.Status, cert.StatusDate, cert.StatusNote) = (CertificateStatus.Withdrawn, date, WithdrawalNotes[r.Next(WithdrawalNotes.Length)]);
        else
            (cert.Status, cert.StatusDate, cert.StatusNote) = (CertificateStatus.Revoked, date, "提供虚假检验报告，依法撤销");
    }

    /// <summary>Serials for the demo's NIOSH approvals; the fraud case claims the next one, which nobody holds.</summary>
    private static readonly int[] NioshSerials = [9951, 9952];

    private static readonly Dictionary<string, string> VoluntaryCodes = new()
    {
        ["MASK-DAILY"] = "MD",
        ["MASK-CHILD"] = "MC",
        ["FAB-MELTBLOWN"] = "MB",
        ["FAB-SPUNBOND"] = "SB",
        ["RESP-PART"] = "RP",
        ["GOGGLES"] = "GG",
    };

    /// <summary>Voluntary product certificates of the demo body (daily and children's masks, respirators, fabrics, goggles), audited yearly.</summary>
    private static void Voluntary(Random r, List<Item> items, DateOnly today, List<Cert> certs, HashSet<string> keys)
    {
        foreach (var item in items.Where(i => VoluntaryCodes.ContainsKey(i.Category)))
        {
            if (r.Next(2) == 0)
                continue;
            var issued = Day(r, 2017, 2024);
            var number = $"HXC{issued.Year}{VoluntaryCodes[item.Category]}{r.Next(1, 999999):D6}";
            if (!keys.Add("vol|" + number))
                continue;
            var category = ProductCategories.Find(item.Category)!;
            var cert = new Cert
            {
                Scheme = CertificateScheme.VoluntaryProduct,
                Number = number,
                Issuer = VoluntaryBody,
                Holder = item.Firm,
                Category = item.Category,
                Product = category.NameZh + (item.Grade is null ? "" : "（" + item.Grade + "）"),
                Model = item.Model,
                Standard = category.Standard,
                IssuedOn = issued,
                ExpiresOn = issued.AddYears(5).AddDays(-1),
            };
            LifecycleRoll(r, cert, today);
            var stop = cert.StatusDate ?? Min(today, cert.ExpiresOn!.Value);
            for (var audit = issued.AddYears(1); audit < stop; audit = audit.AddYears(1))
            {
                // A suspension follows a failed audit in the month before it.
                var failed = cert.Status == CertificateStatus.Suspended && audit.AddYears(1) >= stop;
                var date = failed ? Max(audit, stop.AddDays(-30)) : audit;
                if (date < stop && date >= issued)
                    cert.History.Add((date, "监督审核", failed ? "产品一致性检查不符合" : null, !failed));
            }
            certs.Add(cert);
        }
    }

    /// <summary>The demo body suspended on <see cref="SuspendedBodyOn"/>: three certificates before, two during the suspension.</summary>
    private static void SuspendedBodyCertificates(Random r, List<Item> items, List<Cert> certs, HashSet<string> keys)
    {
        var masks = items.Where(i => i.Category is "MASK-DAILY" or "MASK-CHILD" && i.Firm.CodeStatus == CreditCodeStatus.Valid).Take(5).ToList();
        DateOnly[] dates = [new(2019, 8, 20), new(2021, 4, 9), new(2023, 10, 16), new(2024, 6, 18), new(2024, 9, 3)];
        for (var i = 0; i < masks.Count; i++)
        {
            var number = $"GJL-{dates[i].Year}-{r.Next(10000, 99999)}";
            if (!keys.Add("vol|" + number))
                continue;
            var category = ProductCategories.Find(masks[i].Category)!;
            certs.Add(new Cert
            {
                Scheme = CertificateScheme.VoluntaryProduct,
                Number = number,
                Issuer = SuspendedBody,
                Holder = masks[i].Firm,
                Category = masks[i].Category,
                Product = category.NameZh,
                Model = masks[i].Model,
                Standard = category.Standard,
                IssuedOn = dates[i],
                ExpiresOn = dates[i].AddYears(5).AddDays(-1),
            });
        }
    }

    /// <summary>CCC for the power adapters thermometer makers ship (adapters are in the CCC catalogue; thermometers are not).</summary>
    private static void Ccc(Random r, List<Item> items, List<Cert> certs, HashSet<string> keys)
    {
        foreach (var item in items.Where(i => i.Category.StartsWith("THERMO-", StringComparison.Ordinal)).Take(12))
        {
            var issued = Day(r, 2019, 2024);
            var number = $"{issued.Year}010907{r.Next(0, 999999):D6}";
            if (!keys.Add("ccc|" + number))
                continue;
            certs.Add(new Cert
            {
                Scheme = CertificateScheme.Ccc,
                Number = number,
                Issuer = Cqc,
                Holder = item.Firm,
                Product = "电源适配器（体温计配套）",
                Model = item.Model + "-PA",
                Standard = "GB 4943.1-2022",
                IssuedOn = issued,
                ExpiresOn = issued.AddYears(5).AddDays(-1),
            });
        }
    }

    /// <summary>EU type-examination certificates of the demo notified body for exporting respirator makers, and two NIOSH approvals.</summary>
    private static void EuAndNiosh(Random r, List<Item> items, List<Cert> certs, HashSet<string> keys)
    {
        var respirators = items.Where(i => i.Category == "RESP-PART").ToList();
        var exporters = respirators.Where(i => i.Firm.Types.HasFlag(EnterpriseTypes.ImporterExporter)).Concat(respirators).DistinctBy(i => i.Firm.Id).Take(15).ToList();
        foreach (var item in exporters)
        {
            var issued = Day(r, 2020, 2023);
            var number = $"9001-PPE-{issued.Year}-{r.Next(1, 9999):D4}";
            if (!keys.Add("eu|" + number))
                continue;
            certs.Add(new Cert
            {
                Scheme = CertificateScheme.EuTypeExamination,
                Number = number,
                Issuer = NotifiedBody,
                Holder = item.Firm,
                Category = "RESP-PART",
                Product = "FFP2 防颗粒物口罩 (FFP2 particulate respirator)",
                Model = item.Model,
                Standard = "EN 149:2001+A1:2009",
                Legislation = "(EU) 2016/425",
                Module = "B",
                IssuedOn = issued,
                ExpiresOn = issued.AddYears(5).AddDays(-1),
            });
        }
        foreach (var (item, serial) in exporters.Take(2).Zip(NioshSerials))
        {
            certs.Add(new Cert
            {
                Scheme = CertificateScheme.NioshApproval,
                Number = $"TC-84A-{serial}",
                Issuer = "niosh",
                Holder = item.Firm,
                Category = "RESP-PART",
                Product = "N95 颗粒物防护口罩 (N95 filtering facepiece respirator)",
                Model = item.Model,
                Standard = "42 CFR 84 N95",
                Legislation = "42 CFR 84",
                IssuedOn = new DateOnly(2021, 3, 1).AddDays(r.Next(0, 300)),
            });
        }
    }

    /// <summary>
    /// The documented cases. Certificates the cases need in a given state are put into it here (the first suitable
    /// one in Shenzhen or Guangzhou), so every seed and date gives each case.
    /// </summary>
    private static List<DemoCertificateCase> Cases(Random r, List<Cert> certs, List<Item> items, DateOnly today)
    {
        bool Clean(Cert c) => c.Holder.CodeStatus == CreditCodeStatus.Valid && c.History.Count == 0 && c.ValidOn(today) && c.ExpiresOn > today.AddYears(1);
        var nmpa = certs.Where(c => c.Scheme == CertificateScheme.NmpaRegistration && Clean(c)).ToList();
        var used = new HashSet<Cert>();
        // The first certificate meeting the most specific condition that any meets, so small demos still have every case.
        Cert Pick(string what, params Func<Cert, bool>[] preferences)
        {
            foreach (var where in preferences.Append(_ => true))
            {
                if (nmpa.FirstOrDefault(c => where(c) && !used.Contains(c)) is { } found)
                {
                    used.Add(found);
                    return found;
                }
            }
            throw new InvalidOperationException($"the demo registry has no certificate for the case '{what}'");
        }
        static bool In(Cert c, string prefix) => c.Holder.RegionCode.StartsWith(prefix, StringComparison.Ordinal);
        var authentic = Pick("authentic", c => In(c, "4403") && c.Category == "MASK-SURG", c => In(c, "44") && c.Category == "MASK-SURG", c => c.Category == "MASK-SURG");
        var surgical = Pick("out-of-scope", c => c.Category == "MASK-SURG");
        var borrowed = Pick("borrowed", c => In(c, "44"));
        var suspended = Pick("suspended", c => In(c, "4403"), c => In(c, "44"));
        (suspended.Status, suspended.StatusDate, suspended.StatusNote) = (CertificateStatus.Suspended, Max(suspended.IssuedOn.AddDays(200), today.AddDays(-75)), "国家医疗器械抽检：细菌过滤效率不合格");
        var withdrawn = Pick("withdrawn", c => In(c, "4401"), c => In(c, "44"));
        (withdrawn.Status, withdrawn.StatusDate, withdrawn.StatusNote) = (CertificateStatus.Withdrawn, Max(withdrawn.IssuedOn.AddDays(200), today.AddDays(-160)), "企业申请注销");
        var expired = certs.FirstOrDefault(c => c.Scheme == CertificateScheme.NmpaRegistration && c.Status == CertificateStatus.Valid && c.ExpiresOn < today && c.History.Count == 0 && c.Holder.CodeStatus == CreditCodeStatus.Valid)
            ?? throw new InvalidOperationException("the demo registry has no expired certificate");
        // The other firm claiming the borrowed number: a producer of the same category elsewhere, with a valid code.
        var borrower = items.Select(i => i.Firm).First(f => f.Id != borrowed.Holder.Id && f.CodeStatus == CreditCodeStatus.Valid && f.Types.HasFlag(EnterpriseTypes.Producer) && !f.RegionCode.StartsWith("44", StringComparison.Ordinal));
        // A forged number in the genuine holder's own series: same province, year and catalogue, a serial nobody holds.
        var numbers = certs.Select(c => c.Number).ToHashSet(StringComparer.Ordinal);
        string forged;
        do
            forged = authentic.Number[..^4] + r.Next(1, 9999).ToString("D4", CultureInfo.InvariantCulture);
        while (numbers.Contains(forged));
        var duringSuspension = certs.First(c => c.Issuer == SuspendedBody && c.IssuedOn >= SuspendedBodyOn);
        var ccc = certs.First(c => c.Scheme == CertificateScheme.Ccc);
        var voluntary = certs.Where(c => c.Issuer == VoluntaryBody && c.Holder.CodeStatus == CreditCodeStatus.Valid && c.History.All(h => h.Passed != false) && c.ValidOn(today) && c.ExpiresOn > today.AddYears(1))
            .OrderBy(c => c.Category == "MASK-DAILY" ? 0 : 1).First();
        var voluntaryProduct = ProductCategories.Find(voluntary.Category)!.NameZh;
        var category = ProductCategories.Find(authentic.Category)!.NameZh;
        return
        [
            new("authentic-registration", $"真实：{authentic.Holder.Name}（{authentic.Holder.CreditCode}）的{category}注册证 {authentic.Number}，型号 {authentic.Model}", "authentic: a (Shenzhen) surgical-mask registration claimed by its holder",
                new VerificationRequest { Number = authentic.Number, ClaimedProduct = category, Model = authentic.Model, ClaimedHolderName = authentic.Holder.Name, ClaimedHolderCreditCode = authentic.Holder.CreditCode },
                Verdict.Authentic, null),
            new("authentic-voluntary", $"真实：{voluntary.Holder.Name}（{voluntary.Holder.CreditCode}）的{voluntaryProduct}自愿性认证证书 {voluntary.Number}", "authentic: a voluntary product certificate claimed by its holder",
                new VerificationRequest { Number = voluntary.Number, ClaimedScheme = CertificateScheme.VoluntaryProduct, ClaimedProduct = voluntaryProduct, ClaimedHolderCreditCode = voluntary.Holder.CreditCode },
                Verdict.Authentic, null),
            new("forged-number", $"伪造编号：{authentic.Holder.Name} 声称持有登记库中不存在的 {forged}", "forged number: the holder claims a number in its own series that does not exist",
                new VerificationRequest { Number = forged, ClaimedProduct = category, ClaimedHolderCreditCode = authentic.Holder.CreditCode },
                Verdict.Suspicious, CheckIds.InRegistry),
            new("borrowed-certificate", $"借用证书：{borrower.Name}（{borrower.CreditCode}）使用 {borrowed.Holder.Name} 的注册证 {borrowed.Number}", "borrowed certificate: another firm uses a genuine registration",
                new VerificationRequest { Number = borrowed.Number, ClaimedHolderName = borrower.Name, ClaimedHolderCreditCode = borrower.CreditCode },
                Verdict.Invalid, CheckIds.HolderMatches),
            new("out-of-scope-product", $"超范围：医用外科口罩注册证 {surgical.Number} 用于医用一次性防护服", "out of scope: a surgical-mask registration used for protective clothing",
                new VerificationRequest { Number = surgical.Number, ClaimedProduct = "医用一次性防护服" },
                Verdict.Invalid, CheckIds.ProductInScope),
            new("suspended-in-use", $"暂停后仍在使用：{suspended.Number} 已于 {suspended.StatusDate:yyyy-MM-dd} 暂停", "suspended certificate still in use",
                new VerificationRequest { Number = suspended.Number, ClaimedHolderCreditCode = suspended.Holder.CreditCode },
                Verdict.Invalid, CheckIds.StatusOnDate),
            new("withdrawn-in-use", $"注销后仍在使用：{withdrawn.Number} 已于 {withdrawn.StatusDate:yyyy-MM-dd} 注销", "withdrawn certificate still in use",
                new VerificationRequest { Number = withdrawn.Number },
                Verdict.Invalid, CheckIds.StatusOnDate),
            new("expired-in-use", $"过期后仍在使用：{expired.Number} 已于 {expired.ExpiresOn:yyyy-MM-dd} 到期", "expired registration still in use",
                new VerificationRequest { Number = expired.Number },
                Verdict.Invalid, CheckIds.StatusOnDate),
            new("class-iii-on-class-ii-mask", "第三类注册证号用于第二类口罩：国械注准20203140457 声称为医用外科口罩", "a Class III registration number on a Class II surgical mask",
                new VerificationRequest { Number = "国械注准20203140457", ClaimedProduct = "医用外科口罩" },
                Verdict.Invalid, CheckIds.SchemeFitsProduct),
            new("ccc-on-a-mask", $"口罩声称 CCC 认证：借用电源适配器的 CCC 证书 {ccc.Number}", "CCC claimed on a mask (masks are not in the CCC catalogue)",
                new VerificationRequest { Number = ccc.Number, ClaimedScheme = CertificateScheme.Ccc, ClaimedProduct = "口罩" },
                Verdict.Invalid, CheckIds.SchemeFitsProduct),
            new("ce-1282-on-kn95", "KN95 口罩标注 CE 1282（ECM 未获 PPE 授权）", "'CE 1282' on a KN95 respirator (ECM is not notified for PPE)",
                new VerificationRequest { FreeText = "KN95 防护口罩 CE 1282 EN 149:2001 Certificate of Compliance", ClaimedProduct = "KN95" },
                Verdict.Invalid, CheckIds.MisleadingIssuer),
            new("niosh-without-approval", "KN95 口罩声称 NIOSH N95 认证，编号 TC-84A-9953 不在登记库中", "a KN95 claiming a NIOSH approval it does not have",
                new VerificationRequest { Number = "TC-84A-9953", ClaimedProduct = "KN95 口罩", Markings = "NIOSH TC-84A-9953 KN95" },
                Verdict.Invalid, CheckIds.NioshMarking),
            new("issued-while-body-suspended", $"机构暂停期间颁发：{duringSuspension.Number} 由批准已于 {SuspendedBodyOn:yyyy-MM-dd} 暂停的演示机构颁发", "issued by a body whose approval was suspended",
                new VerificationRequest { Number = duringSuspension.Number, ClaimedScheme = CertificateScheme.VoluntaryProduct },
                Verdict.Invalid, CheckIds.IssuerScopeAtIssue),
        ];
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static IEnumerable<SheetRow> BodyRows(List<string> mpaProvinces, Dictionary<string, string> provinces)
    {
        var n = 1;
        SheetRow Row(params (int, string?)[] cells) => CertificationSheet.Row(++n, B.All.Count, cells);
        yield return Row((B.NameZh, "华信认证中心有限公司（演示）"), (B.NameEn, "Huaxin Certification Centre (demo, fictional)"), (B.Number, "CNCA-R-2016-108"),
            (B.Country, "CN"), (B.Aliases, "华信认证；HXC"), (B.Status, "批准"), (B.ApprovedOn, "2016-05-01"), (B.Source, "演示数据 demo data"),
            (B.Scopes, "voluntary|MASK-DAILY、MASK-CHILD、RESP-PART、FAB-MELTBLOWN、FAB-SPUNBOND、GOGGLES||2016-05-01"));
        yield return Row((B.NameZh, "国检联合认证有限公司（演示）"), (B.NameEn, "Guojian United Certification (demo, fictional)"), (B.Number, "CNCA-R-2018-127"),
            (B.Country, "CN"), (B.Aliases, "国检联合；GJL"), (B.ApprovedOn, "2018-09-01"), (B.Status, "暂停"), (B.StatusDate, SuspendedBodyOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (B.StatusNote, "飞行检查发现认证活动不规范，暂停批准（演示）"), (B.Source, "演示数据 demo data"), (B.Scopes, "voluntary|MASK-DAILY、MASK-CHILD||2018-09-01"));
        yield return Row((B.NameZh, "演示公告机构"), (B.NameEn, "Demo Notified Body (fictional)"), (B.Number, "9001"), (B.Kind, "公告机构"), (B.Country, "NL"),
            (B.Status, "批准"), (B.ApprovedOn, "2018-04-21"), (B.Source, "演示数据 demo data; not a NANDO entry"),
            (B.Scopes, "eu-type-examination|RESP-PART|(EU) 2016/425|2018-04-21；eu-production-quality|RESP-PART|(EU) 2016/425|2018-04-21"));
        foreach (var p in mpaProvinces)
        {
            var name = provinces.GetValueOrDefault(p, p);
            yield return Row((B.Key, "mpa:" + p), (B.NameZh, name + "药品监督管理局"), (B.NameEn, ProvinceEn.GetValueOrDefault(p, p) + " Medical Products Administration"),
                (B.Kind, "其他"), (B.Country, "CN"), (B.Aliases, DemoWords.ProvinceShort.TryGetValue(p, out var shortName) ? shortName + "药监局" : null), (B.Scopes, "nmpa-registration；nmpa-filing"),
                (B.Source, "演示数据 demo data"));
        }
    }

    private static IEnumerable<SheetRow> CertificateRows(List<Cert> certs, DateOnly today)
    {
        static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var n = 1;
        foreach (var c in certs)
        {
            yield return CertificationSheet.Row(++n, C.All.Count,
                (C.Number, c.Number), (C.Scheme, c.Scheme.Token()), (C.Issuer, c.Issuer), (C.Holder, c.Holder.Name), (C.HolderCreditCode, c.Holder.CreditCode),
                (C.Manufacturer, c.Holder.Name), (C.Factory, c.Holder.Name), (C.Products, c.Product), (C.Models, c.Model), (C.Standard, c.Standard),
                (C.Category, c.Category), (C.IssuedOn, D(c.IssuedOn)), (C.ExpiresOn, D(c.ExpiresOn)), (C.Status, SchemeWords.StatusZh(c.Status == CertificateStatus.Valid && c.ExpiresOn < today ? CertificateStatus.Expired : c.Status)),
                (C.StatusDate, D(c.StatusDate)), (C.StatusNote, c.StatusNote), (C.Legislation, c.Legislation), (C.Module, c.Module));
        }
    }

    private static IEnumerable<SheetRow> EventRows(List<Cert> certs)
    {
        var n = 1;
        foreach (var c in certs)
        {
            foreach (var (date, kind, note, passed) in c.History.OrderBy(h => h.Date))
            {
                yield return CertificationSheet.Row(++n, E.All.Count, (E.Number, c.Number), (E.Scheme, c.Scheme.Token()), (E.Issuer, c.Issuer), (E.Kind, kind),
                    (E.Date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), (E.Note, note), (E.AuditResult, passed switch { true => "通过", false => "不通过", _ => null }));
            }
        }
    }
}
