using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Decide;
using QualityWatch.Core.Credit.Object;
using QualityWatch.Core.Credit.Publish;
using QualityWatch.Core.Credit.Restore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Demo;

/// <summary>One demo listing: who, the state it ended in, and why it is there.</summary>
public sealed record CreditDemoListing(string DecisionNumber, string EntityName, string CreditCode, ListingState State, string Purpose);

/// <summary>
/// A few serious-dishonesty listings over the demo registry, made through the real handlers (decide → publish → object /
/// restore) with dates relative to today, so the demo shows every state: a listed producer (the holder of demo
/// certificates when there are any, so `/verify` flags them), one in its objection window, one with an objection awaiting
/// a decision, one restored, one expired and one decided but not yet published. Runs only when no listing exists.
/// </summary>
public sealed class CreditDemoGenerator(QualityWatchDbContext db, DecideListing decide, PublishListing publish, LodgeObjection lodge,
    RequestRestoration request, DecideRestoration restore)
{
    private const string Basis = "《市场监督管理严重违法失信名单管理办法》（国家市场监督管理总局令第44号）；《中华人民共和国产品质量法》第四十九条";

    public static Task<IReadOnlyList<CreditDemoListing>> GenerateAsync(IServiceProvider services, CancellationToken ct) =>
        ActivatorUtilities.CreateInstance<CreditDemoGenerator>(services).GenerateAsync(ct);

    public async Task<IReadOnlyList<CreditDemoListing>> GenerateAsync(CancellationToken ct)
    {
        if (await db.CreditListings.IgnoreQueryFilters().AnyAsync(ct))
            return [];
        var today = CreditCalendar.Today(db.Clock);
        var producers = db.Enterprises.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Status == EnterpriseStatus.Active && e.CreditCodeStatus == CreditCodeStatus.Valid && (e.Types & EnterpriseTypes.Producer) != 0);
        var holder = await ListedHolderAsync(ct);
        var shenzhen = await producers.Where(e => e.RegionCode.StartsWith("4403")).OrderBy(e => e.Id).Take(6).ToListAsync(ct);
        var guangzhou = await producers.Where(e => e.RegionCode.StartsWith("4401")).OrderBy(e => e.Id).Take(3).ToListAsync(ct);
        var zhejiang = await producers.Where(e => e.RegionCode.StartsWith("33")).OrderBy(e => e.Id).Take(1).ToListAsync(ct);
        if (shenzhen.Count < 3 || guangzhou.Count < 3 || zhejiang.Count < 1)
            return [];
        var listed = holder is { } h ? await producers.FirstOrDefaultAsync(e => e.Id == h, ct) ?? shenzhen[0] : shenzhen[0];
        var others = shenzhen.Where(e => e.Id != listed.Id).ToList();

        var result = new List<CreditDemoListing>();
        // 1. Listed for half a year: in force, flagged on its enterprise page and in certificate verdicts.
        var a = await DecideAsync(listed, "深圳市市场监督管理局", "深市监信列", today.AddDays(-190), "产品质量",
            "生产销售过滤效率不符合 GB 2626-2019 的 KN95 防护口罩，货值金额较大，被处以从重罚款并没收违法所得", ct);
        await publish.PublishAsync(a.Id, today.AddDays(-185), ct);
        result.Add(Row(a, "列入中：该企业的证书核验会提示严重违法失信"));

        // 2. Published two days ago: the objection window is open.
        var b = await DecideAsync(guangzhou[0], "广州市市场监督管理局", "穗市监信列", today.AddDays(-3), "认证认可",
            "伪造 CE 认证证书并在产品包装上使用，销售医用外科口罩，情节严重", ct);
        await publish.PublishAsync(b.Id, today.AddDays(-2), ct);
        result.Add(Row(b, "公示中：异议期未满"));

        // 3. Published four days ago and objected to: awaits the objection decision.
        var c = await DecideAsync(guangzhou[1], "广州市市场监督管理局", "穗市监信列", today.AddDays(-5), "产品质量",
            "生产销售不合格医用防护服，拒不改正", ct);
        await publish.PublishAsync(c.Id, today.AddDays(-4), ct);
        await lodge.LodgeAsync(c.Id, new ObjectionInput("当事人称涉案防护服系他人冒用其厂名厂址生产，已提交报案回执。", today.AddDays(-1)), ct);
        result.Add(Row(c, "异议处理中"));

        // 4. Listed two years ago, restored last month after the conditions were confirmed.
        var d = await DecideAsync(others[0], "深圳市市场监督管理局", "深市监信列", today.AddDays(-740), "产品质量",
            "生产不合格熔喷布（过滤效率、通气阻力不合格），货值金额较大", ct);
        await publish.PublishAsync(d.Id, today.AddDays(-735), ct);
        await request.RequestAsync(d.Id, new RestorationRequestInput("已缴清罚没款，召回并销毁问题产品，提交守信承诺书，申请提前移出。", today.AddDays(-45)), ct);
        await restore.DecideAsync(d.Id, new RestorationDecisionInput(RestorationVerdict.Grant, [.. RestorationConditions.All.Select(x => x.Code)],
            "罚没款缴纳凭证、召回销毁记录、守信承诺书齐全；列入后无新的较重行政处罚。", today.AddDays(-30)), ct);
        result.Add(Row(d, "已信用修复移出：公开查询显示“已移出”，核验不再提示"));

        // 5. Listed more than three years ago: the period has ended.
        var e = await DecideAsync(zhejiang[0], "浙江省市场监督管理局", "浙市监信列", today.AddYears(-3).AddDays(-40), "产品质量",
            "2020 年生产销售假冒 KN95 口罩，被处以较重行政处罚", ct);
        await publish.PublishAsync(e.Id, today.AddYears(-3).AddDays(-35), ct);
        result.Add(Row(e, "期满移出"));

        // 6. Decided yesterday, not yet published: only Guangzhou and Guangdong officers (and national staff) see it.
        var f = await DecideAsync(guangzhou[2], "广州市市场监督管理局", "穗市监信列", today.AddDays(-1), "产品质量",
            "生产销售不合格儿童口罩，被责令停产停业", ct);
        result.Add(Row(f, "已决定未公示：公众和其他地区不可见"));
        return result;
    }

    private int serial;

    /// <summary>
    /// The listed producer is a Shenzhen certificate holder when the certificate demo ran first, so verification shows the
    /// flag: preferably the holder of a suspended certificate (抽检不合格 → 暂停 → 列入 is one story), and never a holder of a
    /// surgical-mask registration or a voluntary certificate, which the certificate demo's authentic cases claim.
    /// </summary>
    private async Task<long?> ListedHolderAsync(CancellationToken ct)
    {
        var certificates = db.Certificates.IgnoreQueryFilters().AsNoTracking();
        var keepClean = certificates.Where(c => c.ProductCategory == "MASK-SURG" || c.IssuerKey == CertificationDemoGenerator.VoluntaryBody)
            .Select(c => c.HolderEnterpriseId);
        var candidates = certificates.Where(c => c.HolderEnterpriseId != null && c.RegionCode != null && c.RegionCode.StartsWith("4403") && !keepClean.Contains(c.HolderEnterpriseId));
        return await candidates.Where(c => c.Status == Certification.Snapshot.CertificateStatus.Suspended).OrderBy(c => c.Id).Select(c => c.HolderEnterpriseId).FirstOrDefaultAsync(ct)
            ?? await candidates.OrderBy(c => c.Id).Select(c => c.HolderEnterpriseId).FirstOrDefaultAsync(ct);
    }

    private async Task<DishonestyListing> DecideAsync(Enterprise e, string authority, string prefix, DateOnly decidedOn, string category, string reason, CancellationToken ct)
    {
        serial++;
        var number = $"{prefix}〔{decidedOn.Year}〕{serial + 10}号";
        var outcome = await decide.DecideAsync(new DecisionInput(e.CreditCode, e.Name, category, Basis, number, decidedOn, authority, reason,
            $"{prefix.Replace("信列", "罚", StringComparison.Ordinal)}〔{decidedOn.Year}〕{100 + serial * 7}号"), ct);
        return outcome.Listing ?? throw new InvalidOperationException($"Demo listing {number} refused: {string.Join("; ", outcome.Errors.SelectMany(x => x.Value))}");
    }

    private static CreditDemoListing Row(DishonestyListing l, string purpose) => new(l.DecisionNumber, l.EntityName, l.CreditCode, l.State, purpose);
}
