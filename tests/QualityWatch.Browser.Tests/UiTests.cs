using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QualityWatch.Core.Access;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Identity;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class UiTests(AppFixture app)
{
    private static DemoUser Demo(string name) => DemoUsers.All.Single(u => u.Name == name);

    private static async Task<long> StatAsync(IPage page, string id) =>
        long.Parse(await page.Locator($"#{id} .stat-value").GetAttributeAsync("data-count") ?? "-1", CultureInfo.InvariantCulture);

    [BrowserFact]
    public async Task Every_demo_role_signs_in_and_sees_only_its_modules()
    {
        foreach (var user in DemoUsers.All)
        {
            await using var s = await app.SignInAsync(user.Name, user.Password);
            var page = s.Page;
            Assert.Equal(user.Name, await page.Locator("#user-badge").GetAttributeAsync("data-user"));
            Assert.Contains(app.Text("Role." + user.Role, "zh-CN"), await page.Locator("#user-badge").InnerTextAsync());

            var nav = page.Locator("nav.mainnav");
            var mayAdminUsers = user.Role is Roles.NationalAdmin or Roles.RegionalOfficer;
            var isStaff = Roles.Staff.Split(',').Contains(user.Role);
            Assert.Equal(mayAdminUsers ? 1 : 0, await nav.Locator("a[href='/users']").CountAsync());
            Assert.Equal(isStaff ? 1 : 0, await nav.Locator("a[href='/audit']").CountAsync());
            Assert.Equal(1, await nav.Locator("a[href='/enterprises']").CountAsync());

            // What the nav hides is also refused on the server.
            if (!mayAdminUsers)
            {
                await page.GotoAsync("/users");
                Assert.EndsWith("/account/denied", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            }

            // The dashboard counts exactly the enterprises of the user's region (or own enterprise).
            await page.GotoAsync("/");
            var prefix = RegionCodes.ToPrefix(user.RegionCode) ?? "";
            var expected = user.Role == Roles.EnterpriseUser ? 1 : await app.CountEnterprisesAsync(prefix);
            Assert.Equal(expected, await StatAsync(page, "stat-enterprises"));
            Assert.Empty(s.Errors);

            await page.ClickAsync("#sign-out");
            await page.WaitForURLAsync(new Regex("/account/login"));
        }
    }

    [BrowserFact]
    public async Task Dashboard_shows_demo_data_and_draws_the_province_map()
    {
        var admin = Demo("admin");
        await using var s = await app.SignInAsync(admin.Name, admin.Password);
        var page = s.Page;
        var (enterprises, products, batches) = await app.QueryAsync(async db => (
            await db.Enterprises.CountAsync(), await db.Products.CountAsync(), await db.Batches.CountAsync()));
        Assert.True(enterprises > 0 && products > 0 && batches > 0);
        Assert.Equal(enterprises, await StatAsync(page, "stat-enterprises"));
        Assert.Equal(products, await StatAsync(page, "stat-products"));
        Assert.Equal(batches, await StatAsync(page, "stat-batches"));

        await page.WaitForSelectorAsync("#enterprise-map[data-rendered='true'] canvas");
        await page.WaitForSelectorAsync("#category-chart[data-rendered='true'] canvas");
        var box = await page.Locator("#enterprise-map canvas").First.BoundingBoxAsync();
        Assert.True(box is { Width: > 300, Height: > 300 }, "the map canvas has a real size");

        // All 34 provincial units are on the map, each with the number of enterprises the database holds for it.
        var tiles = await page.EvaluateAsync<int>("JSON.parse(document.querySelector('#enterprise-map .qw-map-config').textContent).tiles.length");
        Assert.Equal(34, tiles);
        var guangdong = await page.EvaluateAsync<long>("JSON.parse(document.querySelector('#enterprise-map .qw-map-config').textContent).tiles.find(t => t.code === '44').value");
        Assert.Equal(await app.CountEnterprisesAsync("44"), guangdong);

        // The by-region table lists provinces for a national user.
        var regionRows = await page.Locator("#by-region tbody tr").CountAsync();
        Assert.True(regionRows >= 2, "several provinces have enterprises");
        Assert.Empty(s.Errors);

        await page.WaitForTimeoutAsync(800); // let the chart animations finish
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("dashboard-zh.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Regional_officers_see_only_their_region()
    {
        foreach (var (name, prefix) in new[] { ("sz.officer", "4403"), ("gd.officer", "44") })
        {
            var user = Demo(name);
            Assert.Equal(prefix, RegionCodes.ToPrefix(user.RegionCode));
            await using var s = await app.SignInAsync(user.Name, user.Password);
            var page = s.Page;
            await page.GotoAsync("/enterprises");
            var rows = page.Locator("#enterprise-list tr.enterprise-row");
            // Walk every page through htmx's "next page" so the whole list is checked, not just the first page.
            while (await page.Locator("#next-page").CountAsync() > 0)
            {
                var before = await rows.CountAsync();
                await page.ClickAsync("#next-page");
                await page.WaitForFunctionAsync($"document.querySelectorAll('#enterprise-list tr.enterprise-row').length > {before}");
            }
            var regions = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.region)");
            var links = await rows.Locator("td:first-child a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
            Assert.Equal(await app.CountEnterprisesAsync(prefix), regions.Length);
            Assert.All(regions, r => Assert.StartsWith(prefix, r, StringComparison.Ordinal));
            Assert.Equal(links.Length, links.Distinct().Count());
            if (prefix == "44")
                Assert.Contains(regions, r => !r.StartsWith("4403", StringComparison.Ordinal));

            // Lists of products and batches are scoped the same way.
            await page.GotoAsync("/products");
            var productRegions = await page.Locator("#product-list tbody tr[data-region]").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.region)");
            Assert.NotEmpty(productRegions);
            Assert.All(productRegions, r => Assert.StartsWith(prefix, r, StringComparison.Ordinal));

            // A Guangzhou record does not exist for Shenzhen.
            var response = await page.GotoAsync($"/enterprises/{app.Data.GuangzhouEnterpriseId}");
            Assert.Equal(prefix == "4403" ? 404 : 200, response!.Status);
            s.Errors.Remove($"404 {app.BaseUrl}/enterprises/{app.Data.GuangzhouEnterpriseId}");
            Assert.Empty(s.Errors);

            if (name == "sz.officer")
            {
                await page.GotoAsync("/enterprises");
                await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("enterprises.png"), FullPage = false });
            }
        }
    }

    [BrowserFact]
    public async Task Language_switch_turns_Chinese_labels_into_English_and_back()
    {
        var admin = Demo("admin");
        await using var s = await app.SignInAsync(admin.Name, admin.Password);
        var page = s.Page;
        var enterprisesLink = page.Locator("nav.mainnav a[href='/enterprises']");
        var zh = app.Text("Nav.Enterprises", "zh-CN");
        var en = app.Text("Nav.Enterprises", "en");
        Assert.NotEqual(zh, en);

        Assert.Equal(zh, (await enterprisesLink.InnerTextAsync()).Trim());
        Assert.Equal(app.Text("Dashboard.Title", "zh-CN"), (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));

        await page.ClickAsync("#lang-switch");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        Assert.Equal(new Uri(app.BaseUrl + "/").AbsolutePath, new Uri(page.Url).AbsolutePath);
        Assert.Equal(en, (await enterprisesLink.InnerTextAsync()).Trim());
        Assert.Equal(app.Text("Dashboard.Title", "en"), (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.WaitForSelectorAsync("#enterprise-map[data-rendered='true'] canvas");

        // The choice sticks: another page is English too.
        await page.GotoAsync("/enterprises");
        Assert.Equal(app.Text("Enterprises.Title", "en"), (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("#enterprise-map[data-rendered='true'] canvas");
        await page.WaitForTimeoutAsync(800);
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("dashboard-en.png"), FullPage = true });

        await page.ClickAsync("#lang-switch");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'zh-CN'");
        Assert.Equal(zh, (await enterprisesLink.InnerTextAsync()).Trim());
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task Edit_with_a_bad_field_shows_the_field_error_and_changes_nothing()
    {
        var officer = Demo("sz.officer");
        await using var s = await app.SignInAsync(officer.Name, officer.Password);
        var page = s.Page;
        var id = app.Data.ShenzhenEnterpriseId;
        var before = await app.QueryAsync(db => db.Enterprises.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Id == id));

        await page.GotoAsync($"/enterprises/edit/{id}");
        Assert.Equal(before.Name, await page.InputValueAsync("#Form_Name"));
        // A Guangzhou county is a valid code but outside a Shenzhen officer's region; the name is blanked as well.
        await page.FillAsync("#Form_RegionCode", "440106");
        await page.FillAsync("#Form_Name", "");
        await page.ClickAsync("#save-enterprise");

        await page.WaitForSelectorAsync("#error-regionCode");
        Assert.Contains("440106", await page.Locator("#error-regionCode").InnerTextAsync());
        Assert.True(await page.Locator("#error-name").IsVisibleAsync());
        Assert.Equal(0, await page.Locator("#error-creditCode").CountAsync());
        Assert.True(await page.Locator("#form-errors").IsVisibleAsync());
        // The form keeps what was typed.
        Assert.Equal("440106", await page.InputValueAsync("#Form_RegionCode"));

        var after = await app.QueryAsync(db => db.Enterprises.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal(before.RegionCode, after.RegionCode);
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task A_good_edit_is_saved_and_appears_in_the_audit_log()
    {
        var officer = Demo("gd.officer");
        await using var s = await app.SignInAsync(officer.Name, officer.Password);
        var page = s.Page;
        var id = app.Data.GuangzhouEnterpriseId;
        // The database is fresh for every run, so a fixed value is always a change.
        var address = "广州市天河区天河路385号";

        await page.GotoAsync($"/enterprises/{id}");
        await page.ClickAsync("#edit-enterprise");
        await page.FillAsync("#Form_Address", address);
        await page.ClickAsync("#save-enterprise");
        await page.WaitForURLAsync(new Regex($"/enterprises/{id}$"));
        Assert.True(await page.Locator("#saved-notice").IsVisibleAsync());
        Assert.Contains(address, await page.Locator("#enterprise-details").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("enterprise-detail.png"), FullPage = true });

        var stored = await app.QueryAsync(db => db.Enterprises.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal(address, stored.Address);

        await page.GotoAsync($"/audit?entityType=Enterprise&entityId={id}");
        var rows = page.Locator("#audit-list tr.audit-row");
        Assert.True(await rows.CountAsync() >= 1, "the update is listed");
        var newest = rows.First;
        Assert.Contains(officer.Name, await newest.InnerTextAsync());
        Assert.Contains(app.Text("AuditAction.update", "zh-CN"), await newest.InnerTextAsync());
        await newest.Locator("summary").ClickAsync();
        Assert.Contains(address, await newest.InnerTextAsync());

        // Nothing on the page can change an entry: no forms, no buttons besides the filter.
        Assert.Equal(0, await page.Locator("#audit-list form, #audit-list button").CountAsync());
        Assert.Empty(s.Errors);

        await page.GotoAsync("/audit");
        await page.Locator("#audit-list tr.audit-row").First.Locator("summary").ClickAsync();
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("audit.png"), FullPage = false });
    }

    [BrowserFact]
    public async Task A_personal_api_token_is_shown_once_and_can_be_revoked()
    {
        var analyst = Demo("analyst");
        await using var s = await app.SignInAsync(analyst.Name, analyst.Password);
        var page = s.Page;
        await page.GotoAsync("/account/tokens");
        await page.FillAsync("#Name", "browser-test");
        await page.ClickAsync("#token-create");
        var secret = (await page.Locator("#token-secret").InnerTextAsync()).Trim();
        Assert.StartsWith(ApiToken.Scheme, secret, StringComparison.Ordinal);

        // The token works against the API.
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/enterprises?limit=1"))
        {
            request.Headers.Authorization = new("Bearer", secret);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        // Shown once: a reload does not show it again.
        await page.GotoAsync("/account/tokens");
        Assert.Equal(0, await page.Locator("#token-secret").CountAsync());
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        await page.Locator("#token-list tr", new() { HasText = "browser-test" }).Locator("button").ClickAsync();
        await page.WaitForSelectorAsync("#token-revoked");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/enterprises?limit=1"))
        {
            request.Headers.Authorization = new("Bearer", secret);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
        }
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task Region_tree_and_product_detail_pages_render()
    {
        var gd = Demo("gd.officer");
        await using var s = await app.SignInAsync(gd.Name, gd.Password);
        var page = s.Page;
        await page.GotoAsync("/regions");
        Assert.Equal(34, await page.Locator("#region-list tbody tr").CountAsync());
        await page.GotoAsync("/regions?parent=44");
        await page.ClickAsync("#region-list a[href='/regions?parent=4403']");
        await page.WaitForURLAsync(new Regex("parent=4403"));
        Assert.True(await page.Locator("#region-list tbody tr").CountAsync() > 3);

        await page.GotoAsync("/products");
        var first = page.Locator("#product-list tbody tr td:nth-child(3) a").First;
        var productId = long.Parse((await first.GetAttributeAsync("href"))!.Split('/')[^1], CultureInfo.InvariantCulture);
        await first.ClickAsync();
        await page.WaitForSelectorAsync("#product-batches");
        var batchCount = await app.QueryAsync(db => db.Batches.IgnoreQueryFilters().CountAsync(b => b.ProductId == productId));
        Assert.Equal(Math.Max(1, Math.Min(batchCount, 200)), await page.Locator("#product-batches tbody tr").CountAsync());

        await page.GotoAsync("/batches");
        var batchRegions = await page.Locator("#batch-list tbody tr[data-region]").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.region)");
        Assert.NotEmpty(batchRegions);
        Assert.All(batchRegions, r => Assert.StartsWith("44", r, StringComparison.Ordinal));
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task Upload_keeps_good_rows_lists_bad_rows_and_a_second_run_changes_nothing()
    {
        var officer = Demo("gd.officer");
        await using var s = await app.SignInAsync(officer.Name, officer.Password);
        var page = s.Page;
        var county = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == "4401").OrderByDescending(r => r.Code).Select(r => r.Code).FirstAsync());
        var good1 = TestData.ValidCreditCode(county, 90_001);
        var good2 = TestData.ValidCreditCode(county, 90_002);
        var bad = TestData.ValidCreditCode(county, 90_003);
        var csv = "统一社会信用代码,企业名称,所在地区代码,地址\n"
            + $"{good1},广州市上传测试一号医疗器械有限公司,{county},广州市上传路1号\n"
            + $"{good2},广州市上传测试二号防护用品有限公司,{county},广州市上传路2号\n"
            + $"{bad},广州市上传测试三号卫生材料有限公司,999999,广州市上传路3号\n";
        var file = new FilePayload { Name = "enterprises.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) };

        await page.GotoAsync("/enterprises");
        await page.ClickAsync("#import-link");
        await page.WaitForURLAsync(new Regex("/enterprises/import$"));
        await page.SetInputFilesAsync("#import-form input[type=file]", file);
        await page.ClickAsync("#import-submit");
        await page.WaitForSelectorAsync("#import-result");
        Assert.Equal("2", (await page.InnerTextAsync("#import-created")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("#import-rejected")).Trim());
        var reject = page.Locator("#import-rejects tbody tr");
        Assert.Equal(1, await reject.CountAsync());
        Assert.Equal("4", (await reject.Locator("td").First.InnerTextAsync()).Trim());
        Assert.Contains("所在地区代码", await reject.InnerTextAsync());
        Assert.Equal(2, await app.QueryAsync(db => db.Enterprises.IgnoreQueryFilters().CountAsync(e => e.CreditCode == good1 || e.CreditCode == good2)));
        Assert.Equal(0, await app.QueryAsync(db => db.Enterprises.IgnoreQueryFilters().CountAsync(e => e.CreditCode == bad)));

        await page.SetInputFilesAsync("#import-form input[type=file]", file);
        await page.ClickAsync("#import-submit");
        await page.WaitForSelectorAsync("#import-result");
        Assert.Equal("0", (await page.InnerTextAsync("#import-created")).Trim());
        Assert.Equal("0", (await page.InnerTextAsync("#import-updated")).Trim());
        Assert.Equal("2", (await page.InnerTextAsync("#import-unchanged")).Trim());
        Assert.Empty(s.Errors);
    }

    [Fact]
    public void The_sign_in_page_is_rate_limited_and_anonymous()
    {
        var endpoints = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var login = endpoints.Single(e => e.RoutePattern.RawText == "account/login");
        Assert.Equal(RateLimiting.Public, login.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
        Assert.NotNull(login.Metadata.GetMetadata<IAllowAnonymous>());
        var users = endpoints.Single(e => e.RoutePattern.RawText == "users");
        Assert.Null(users.Metadata.GetMetadata<IAllowAnonymous>());
        Assert.Null(users.Metadata.GetMetadata<EnableRateLimitingAttribute>());
    }
}
