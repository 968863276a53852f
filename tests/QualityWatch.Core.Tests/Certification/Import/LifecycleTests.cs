using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification.Lifecycle;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Verification;
using static QualityWatch.Core.Tests.Certification.Import.CertificationTestDb;

namespace QualityWatch.Core.Tests.Certification.Import;

/// <summary>The officer's lifecycle handler on a real database, and the transition rules behind it.</summary>
public sealed class LifecycleTests
{
    private static async Task<(CertificationTestDb Db, long Shenzhen, long Guangzhou)> SeedAsync()
    {
        var t = await CreateAsync();
        await t.ImportGuangdongMpaAsync();
        var csv = $"证书编号,认证机构,认证委托人,统一社会信用代码,颁证日期,证书到期日期\n" +
            $"粤械注准20202140123,mpa:44,深圳市康泽医疗用品有限公司,{ShenzhenCode},2020-03-01,2030-02-28\n" +
            $"粤械注准20202140789,mpa:44,广州市宏达防护用品有限公司,{GuangzhouCode},2020-03-01,2030-02-28\n";
        await using var db = t.Context();
        await t.Certificates(db).ImportAsync(Utf8(csv), "c.csv");
        var ids = await db.Certificates.OrderBy(c => c.Number).Select(c => c.Id).ToListAsync();
        return (t, ids[0], ids[1]);
    }

    [Fact]
    public async Task Suspend_resume_and_withdraw_update_the_status_audit_and_snapshot_and_withdrawal_is_final()
    {
        var (t, shenzhen, _) = await SeedAsync();
        await using var _t = t;
        var officer = new AccessScope().AsUser("sz.officer", "4403", null);

        await using (var db = t.Context(officer))
        {
            var r = await t.Lifecycle(db).RunAsync(shenzhen, new CertificateEventInput("suspend", new DateOnly(2024, 5, 6), "国抽不合格"));
            Assert.Equal(LifecycleOutcome.Recorded, r.Outcome);
            Assert.Equal(CertificateStatus.Suspended, r.Certificate!.Status);
            Assert.Equal((LifecycleEventKind.Suspended, "国抽不合格"), (r.Event!.Kind, r.Event.Note));
            var again = await t.Lifecycle(db).RunAsync(shenzhen, new CertificateEventInput("暂停", new DateOnly(2024, 5, 6), null));
            Assert.Equal(LifecycleOutcome.Unchanged, again.Outcome);
        }
        await using (var db = t.Context())
        {
            var audit = await db.AuditEntries.Where(a => a.EntityType == "CertificateRecord" && a.Action == "update").SingleAsync();
            Assert.Equal("sz.officer", audit.Actor);
            Assert.Contains("Status", audit.Changes, StringComparison.Ordinal);
            Assert.Contains(await db.AuditEntries.Where(a => a.EntityType == "CertificateEventRecord").ToListAsync(),
                a => ImportCertificatesTests.After(a.Changes, "Note") == "国抽不合格" && a.Actor == "sz.officer");
        }
        var registry = await t.Snapshot.RefreshAsync();
        Assert.Equal(Verdict.Invalid, CertificateVerifier.Verify(new VerificationRequest { Number = "粤械注准20202140123" }, registry, new DateOnly(2024, 6, 1)).Verdict);

        await using (var db = t.Context(officer))
        {
            Assert.Equal(LifecycleOutcome.Recorded, (await t.Lifecycle(db).RunAsync(shenzhen, new CertificateEventInput("resume", new DateOnly(2024, 7, 1), "整改完成"))).Outcome);
            var withdraw = await t.Lifecycle(db).RunAsync(shenzhen, new CertificateEventInput("注销", new DateOnly(2024, 8, 1), "企业申请"));
            Assert.Equal(CertificateStatus.Withdrawn, withdraw.Certificate!.Status);
            var resume = await t.Lifecycle(db).RunAsync(shenzhen, new CertificateEventInput("resume", new DateOnly(2024, 9, 1), null));
            Assert.Equal(LifecycleOutcome.Invalid, resume.Outcome);
            Assert.Contains("最终", resume.Errors["action"][0], StringComparison.Ordinal);
            // A revocation reported late, dated before the resumption, would contradict the later history.
            var late = await t.Lifecycle(db).RunAsync(shenzhen, new CertificateEventInput("revoke", new DateOnly(2024, 6, 1), null));
            Assert.Equal(LifecycleOutcome.Invalid, late.Outcome);
            Assert.Contains("later record", late.Errors["date"][0], StringComparison.Ordinal);
        }
        await using (var db = t.Context())
        {
            var stored = await db.Certificates.Include(c => c.Events).SingleAsync(c => c.Id == shenzhen);
            Assert.Equal([LifecycleEventKind.Issued, LifecycleEventKind.Suspended, LifecycleEventKind.Resumed, LifecycleEventKind.Withdrawn],
                stored.Events.OrderBy(e => e.Date).Select(e => e.Kind));
        }
    }

    [Theory]
    [InlineData("pause", "2024-05-06", "x", "action")]
    [InlineData("expire", "2024-05-06", "x", "action")]
    [InlineData("change", "2024-05-06", null, "note")]
    [InlineData("suspend", "2019-05-06", "x", "date")]
    [InlineData("suspend", "2999-01-01", "x", "date")]
    [InlineData("resume", "2024-05-06", "x", "action")]
    public async Task Invalid_input_names_the_field(string action, string date, string? note, string field)
    {
        var (t, shenzhen, _) = await SeedAsync();
        await using var _t = t;
        await using var db = t.Context();
        var r = await t.Lifecycle(db).RunAsync(shenzhen, new CertificateEventInput(action, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), note));
        Assert.Equal(LifecycleOutcome.Invalid, r.Outcome);
        Assert.True(r.Errors.ContainsKey(field), string.Join("; ", r.Errors.Select(e => e.Key + ": " + string.Join(" ", e.Value))));
        Assert.Equal(CertificateStatus.Valid, (await db.Certificates.SingleAsync(c => c.Id == shenzhen)).Status);
    }

    [Fact]
    public async Task Another_region_gets_not_found_and_enterprises_get_forbidden()
    {
        var (t, shenzhen, guangzhou) = await SeedAsync();
        await using var _t = t;
        await using (var db = t.Context(new AccessScope().AsUser("sz.officer", "4403", null)))
            Assert.Equal(LifecycleOutcome.NotFound, (await t.Lifecycle(db).RunAsync(guangzhou, new CertificateEventInput("suspend", null, "x"))).Outcome);
        long enterpriseId;
        await using (var db = t.Context())
            enterpriseId = (await db.Certificates.SingleAsync(c => c.Id == shenzhen)).HolderEnterpriseId!.Value;
        await using (var db = t.Context(new AccessScope().AsUser("enterprise", "440305", enterpriseId)))
            Assert.Equal(LifecycleOutcome.Forbidden, (await t.Lifecycle(db).RunAsync(shenzhen, new CertificateEventInput("withdraw", null, "x"))).Outcome);
        await using (var db = t.Context())
            Assert.All(await db.Certificates.ToListAsync(), c => Assert.Equal(CertificateStatus.Valid, c.Status));
    }

    [Fact]
    public void Rules_by_status()
    {
        Assert.True(LifecycleRules.Allowed(CertificateStatus.Valid, LifecycleEventKind.Suspended));
        Assert.False(LifecycleRules.Allowed(CertificateStatus.Suspended, LifecycleEventKind.Suspended));
        Assert.True(LifecycleRules.Allowed(CertificateStatus.Suspended, LifecycleEventKind.Resumed));
        Assert.False(LifecycleRules.Allowed(CertificateStatus.Valid, LifecycleEventKind.Resumed));
        Assert.True(LifecycleRules.Allowed(CertificateStatus.Expired, LifecycleEventKind.Revoked));
        Assert.False(LifecycleRules.Allowed(CertificateStatus.Expired, LifecycleEventKind.Suspended));
        foreach (var kind in Enum.GetValues<LifecycleEventKind>())
        {
            Assert.False(LifecycleRules.Allowed(CertificateStatus.Withdrawn, kind));
            Assert.False(LifecycleRules.Allowed(CertificateStatus.Revoked, kind));
        }
        Assert.Equal(CertificateStatus.Revoked, LifecycleRules.StatusFromEvents(
            [new(new DateOnly(2020, 1, 1), LifecycleEventKind.Issued), new(new DateOnly(2021, 1, 1), LifecycleEventKind.Revoked), new(new DateOnly(2022, 1, 1), LifecycleEventKind.Resumed)]));
    }
}
