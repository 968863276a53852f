using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Risk.Sources;
using Xunit.Abstractions;

namespace QualityWatch.Core.Tests.Certification.Import;

/// <summary>The demo registry (docs/demo.md § Certification): every documented case gives its documented verdict, deterministically.</summary>
public sealed class CertificationDemoTests(ITestOutputHelper output)
{
    private static async Task<(CertificationTestDb Db, CertificationDemoSummary Summary)> GenerateAsync(int seed, DateOnly today)
    {
        var t = await CertificationTestDb.CreateEmptyAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => t.Context());
        services.AddQualityWatchIdentityCore();
        services.AddScoped<UserAdmin>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Persistence.QualityWatchDbContext>();
        await new DemoGenerator(db, scope.ServiceProvider.GetRequiredService<UserAdmin>()).GenerateAsync(seed, DemoScale.Small);
        var summary = await new CertificationDemoGenerator(db, t.Snapshot).GenerateAsync(seed, today);
        return (t, summary);
    }

    [Fact]
    public async Task Every_documented_case_gives_its_verdict_and_the_registry_is_the_same_for_the_same_seed()
    {
        var today = SourceRecord.ChinaDate(DateTimeOffset.UtcNow);
        var (t, summary) = await GenerateAsync(20200101, today);
        await using var _t = t;
        output.WriteLine($"{summary.Bodies} bodies, {summary.Certificates} certificates ({string.Join(", ", summary.ByScheme.Select(k => $"{k.Key} {k.Value}"))}), {summary.Events} events, {summary.Audits} audits in {summary.Elapsed.TotalSeconds:0.0} s");
        Assert.True(summary.Certificates > 500, summary.Certificates.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var scheme in new[] { CertificateScheme.NmpaRegistration, CertificateScheme.VoluntaryProduct, CertificateScheme.Ccc, CertificateScheme.EuTypeExamination, CertificateScheme.NioshApproval })
            Assert.True(summary.ByScheme.GetValueOrDefault(scheme) > 0, scheme.ToString());

        var registry = await t.Snapshot.RefreshAsync();
        Assert.Equal(summary.Certificates, registry.CertificateCount);
        var ids = new[] { "authentic-registration", "authentic-voluntary", "forged-number", "borrowed-certificate", "out-of-scope-product", "suspended-in-use",
            "withdrawn-in-use", "expired-in-use", "class-iii-on-class-ii-mask", "ccc-on-a-mask", "ce-1282-on-kn95", "niosh-without-approval", "issued-while-body-suspended" };
        Assert.Equal(ids, summary.Cases.Select(c => c.Id));
        foreach (var c in summary.Cases)
        {
            var r = CertificateVerifier.Verify(c.Request, registry, today);
            output.WriteLine($"{c.Id}: {c.Request.Number ?? c.Request.FreeText} → {r.Verdict} ({string.Join(", ", r.Checks.Where(x => !x.Passed).Select(x => x.Id))})");
            Assert.True(c.Expected == r.Verdict, $"{c.Id}: expected {c.Expected}, got {r.Verdict}: {string.Join(" | ", r.Checks.Where(x => !x.Passed).Select(x => x.Id + " " + x.EvidenceEn))}");
            if (c.FailingCheck is { } id)
                Assert.Contains(r.Checks, x => x.Id == id && !x.Passed);
        }

        await using (var db = t.Context())
        {
            Assert.True(await db.Certificates.CountAsync(c => c.Status == CertificateStatus.Suspended) > 3);
            Assert.True(await db.Certificates.CountAsync(c => c.Status == CertificateStatus.Withdrawn) > 0);
            Assert.True(await db.CertificateEvents.CountAsync(e => e.Kind == LifecycleEventKind.Resumed) > 0);
            Assert.True(await db.CertificateAudits.CountAsync(a => !a.Passed) > 0);
            Assert.All(await db.Certificates.Where(c => c.Scheme == CertificateScheme.NmpaRegistration).Select(c => c.RegionCode).ToListAsync(), Assert.NotNull);
        }

        var (t2, again) = await GenerateAsync(20200101, today);
        await using var _t2 = t2;
        Assert.Equal(summary.Cases.Select(c => (c.Request.Number, c.Request.FreeText, c.Request.ClaimedHolderCreditCode)),
            again.Cases.Select(c => (c.Request.Number, c.Request.FreeText, c.Request.ClaimedHolderCreditCode)));
        await using var db1 = t.Context();
        await using var db2 = t2.Context();
        Assert.Equal(await db1.Certificates.OrderBy(c => c.Id).Select(c => c.Number + "|" + c.IssuerKey + "|" + c.HolderCreditCode + "|" + c.Status).ToListAsync(),
            await db2.Certificates.OrderBy(c => c.Id).Select(c => c.Number + "|" + c.IssuerKey + "|" + c.HolderCreditCode + "|" + c.Status).ToListAsync());
    }
}
