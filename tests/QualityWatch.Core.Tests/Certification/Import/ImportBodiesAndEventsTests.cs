using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Registry.Enterprises.Import;
using static QualityWatch.Core.Tests.Certification.Import.CertificationTestDb;

namespace QualityWatch.Core.Tests.Certification.Import;

public sealed class ImportBodiesAndEventsTests
{
    private const string Bodies = """
        机构名称,英文名称,批准号,机构类型,国家,简称,机构状态,状态日期,状态说明,批准日期,业务范围
        华信认证中心有限公司,Huaxin Certification Centre,CNCA-R-2016-108,,CN,华信认证；HXC,批准,,,2016-05-01,voluntary|MASK-DAILY、儿童口罩||2016-05-01
        测试公告机构,Test Notified Body,NB 2163,公告机构,TR,,,,,,eu-type-examination|RESP-PART|(EU) 2016/425|2018-04-21
        没有编号的机构,No Number Body,,,CN,,,,,,
        错误编号机构,Wrong Number,CNCA-X-1,认证机构,CN,,,,,,
        范围错误机构,Bad Scope,CNCA-R-2019-201,,CN,,,,,,voluntary|口罩盒子
        """;

    [Fact]
    public async Task Bodies_import_with_scopes_and_statuses_and_a_rerun_changes_nothing()
    {
        await using var t = await CreateAsync();
        await using (var db = t.Context())
        {
            var r = await t.Bodies(db).ImportAsync(Utf8(Bodies), "bodies.csv");
            Assert.Equal((5, 2, 3), (r.Rows, r.Created, r.RejectedRows));
            Assert.Contains(r.Rejects, x => x.Row == 4 && x.Field == "机构标识");
            Assert.Contains(r.Rejects, x => x.Row == 5 && x.Field == "批准号" && x.Value == "CNCA-X-1");
            Assert.Contains(r.Rejects, x => x.Row == 6 && x.Field == "业务范围" && x.Reason.Contains("口罩盒子", StringComparison.Ordinal));
            var huaxin = await db.CertificationBodies.Include(b => b.Scopes).Include(b => b.Statuses).SingleAsync(b => b.Key == "cnca:CNCA-R-2016-108");
            Assert.Equal(BodyKind.CnApproved, huaxin.Kind);
            Assert.Equal(["华信认证", "HXC"], huaxin.Aliases);
            Assert.Equal(["MASK-CHILD", "MASK-DAILY"], huaxin.Scopes.Select(s => s.ProductCategory).Order());
            Assert.All(huaxin.Scopes, s => Assert.Equal(new DateOnly(2016, 5, 1), s.From));
            var nb = await db.CertificationBodies.Include(b => b.Scopes).SingleAsync(b => b.Key == "nb:2163");
            Assert.Equal(("2163", BodyKind.EuNotified, "(EU) 2016/425"), (nb.Number, nb.Kind, nb.Scopes.Single().Legislation));
        }
        await using (var db = t.Context())
        {
            var again = await t.Bodies(db).ImportAsync(Utf8(Bodies), "bodies.csv");
            Assert.Equal((0, 0, 2), (again.Created, again.Updated, again.Unchanged));
        }
        await using (var db = t.Context())
        {
            var suspend = "批准号,机构名称,机构状态,状态日期,状态说明\nCNCA-R-2016-108,华信认证中心有限公司,暂停,2024-03-15,飞行检查不合格\n";
            Assert.Equal(1, (await t.Bodies(db).ImportAsync(Utf8(suspend), "s.csv")).Updated);
            Assert.Equal(0, (await t.Bodies(db).ImportAsync(Utf8(suspend), "s.csv")).Updated);
        }
        var registry = await t.Snapshot.RefreshAsync();
        var body = registry.FindBody("HXC")!;
        Assert.Equal(BodyStatus.Approved, body.StatusOn(new DateOnly(2024, 3, 14)));
        Assert.Equal(BodyStatus.Suspended, body.StatusOn(new DateOnly(2024, 3, 15)));
        Assert.Same(body, registry.FindBody("华信认证中心有限公司"));
    }

    [Fact]
    public async Task Scopes_saved_with_their_new_body_are_audited_with_the_bodys_real_id()
    {
        await using var t = await CreateAsync();
        await using var db = t.Context();
        Assert.Equal(2, (await t.Bodies(db).ImportAsync(Utf8(Bodies), "bodies.csv")).Created);
        var huaxin = await db.CertificationBodies.AsNoTracking().Include(b => b.Scopes).SingleAsync(b => b.Key == "cnca:CNCA-R-2016-108");
        Assert.Equal(2, huaxin.Scopes.Count);
        foreach (var scope in huaxin.Scopes)
        {
            // The scope's foreign key held a temporary value when the change was captured; the entry has the saved one.
            var id = scope.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == "BodyScopeRecord" && a.EntityId == id);
            Assert.Equal("create", entry.Action);
            Assert.Contains($"\"BodyId\":{{\"before\":null,\"after\":{huaxin.Id}}}", entry.Changes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_national_staff_import_bodies()
    {
        await using var t = await CreateAsync();
        await using var db = t.Context(new AccessScope().AsUser("gd", "44", null));
        await Assert.ThrowsAsync<ImportFileException>(() => t.Bodies(db).ImportAsync(Utf8(Bodies), "bodies.csv"));
    }

    private const string Certificates = """
        证书编号,认证机构,认证委托人,统一社会信用代码,产品名称,颁证日期,证书到期日期
        粤械注准20202140123,mpa:44,深圳市康泽医疗用品有限公司,{0},医用外科口罩,2020-03-01,2030-02-28
        粤械注准20202140456,mpa:44,深圳市康泽医疗用品有限公司,{0},医用外科口罩,2020-03-01,2030-02-28
        """;

    [Fact]
    public async Task Events_and_audits_follow_the_lifecycle_rules_and_rerun_changes_nothing()
    {
        await using var t = await CreateAsync();
        await t.ImportGuangdongMpaAsync();
        await using (var db = t.Context())
            Assert.Equal(2, (await t.Certificates(db).ImportAsync(Utf8(Certificates.Replace("{0}", ShenzhenCode, StringComparison.Ordinal)), "c.csv")).Created);
        var events = """
            证书编号,事件类型,日期,说明,审核结论
            粤械注准20202140123,暂停,2021-06-01,抽检不合格,
            粤械注准20202140123,恢复,2021-09-01,整改完成,
            粤械注准20202140123,监督审核,2022-03-01,,通过
            粤械注准20202140123,监督审核,2023-03-01,产品一致性不符合,不通过
            粤械注准20202140456,注销,2022-08-15,企业申请注销,
            粤械注准20202140456,恢复,2023-01-01,,
            粤械注准20202149999,暂停,2021-06-01,,
            粤械注准20202140123,暂停,2019-01-01,,
            粤械注准20202140123,监督审核,2022-05-01,,也许
            粤械注准20202140123,取消,2022-05-01,,
            """;
        var path = t.Write("events.csv", events);
        await using (var db = t.Context())
        {
            var r = await t.Events(db).ImportFileAsync(path);
            Assert.Equal((10, 5, 5), (r.Rows, r.Created, r.RejectedRows));
            Assert.Contains(r.Rejects, x => x.Row == 7 && x.Field == "事件类型" && x.Reason.Contains("最终", StringComparison.Ordinal));
            Assert.Contains(r.Rejects, x => x.Row == 8 && x.Field == "证书编号" && x.Value == "粤械注准20202149999");
            Assert.Contains(r.Rejects, x => x.Row == 9 && x.Field == "日期" && x.Reason.Contains("2020-03-01", StringComparison.Ordinal));
            Assert.Contains(r.Rejects, x => x.Row == 10 && x.Field == "审核结论");
            Assert.Contains(r.Rejects, x => x.Row == 11 && x.Field == "事件类型" && x.Value == "取消");
            Assert.True(File.Exists(RejectFile.PathFor(path)));
        }
        await using (var db = t.Context())
        {
            var again = await t.Events(db).ImportFileAsync(path);
            Assert.Equal((0, 0, 5), (again.Created, again.Updated, again.Unchanged));
        }
        await using (var db = t.Context())
        {
            var a = await db.Certificates.Include(c => c.Events).Include(c => c.Audits).SingleAsync(c => c.Number == "粤械注准20202140123");
            Assert.Equal(CertificateStatus.Valid, a.Status);
            Assert.Equal([LifecycleEventKind.Issued, LifecycleEventKind.Suspended, LifecycleEventKind.Resumed], a.Events.OrderBy(e => e.Date).Select(e => e.Kind));
            Assert.Equal([true, false], a.Audits.OrderBy(x => x.Date).Select(x => x.Passed));
            Assert.Equal(CertificateStatus.Withdrawn, (await db.Certificates.SingleAsync(c => c.Number == "粤械注准20202140456")).Status);
        }

        // The failed surveillance audit is evidence the verifier quotes.
        var registry = await t.Snapshot.RefreshAsync();
        var result = CertificateVerifier.Verify(new VerificationRequest { Number = "粤械注准20202140123" }, registry, new DateOnly(2024, 1, 1));
        Assert.Equal(Verdict.Suspicious, result.Verdict);
        Assert.Contains("2023-03-01", result.Checks.Single(c => c.Id == CheckIds.StatusOnDate).EvidenceZh, StringComparison.Ordinal);
        Assert.Equal(Verdict.Invalid, CertificateVerifier.Verify(new VerificationRequest { Number = "粤械注准20202140123" }, registry, new DateOnly(2021, 7, 1)).Verdict);
    }

    [Fact]
    public async Task A_number_shared_by_two_issuers_needs_the_issuer()
    {
        await using var t = await CreateAsync();
        await using (var db = t.Context())
        {
            var certs = "证书编号,认证类型,认证机构,认证委托人,颁证日期\nPPE-0451,eu-type-examination,ECM,Example GmbH,2020-05-10\nPPE-0451,eu-type-examination,CQC,Example GmbH,2020-05-10\n";
            Assert.Equal(2, (await t.Certificates(db).ImportAsync(Utf8(certs), "c.csv")).Created);
        }
        await using (var db = t.Context())
        {
            var r = await t.Events(db).ImportAsync(Utf8("证书编号,认证机构,事件类型,日期\nPPE-0451,,暂停,2021-01-05\nPPE-0451,ECM,暂停,2021-01-05\n"), "e.csv");
            Assert.Equal((1, 1), (r.Created, r.RejectedRows));
            Assert.Contains("认证机构", r.Rejects.Single().Reason, StringComparison.Ordinal);
            Assert.Equal(CertificateStatus.Suspended, (await db.Certificates.SingleAsync(c => c.IssuerKey == "nb:1282")).Status);
        }
    }
}
