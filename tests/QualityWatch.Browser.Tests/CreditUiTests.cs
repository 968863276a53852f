using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Decide;
using QualityWatch.Core.Credit.Object;
using QualityWatch.Core.Credit.Publish;
using QualityWatch.Core.Credit.Restore;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Registry.Enterprises;

namespace QualityWatch.Browser.Tests;

/// <param name="Name">The fragment every seeded entity name contains, for the public query.</param>
public sealed record CreditSeed(string Name, long ListedId, long RestoredId, long DecidedId, long WithdrawnId, long GuangzhouDecidedId, long FlaggedEnterpriseId, long FlaggedListingId);

/// <summary>
/// Listings in every public-relevant state, made through the product's own handlers as the system: listed, restored,
/// decided only and withdrawn (all Shenzhen, unregistered codes), a Guangzhou decision for the officer's workflow, and a
/// listing of a registered Shenzhen demo enterprise for the enterprise page's flag.
/// </summary>
public static class CreditTestData
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, CreditSeed> Seeded = [];

    public const string Name = "信用测试口罩厂";

    public static async Task<CreditSeed> EnsureAsync(AppFixture app)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Seeded.TryGetValue(app.BaseUrl, out var seed))
                Seeded[app.BaseUrl] = seed = await SeedAsync(app);
            return seed;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<CreditSeed> SeedAsync(AppFixture app)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<AccessScope>().AsSystem("browser-tests");
        var db = sp.GetRequiredService<Core.Persistence.QualityWatchDbContext>();
        var today = CreditCalendar.Today(db.Clock);
        var decide = sp.GetRequiredService<DecideListing>();
        var publish = sp.GetRequiredService<PublishListing>();

        async Task<long> ListAsync(string code, string name, string number, DateOnly decided, DateOnly? published)
        {
            var r = await decide.DecideAsync(new DecisionInput(code, name, "产品质量", "《市场监督管理严重违法失信名单管理办法》", number, decided,
                "深圳市市场监督管理局", "生产销售不合格 KN95 口罩，货值金额较大", "深市监罚〔2026〕88号", ["列为重点监管对象", "限制评优评先"]), default);
            Assert.True(r.Succeeded, string.Join("; ", r.Errors.SelectMany(e => e.Value)));
            if (published is { } p)
                Assert.True((await publish.PublishAsync(r.Listing!.Id, p, default)).Succeeded);
            return r.Listing!.Id;
        }

        var listed = await ListAsync(TestData.ValidCreditCode("440305", 9201), Name + "甲", "深市监信列〔2026〕901号", today.AddDays(-60), today.AddDays(-55));
        var restored = await ListAsync(TestData.ValidCreditCode("440305", 9202), Name + "乙", "深市监信列〔2024〕902号", today.AddDays(-500), today.AddDays(-420));
        await sp.GetRequiredService<RequestRestoration>().RequestAsync(restored, new RestorationRequestInput("申请提前移出"), default);
        Assert.True((await sp.GetRequiredService<DecideRestoration>().DecideAsync(restored,
            new RestorationDecisionInput(RestorationVerdict.Grant, [.. RestorationConditions.All.Select(c => c.Code)], "材料齐全"), default)).Succeeded);
        var decided = await ListAsync(TestData.ValidCreditCode("440305", 9203), Name + "丙", "深市监信列〔2026〕903号", today, null);
        var withdrawn = await ListAsync(TestData.ValidCreditCode("440305", 9204), Name + "丁", "深市监信列〔2026〕904号", today, today);
        await sp.GetRequiredService<LodgeObjection>().LodgeAsync(withdrawn, new ObjectionInput("冒用厂名"), default);
        await sp.GetRequiredService<DecideObjection>().DecideAsync(withdrawn, new ObjectionDecisionInput(ObjectionVerdict.Upheld, "异议成立"), default);
        var guangzhou = await ListAsync(TestData.ValidCreditCode("440106", 9205), "广州信用测试厂", "穗市监信列〔2026〕905号", today.AddDays(-1), null);

        // A registered Shenzhen enterprise other than the ones the other UI tests use.
        var enterprise = await db.Enterprises.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.RegionCode.StartsWith("4403") && e.Status == EnterpriseStatus.Active && e.Id != app.Data.ShenzhenEnterpriseId && e.Id != app.Data.EnterpriseUsersEnterpriseId)
            .OrderByDescending(e => e.Id).FirstAsync();
        var flagged = await ListAsync(enterprise.CreditCode, enterprise.Name, "深市监信列〔2026〕906号", today.AddDays(-30), today.AddDays(-29));
        return new CreditSeed(Name, listed, restored, decided, withdrawn, guangzhou, enterprise.Id, flagged);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class CreditUiTests(AppFixture app)
{
    private static DemoUser Demo(string name) => DemoUsers.All.Single(u => u.Name == name);

    [BrowserFact]
    public async Task Anyone_queries_the_public_list_and_sees_listed_and_removed_entities_but_no_unpublished_ones()
    {
        var seed = await CreditTestData.EnsureAsync(app);
        await using var s = await app.OpenAsync();
        var page = s.Page;
        await page.GotoAsync("/credit");
        Assert.Equal(app.Text("Credit.PublicTitle", "zh-CN"), (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.FillAsync("#credit-q", seed.Name);
        await page.ClickAsync("#credit-search-submit");
        await page.WaitForSelectorAsync("#credit-results");
        Assert.Contains("q=", page.Url, StringComparison.Ordinal);

        var rows = page.Locator("#credit-public-list tr.public-listing");
        var decisions = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.decision)");
        Assert.Equal(["深市监信列〔2024〕902号", "深市监信列〔2026〕901号"], decisions.Order(StringComparer.Ordinal));
        var listed = page.Locator("#credit-public-list tr[data-decision='深市监信列〔2026〕901号']");
        Assert.Equal("listed", await listed.GetAttributeAsync("data-status"));
        Assert.Contains("生产销售不合格 KN95 口罩", await listed.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("列为重点监管对象", await listed.InnerTextAsync(), StringComparison.Ordinal);
        var removed = page.Locator("#credit-public-list tr[data-decision='深市监信列〔2024〕902号']");
        Assert.Equal("removed", await removed.GetAttributeAsync("data-status"));
        var removedText = await removed.InnerTextAsync();
        Assert.Contains(app.Text("Credit.Removed", "zh-CN"), removedText, StringComparison.Ordinal);
        Assert.DoesNotContain("KN95", removedText, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("credit-public.png"), FullPage = true });

        // Too short a query says why instead of listing everything.
        await page.GotoAsync("/credit?q=%E5%8F%A3");
        Assert.True(await page.Locator("#credit-error").IsVisibleAsync());
        Assert.Equal(0, await page.Locator("#credit-results").CountAsync());
        // Staff pages stay closed to the anonymous visitor.
        await page.GotoAsync($"/credit/listings/{seed.ListedId}");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task An_officer_publishes_a_decision_records_an_objection_and_rejects_it_on_the_detail_page()
    {
        var seed = await CreditTestData.EnsureAsync(app);
        var officer = Demo("gd.officer");
        await using var s = await app.SignInAsync(officer.Name, officer.Password);
        var page = s.Page;
        await page.ClickAsync("nav.mainnav a[href='/credit/listings']");
        await page.WaitForURLAsync(new Regex("/credit/listings$"));
        await page.ClickAsync($"#credit-list tr[data-id='{seed.GuangzhouDecidedId}'] td:first-child a");
        await page.WaitForURLAsync(new Regex($"/credit/listings/{seed.GuangzhouDecidedId}$"));
        Assert.Equal("decided", await page.GetAttributeAsync("#listing-state", "data-state"));

        await page.ClickAsync("#publish-submit");
        await page.WaitForSelectorAsync("#listing-state[data-state='published']");
        Assert.True(await page.Locator("#credit-done").IsVisibleAsync());
        Assert.NotEqual("—", (await page.InnerTextAsync("#listing-objection-until")).Trim());

        await page.FillAsync("#object-statement", "当事人称涉案口罩系他人冒用厂名厂址生产");
        await page.ClickAsync("#object-submit");
        await page.WaitForSelectorAsync("#listing-state[data-state='objected']");

        // A decision without a reason is refused next to the form and changes nothing.
        await page.CheckAsync("#objection-rejected");
        await page.ClickAsync("#objection-submit");
        await page.WaitForSelectorAsync("#errors-objection");
        Assert.Equal("objected", await page.GetAttributeAsync("#listing-state", "data-state"));

        await page.CheckAsync("#objection-rejected");
        await page.FillAsync("#objection-reason", "冒用主张无证据支持，维持列入");
        await page.ClickAsync("#objection-submit");
        await page.WaitForSelectorAsync("#listing-state[data-state='listed']");
        Assert.Equal(["decided", "published", "objected", "objection-rejected"],
            await page.Locator("#listing-history li").EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.kind)"));

        // Restoration is possible only after a year: the refusal names the date.
        await page.FillAsync("#restore-statement", "申请提前移出");
        await page.ClickAsync("#restore-submit");
        await page.WaitForSelectorAsync("#errors-restore [data-field='restorableFrom']");
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("credit-listing.png"), FullPage = true });

        var stored = await app.QueryAsync(db => db.CreditListings.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == seed.GuangzhouDecidedId));
        Assert.Equal(ListingState.Listed, stored.State);
        Assert.Equal(3, await app.QueryAsync(db => db.CreditListingEvents.IgnoreQueryFilters().CountAsync(e => e.ListingId == seed.GuangzhouDecidedId && e.Actor == officer.Name)));
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task The_enterprise_page_flags_a_listed_enterprise_and_a_city_officer_sees_only_their_regions_listings()
    {
        var seed = await CreditTestData.EnsureAsync(app);
        var officer = Demo("sz.officer");
        await using var s = await app.SignInAsync(officer.Name, officer.Password);
        var page = s.Page;
        await page.GotoAsync($"/enterprises/{seed.FlaggedEnterpriseId}");
        await page.WaitForSelectorAsync("#credit-flag");
        Assert.Contains(app.Text("Credit.FlagTitle", "zh-CN"), await page.InnerTextAsync("#credit-flag"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("credit-enterprise-flag.png") });
        await page.ClickAsync($"#credit-flag a[href='/credit/listings/{seed.FlaggedListingId}']");
        await page.WaitForURLAsync(new Regex($"/credit/listings/{seed.FlaggedListingId}$"));
        Assert.Equal("listed", await page.GetAttributeAsync("#listing-state", "data-state"));

        await page.GotoAsync("/credit/listings");
        var regions = await page.Locator("#credit-list tr.listing-row").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.region)");
        Assert.NotEmpty(regions);
        Assert.All(regions, r => Assert.StartsWith("4403", r, StringComparison.Ordinal));
        var response = await page.GotoAsync($"/credit/listings/{seed.GuangzhouDecidedId}");
        Assert.Equal(404, response!.Status);
        s.Errors.Remove($"404 {app.BaseUrl}/credit/listings/{seed.GuangzhouDecidedId}");

        // An unlisted enterprise has no flag.
        await page.GotoAsync($"/enterprises/{app.Data.ShenzhenEnterpriseId}");
        Assert.Equal(0, await page.Locator("#credit-flag").CountAsync());
        Assert.Empty(s.Errors);
    }
}
