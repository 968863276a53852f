using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Check;
using QualityWatch.Core.Credit.Restore;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Tests.Credit;

/// <summary>
/// 联合惩戒 end to end: a listing decided and published through the handlers reaches certificate verdicts through the
/// registry snapshot (the same loader the app uses) and the application check; restoration lifts both.
/// </summary>
public sealed class JointPunishmentTests
{
    private const string Number = "粤械注准20202140001";

    private static async Task<(CertificateRegistry Registry, VerificationResult Result)> VerifyAsync(CreditWorld w, string holderCode) =>
        await w.RunAsync(async sp =>
        {
            var registry = await RegistrySnapshot.LoadFromAsync(sp.GetRequiredService<QualityWatchDbContext>(), default);
            var result = CertificateVerifier.Verify(new VerificationRequest { Number = Number, ClaimedHolderCreditCode = holderCode }, registry, CreditCalendar.Today(w.Clock));
            return (registry, result);
        });

    [Fact]
    public async Task A_published_listing_flags_the_holders_certificates_and_restoration_lifts_the_flag()
    {
        await using var w = await CreditWorld.CreateAsync();
        var e = await w.AddEnterpriseAsync("深圳市安信医疗用品有限公司", "440305");
        await w.DbAsync(async db =>
        {
            var now = db.Clock.GetUtcNow();
            db.Certificates.Add(new CertificateRecord
            {
                Scheme = CertificateScheme.NmpaRegistration,
                Number = Number,
                NumberKey = CertificateNumber.Key(CertificateScheme.NmpaRegistration, Number),
                IssuerKey = "nmpa",
                HolderName = e.Name,
                HolderCreditCode = e.CreditCode,
                HolderEnterpriseId = e.Id,
                RegionCode = e.RegionCode,
                ProductCategory = "MASK-SURG",
                IssuedOn = new DateOnly(2020, 6, 1),
                ExpiresOn = new DateOnly(2030, 5, 31),
                CreatedAt = now,
                UpdatedAt = now,
            });
            return await db.SaveChangesAsync();
        });
        var (_, before) = await VerifyAsync(w, e.CreditCode);
        Assert.True(before.Checks.Single(c => c.Id == CheckIds.HolderCreditList).Passed);

        // Decided only: not yet in force, so nothing changes.
        var id = await w.ListAsync(e.CreditCode, "深市监信列〔2025〕21号", new DateOnly(2025, 2, 20));
        Assert.True((await VerifyAsync(w, e.CreditCode)).Result.Checks.Single(c => c.Id == CheckIds.HolderCreditList).Passed);
        Assert.False((await w.With<CreditCheck, CreditCheckResult>(h => h.CheckAsync(e.CreditCode, null, default))).Listed);

        await w.With<Core.Credit.Publish.PublishListing, ListingOutcome>(h => h.PublishAsync(id, new DateOnly(2025, 3, 1), default));
        var (registry, listed) = await VerifyAsync(w, e.CreditCode);
        Assert.Equal(new DateOnly(2025, 3, 1), Assert.Single(registry.CreditListingsOf(e.CreditCode)).ListedOn);
        var flag = listed.Checks.Single(c => c.Id == CheckIds.HolderCreditList);
        Assert.False(flag.Passed);
        Assert.Equal(Severity.Warning, flag.Severity);
        Assert.Contains("2025-03-01", flag.EvidenceZh, StringComparison.Ordinal);
        Assert.Contains("深圳市市场监督管理局", flag.EvidenceZh, StringComparison.Ordinal);
        Assert.Contains("严重违法失信名单", flag.EvidenceZh, StringComparison.Ordinal);
        Assert.Contains("serious-dishonesty list", flag.EvidenceEn, StringComparison.Ordinal);
        // A warning-level finding: suspicious unless something critical already made the claim invalid.
        Assert.Equal(Verdict.Authentic, before.Verdict);
        Assert.Equal(Verdict.Suspicious, listed.Verdict);

        var check = await w.With<CreditCheck, CreditCheckResult>(h => h.CheckAsync(e.CreditCode.ToLowerInvariant(), null, default));
        Assert.True(check.Listed);
        Assert.Equal("深市监信列〔2025〕21号", Assert.Single(check.Listings).DecisionNumber);
        Assert.Equal(["列为重点监管对象"], check.Measures);
        Assert.Equal([e.CreditCode], await w.With<CreditCheck, IReadOnlySet<string>>(h => h.ListedCodesAsync([e.CreditCode, w.NewCreditCode("440106")], CreditCalendar.Today(w.Clock), default)));

        await w.With<RequestRestoration, ListingOutcome>(h => h.RequestAsync(id, new RestorationRequestInput("申请信用修复"), default));
        var granted = await w.With<DecideRestoration, ListingOutcome>(h => h.DecideAsync(id,
            new RestorationDecisionInput(RestorationVerdict.Grant, [.. RestorationConditions.All.Select(c => c.Code)], "核查属实"), default));
        Assert.True(granted.Succeeded);
        var (_, restored) = await VerifyAsync(w, e.CreditCode);
        var after = restored.Checks.Single(c => c.Id == CheckIds.HolderCreditList);
        Assert.True(after.Passed, after.EvidenceZh);
        Assert.Contains("历史记录 1 条", after.EvidenceZh, StringComparison.Ordinal);
        Assert.Equal(before.Verdict, restored.Verdict);
        Assert.False((await w.With<CreditCheck, CreditCheckResult>(h => h.CheckAsync(e.CreditCode, null, default))).Listed);
        // Still answerable for a date inside the listing period.
        Assert.True((await w.With<CreditCheck, CreditCheckResult>(h => h.CheckAsync(e.CreditCode, new DateOnly(2025, 12, 1), default))).Listed);
    }

    [Fact]
    public async Task The_shared_snapshot_reloads_after_a_workflow_step()
    {
        await using var w = await CreditWorld.CreateAsync();
        var code = w.NewCreditCode("440305");
        var snapshot = w.Provider.GetRequiredService<RegistrySnapshot>();
        Assert.Empty((await snapshot.GetAsync()).CreditListingsOf(code));
        await w.ListAsync(code, "深市监信列〔2026〕22号", CreditWorld.Start, CreditWorld.Start);
        // The step invalidated the snapshot: readers are served the old one while it reloads, then the new one.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await snapshot.GetAsync()).CreditListingsOf(code).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the snapshot never reloaded after publication");
            await Task.Delay(50);
        }
    }

    [Fact]
    public void The_snapshot_period_runs_from_publication_and_only_for_listings_that_were_in_force()
    {
        static DishonestyListing L(ListingState state) => new()
        {
            CreditCode = "91440300MA5F12345X",
            EntityName = "x",
            RegionCode = "440300",
            Category = "产品质量",
            LegalBasis = "b",
            DecisionNumber = "n",
            Authority = "a",
            DecidedOn = new DateOnly(2025, 1, 1),
            State = state,
            PublishedOn = state == ListingState.Decided ? null : new DateOnly(2025, 1, 5),
            ListedUntil = new DateOnly(2028, 1, 5),
        };
        Assert.Null(L(ListingState.Decided).ToSnapshot());
        Assert.Null(L(ListingState.Withdrawn).ToSnapshot());
        foreach (var state in new[] { ListingState.Published, ListingState.Objected, ListingState.Listed, ListingState.Expired })
        {
            var s = L(state).ToSnapshot()!;
            Assert.Equal(new DateOnly(2025, 1, 5), s.ListedOn);
            Assert.Equal(new DateOnly(2028, 1, 5), s.ListedUntil);
            Assert.Equal(CreditListKind.SeriousDishonesty, s.Kind);
        }
        var restored = L(ListingState.Restored);
        restored.RestoredOn = new DateOnly(2026, 2, 1);
        Assert.False(restored.ToSnapshot()!.ActiveOn(new DateOnly(2026, 2, 1)));
        Assert.True(restored.ToSnapshot()!.ActiveOn(new DateOnly(2026, 1, 31)));
    }
}
