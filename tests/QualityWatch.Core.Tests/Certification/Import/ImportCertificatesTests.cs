using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Registry.Enterprises.Import;
using static QualityWatch.Core.Tests.Certification.Import.CertificationTestDb;

namespace QualityWatch.Core.Tests.Certification.Import;

/// <summary>Certificate import on a real SQLite database: rejects, idempotency, audit, encodings, workbooks, lifecycle from the status column.</summary>
public sealed class ImportCertificatesTests
{
    private const string Header = "证书编号,认证类型,认证机构,认证委托人,统一社会信用代码,生产者（制造商）,产品名称,型号规格,认证依据/标准,产品类别,颁证日期,证书到期日期,证书状态,状态变更日期,状态变更原因,备注";

    private static string Sheet(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    private static readonly string Good = $"粤械注准20202140123,,广东省药品监督管理局,深圳市康泽医疗用品有限公司,{ShenzhenCode},深圳市康泽医疗用品有限公司,医用外科口罩,KZ-01；KZ-02,YY 0469-2011,医用外科口罩,2020-03-01,2025-02-28,有效,,,";
    private static readonly string Ccc = $"2021010907123456,ccc,CQC,苏州市洁安电子有限公司,{SuzhouCode},,电源适配器,JA-PA-01,GB 4943.1-2022,,2021-05-10,2026-05-09,有效,,,";
    private static readonly string Foreign = "HX-2163-PPE-0451,eu-type-examination,ECM,Example Respirator GmbH,,,FFP2 respirator,ER-1,EN 149:2001+A1:2009,RESP-PART,2020-05-10,2025-05-09,,,,";

    [Fact]
    public async Task Good_rows_are_kept_and_every_bad_field_is_reported_by_row_column_value_and_reason()
    {
        await using var t = await CreateAsync();
        await t.ImportGuangdongMpaAsync();
        var path = t.Write("certificates.csv", Sheet(
            Good,
            $"粤械注准2020214012,,广东省药品监督管理局,深圳市康泽医疗用品有限公司,{ShenzhenCode},,医用外科口罩,,,,2020-03-01,,,,,",
            $"粤械注准20202140124,,不存在的认证机构,深圳市康泽医疗用品有限公司,{ShenzhenCode},,医用外科口罩,,,,2020-03-01,,,,,",
            "粤械注准20202140125,,mpa:44,深圳市康泽医疗用品有限公司,91440300ABC,,医用外科口罩,,,,2020-03-01,,,,,",
            $"粤械注准20202140126,,mpa:44,深圳市康泽医疗用品有限公司,{ShenzhenCode},,医用外科口罩,,,,2020-13-45,,暂时,,,",
            Ccc,
            Foreign,
            Good.Replace("KZ-01；KZ-02", "KZ-09", StringComparison.Ordinal),
            $"粤械注准20202140789,,mpa:44,广州市宏达防护用品有限公司,{GuangzhouCode},,医用外科口罩,HD-1,,,2020-03-01,2025-02-28,暂停,2021-06-01,抽检不合格,"));

        await using var db = t.Context();
        var r = await t.Certificates(db).ImportFileAsync(path);

        Assert.Equal(9, r.Rows);
        Assert.Equal(4, r.Created);
        Assert.Equal(5, r.RejectedRows);
        Assert.Contains("备注", r.IgnoredColumns);
        Assert.Contains(r.Rejects, x => x.Row == 3 && x.Field == "证书编号" && x.Value == "粤械注准2020214012" && x.Reason.Length > 0);
        Assert.Contains(r.Rejects, x => x.Row == 4 && x.Field == "认证机构" && x.Value == "不存在的认证机构" && x.Reason.Contains("qw import bodies", StringComparison.Ordinal));
        Assert.Contains(r.Rejects, x => x.Row == 5 && x.Field == "统一社会信用代码" && x.Value == "91440300ABC");
        Assert.Contains(r.Rejects, x => x.Row == 6 && x.Field == "颁证日期" && x.Value == "2020-13-45");
        Assert.Contains(r.Rejects, x => x.Row == 6 && x.Field == "证书状态" && x.Value == "暂时");
        Assert.Contains(r.Rejects, x => x.Row == 9 && x.Field == "证书编号" && x.Reason.Contains("第 2 行", StringComparison.Ordinal));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, (await File.ReadAllBytesAsync(RejectFile.PathFor(path)))[..3]);
        var rejects = await File.ReadAllTextAsync(RejectFile.PathFor(path));
        Assert.StartsWith("row,field,value,reason", rejects, StringComparison.Ordinal);
        Assert.Contains("4,认证机构,不存在的认证机构,", rejects, StringComparison.Ordinal);

        var stored = await db.Certificates.Include(c => c.Events).OrderBy(c => c.Id).ToListAsync();
        var mask = stored.Single(c => c.Number == "粤械注准20202140123");
        Assert.Equal(CertificateScheme.NmpaRegistration, mask.Scheme);
        Assert.Equal("mpa:44", mask.IssuerKey);
        Assert.Equal("440305", mask.RegionCode);
        Assert.NotNull(mask.HolderEnterpriseId);
        Assert.Equal("MASK-SURG", mask.ProductCategory);
        Assert.Equal(["KZ-01", "KZ-02"], mask.Models);
        Assert.Equal([LifecycleEventKind.Issued], mask.Events.Select(e => e.Kind));

        var ccc = stored.Single(c => c.Scheme == CertificateScheme.Ccc);
        Assert.Equal("cnca:CNCA-R-2002-001", ccc.IssuerKey);
        Assert.Null(ccc.HolderEnterpriseId);
        Assert.Equal("320506", ccc.RegionCode); // from the credit code's characters 3–8
        Assert.Null(ccc.ProductCategory);

        var eu = stored.Single(c => c.Scheme == CertificateScheme.EuTypeExamination);
        Assert.Equal("nb:1282", eu.IssuerKey);
        Assert.Null(eu.RegionCode); // a foreign holder: national staff only

        var suspended = stored.Single(c => c.Number == "粤械注准20202140789");
        Assert.Equal(CertificateStatus.Suspended, suspended.Status);
        Assert.Contains(suspended.Events, e => e.Kind == LifecycleEventKind.Suspended && e.Date == new DateOnly(2021, 6, 1) && e.Note == "抽检不合格");
        Assert.Equal("440106", suspended.RegionCode);
    }

    [Fact]
    public async Task Re_running_the_same_file_writes_nothing_and_a_changed_row_is_updated_and_audited()
    {
        await using var t = await CreateAsync();
        await t.ImportGuangdongMpaAsync();
        var path = t.Write("c.csv", Sheet(Good, Ccc, Foreign));
        await using (var db = t.Context())
            Assert.Equal(3, (await t.Certificates(db).ImportFileAsync(path)).Created);
        long auditsBefore;
        await using (var db = t.Context())
            auditsBefore = await db.AuditEntries.CountAsync();

        await using (var db = t.Context())
        {
            var again = await t.Certificates(db).ImportFileAsync(path);
            Assert.Equal((0, 0, 3, 0), (again.Created, again.Updated, again.Unchanged, again.RejectedRows));
            Assert.Equal(auditsBefore, await db.AuditEntries.CountAsync());
        }

        // A sheet with fewer columns saying the same thing changes nothing either.
        var narrow = t.Write("narrow.csv", $"证书编号,认证机构,认证委托人,颁证日期\n粤械注准20202140123,mpa:44,深圳市康泽医疗用品有限公司,2020-03-01\n");
        await using (var db = t.Context())
        {
            var r = await t.Certificates(db).ImportFileAsync(narrow);
            Assert.Equal((0, 1), (r.Updated, r.Unchanged));
            Assert.Equal(auditsBefore, await db.AuditEntries.CountAsync());
        }

        var changed = t.Write("c2.csv", Sheet(Good.Replace("KZ-01；KZ-02", "KZ-01；KZ-03", StringComparison.Ordinal).Replace(",有效,,,", ",暂停,2024-01-10,飞行检查不合格,", StringComparison.Ordinal), Ccc, Foreign));
        await using (var db = t.Context())
        {
            var r = await t.Certificates(db).ImportFileAsync(changed);
            Assert.Equal((0, 1, 2), (r.Created, r.Updated, r.Unchanged));
            var mask = await db.Certificates.Include(c => c.Events).SingleAsync(c => c.Number == "粤械注准20202140123");
            Assert.Equal(["KZ-01", "KZ-03"], mask.Models);
            Assert.Equal(CertificateStatus.Suspended, mask.Status);
            var audit = await db.AuditEntries.Where(a => a.EntityType == "CertificateRecord" && a.Action == "update").ToListAsync();
            var entry = Assert.Single(audit);
            Assert.Equal(mask.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
            Assert.Contains("KZ-03", entry.Changes, StringComparison.Ordinal);
            Assert.Contains("Status", entry.Changes, StringComparison.Ordinal);
            Assert.Equal("440305", entry.RegionCode);
            var eventAudits = await db.AuditEntries.Where(a => a.EntityType == "CertificateEventRecord").ToListAsync();
            Assert.Contains(eventAudits, a => After(a.Changes, "Note") == "飞行检查不合格" && After(a.Changes, "CertificateId") == entry.EntityId);
            // Every event's audit entry names its certificate's real id, also for certificates created in the same batch.
            Assert.All(eventAudits, a => Assert.True(long.Parse(After(a.Changes, "CertificateId")!, System.Globalization.CultureInfo.InvariantCulture) > 0, a.Changes));
        }
    }

    internal static string? After(string changes, string property) =>
        System.Text.Json.JsonDocument.Parse(changes).RootElement.TryGetProperty(property, out var p) ? p.GetProperty("after").ToString() : null;

    [Fact]
    public async Task A_status_the_rules_forbid_rejects_the_row()
    {
        await using var t = await CreateAsync();
        await t.ImportGuangdongMpaAsync();
        await using (var db = t.Context())
            await t.Certificates(db).ImportAsync(Utf8(Sheet(Good.Replace(",有效,,,", ",注销,2022-08-15,企业申请注销,", StringComparison.Ordinal))), "a.csv");
        await using (var db = t.Context())
        {
            var r = await t.Certificates(db).ImportAsync(Utf8(Sheet(Good)), "b.csv");
            var reject = Assert.Single(r.Rejects);
            Assert.Equal("证书状态", reject.Field);
            Assert.Contains("最终", reject.Reason, StringComparison.Ordinal);
            Assert.Equal(CertificateStatus.Withdrawn, (await db.Certificates.SingleAsync()).Status);
        }
    }

    [Fact]
    public async Task Gb18030_csv_and_xlsx_import_alike()
    {
        await using var t = await CreateAsync();
        await t.ImportGuangdongMpaAsync();
        var gb = t.Write("gb.csv", Sheet(Good), SheetReader.Gb18030);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(File.ReadAllBytes(gb)));
        await using (var db = t.Context())
        {
            var r = await t.Certificates(db).ImportFileAsync(gb);
            Assert.Equal(1, r.Created);
            Assert.Equal("深圳市康泽医疗用品有限公司", (await db.Certificates.SingleAsync()).HolderName);
        }

        var xlsx = t.Database.PathOf("c.xlsx");
        var rows = new[]
        {
            new Dictionary<string, object>
            {
                ["证书编号"] = "2021010907123456", ["认证类型"] = "强制性产品认证", ["认证机构"] = "CNCA-R-2002-001", ["认证委托人"] = "苏州市洁安电子有限公司",
                ["统一社会信用代码"] = SuzhouCode, ["产品名称"] = "电源适配器", ["颁证日期"] = new DateTime(2021, 5, 10), ["证书到期日期"] = "2026-05-09",
            },
        };
        await MiniExcel.SaveAsAsync(xlsx, rows);
        await using (var db = t.Context())
        {
            var r = await t.Certificates(db).ImportFileAsync(xlsx);
            Assert.True(r.Created == 1, string.Join("; ", r.Rejects.Select(x => x.Field + " " + x.Reason)));
            var ccc = await db.Certificates.SingleAsync(c => c.Scheme == CertificateScheme.Ccc);
            Assert.Equal(new DateOnly(2021, 5, 10), ccc.IssuedOn);
        }
        await using (var db = t.Context())
            Assert.Equal(1, (await t.Certificates(db).ImportFileAsync(xlsx)).Unchanged);
    }

    [Fact]
    public async Task A_regional_officer_imports_only_holders_of_their_region()
    {
        await using var t = await CreateAsync();
        await t.ImportGuangdongMpaAsync();
        var shenzhen = new AccessScope().AsUser("sz.officer", "4403", null);
        await using var db = t.Context(shenzhen);
        var r = await t.Certificates(db).ImportAsync(Utf8(Sheet(Good,
            $"粤械注准20202140789,,mpa:44,广州市宏达防护用品有限公司,{GuangzhouCode},,医用外科口罩,,,,2020-03-01,,,,,", Foreign)), "r.csv");
        Assert.Equal(1, r.Created);
        Assert.Equal(2, r.RejectedRows);
        Assert.Contains(r.Rejects, x => x.Row == 3 && x.Reason.Contains("outside your region", StringComparison.Ordinal));
        Assert.Contains(r.Rejects, x => x.Row == 4 && x.Reason.Contains("national staff only", StringComparison.Ordinal));
        var audit = await db.AuditEntries.Where(a => a.EntityType == "CertificateRecord").SingleAsync();
        Assert.Equal("sz.officer", audit.Actor);
    }

    [Fact]
    public async Task After_an_import_the_snapshot_reloads_and_verification_sees_the_certificate()
    {
        await using var t = await CreateAsync();
        await t.ImportGuangdongMpaAsync();
        var before = await t.Snapshot.GetAsync();
        Assert.Empty(before.FindByNumber(CertificateScheme.NmpaRegistration, "粤械注准20202140123"));
        await using (var db = t.Context())
            await t.Certificates(db).ImportAsync(Utf8(Sheet(Good)), "c.csv");
        // Readers keep the old snapshot while the reload runs; it must arrive without anyone calling Refresh.
        CertificateRegistry current = before;
        for (var i = 0; i < 200 && current.CertificateCount == 0; i++)
        {
            current = await t.Snapshot.GetAsync();
            if (current.CertificateCount == 0)
                await Task.Delay(50);
        }
        var result = CertificateVerifier.Verify(new VerificationRequest { Number = "粤械注准20202140123", ClaimedHolderCreditCode = ShenzhenCode, ClaimedProduct = "医用外科口罩" },
            current, new DateOnly(2024, 6, 1));
        Assert.Equal(Verdict.Authentic, result.Verdict);
        Assert.Equal("广东省药品监督管理局", result.Issuer?.NameZh);
    }

    [Fact]
    public async Task A_sheet_without_a_number_column_is_refused_as_a_whole()
    {
        await using var t = await CreateAsync();
        await using var db = t.Context();
        var e = await Assert.ThrowsAsync<ImportFileException>(() => t.Certificates(db).ImportAsync(Utf8("名称,日期\n甲,2020-01-01\n"), "x.csv"));
        Assert.Contains("证书编号", e.Message, StringComparison.Ordinal);
    }
}
