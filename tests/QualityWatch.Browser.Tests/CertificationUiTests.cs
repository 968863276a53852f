using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Demo;

namespace QualityWatch.Browser.Tests;

/// <param name="SuspendId">A Guangzhou certificate only the lifecycle test changes.</param>
public sealed record CertificationSeed(long ShenzhenId, string ShenzhenNumber, string ShenzhenHolder, long GuangzhouId, string GuangzhouNumber, long SuspendId, string UnusedNumber);

/// <summary>
/// Two surgical-mask registrations of the Guangdong administration, one held in Shenzhen and one in Guangzhou, written
/// through the DbContext next to whatever the demo data holds (numbers are checked to be unused), then the registry is refreshed.
/// </summary>
public static class CertificationTestData
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, CertificationSeed> Seeded = [];

    public static async Task<CertificationSeed> EnsureAsync(AppFixture app)
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

    private static async Task<CertificationSeed> SeedAsync(AppFixture app)
    {
        var szHolder = TestData.ValidCreditCode("440305", 9101);
        var gzHolder = TestData.ValidCreditCode("440106", 9102);
        var (sz, gz, suspend, unused) = await app.QueryAsync(async db =>
        {
            if (!await db.CertificationBodies.AnyAsync(b => b.Key == "mpa:44"))
            {
                db.CertificationBodies.Add(new BodyRecord
                {
                    Key = "mpa:44",
                    NameZh = "广东省药品监督管理局",
                    NameEn = "Guangdong Medical Products Administration",
                    Kind = BodyKind.Other,
                    Scopes = [new BodyScopeRecord { Scheme = CertificateScheme.NmpaRegistration }],
                });
            }
            var numbers = new List<string>();
            for (var serial = 9901; numbers.Count < 4; serial++)
            {
                var n = $"粤械注准2024214{serial}";
                var key = CertificateNumber.Key(CertificateScheme.NmpaRegistration, n);
                if (!await db.Certificates.IgnoreQueryFilters().AnyAsync(c => c.NumberKey == key))
                    numbers.Add(n);
            }
            var now = db.Clock.GetUtcNow();
            CertificateRecord Mask(string number, string county, string holder, string code) => new()
            {
                Scheme = CertificateScheme.NmpaRegistration,
                Number = number,
                NumberKey = CertificateNumber.Key(CertificateScheme.NmpaRegistration, number),
                IssuerKey = "mpa:44",
                HolderName = holder,
                HolderCreditCode = code,
                RegionCode = county,
                Manufacturer = holder,
                ProductCategory = "MASK-SURG",
                Products = ["医用外科口罩"],
                Models = ["KZ-01"],
                Standard = "YY 0469-2011",
                IssuedOn = new DateOnly(2024, 3, 1),
                ExpiresOn = new DateOnly(2029, 2, 28),
                Status = CertificateStatus.Valid,
                Events = [new CertificateEventRecord { Date = new DateOnly(2024, 3, 1), Kind = LifecycleEventKind.Issued, RecordedAt = now }],
                CreatedAt = now,
                UpdatedAt = now,
            };
            var shenzhen = Mask(numbers[0], "440305", "深圳市康泽医疗用品测试有限公司", szHolder);
            var guangzhou = Mask(numbers[1], "440106", "广州市宏达防护用品测试有限公司", gzHolder);
            var suspend = Mask(numbers[2], "440106", "广州市宏达防护用品测试有限公司", gzHolder);
            db.Certificates.AddRange(shenzhen, guangzhou, suspend);
            await db.SaveChangesAsync();
            return (shenzhen, guangzhou, suspend, numbers[3]);
        });
        await app.App.Services.GetRequiredService<RegistrySnapshot>().RefreshAsync();
        return new CertificationSeed(sz.Id, sz.Number, szHolder, gz.Id, gz.Number, suspend.Id, unused);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class CertificationUiTests(AppFixture app)
{
    private static DemoUser Demo(string name) => DemoUsers.All.Single(u => u.Name == name);

    [BrowserFact]
    public async Task Anyone_types_a_number_and_sees_the_verdict_each_check_and_a_QR_code()
    {
        var seed = await CertificationTestData.EnsureAsync(app);
        await using var s = await app.OpenAsync();
        var page = s.Page;
        await page.GotoAsync("/verify");
        Assert.Equal(app.Text("Verify.Title", "zh-CN"), (await page.InnerTextAsync("#verify-title")).Trim());
        Assert.Equal(0, await page.Locator("nav.mainnav").CountAsync());

        await page.FillAsync("#verify-no", seed.ShenzhenNumber);
        await page.FillAsync("#verify-product", "医用外科口罩");
        await page.FillAsync("#verify-holder", seed.ShenzhenHolder);
        await page.ClickAsync("#verify-submit");
        await page.WaitForSelectorAsync("#verify-result");
        Assert.Equal("authentic", await page.GetAttributeAsync("#verify-result", "data-verdict"));
        Assert.Equal(app.Text("Verify.Verdict.authentic", "zh-CN"), (await page.InnerTextAsync("#verdict-label")).Trim());
        var checks = page.Locator("#verify-checks li.check");
        Assert.True(await checks.CountAsync() >= 5, "every check that ran is listed");
        Assert.Equal(0, await page.Locator("#verify-checks li.check.failed.severity-critical").CountAsync());
        Assert.Equal(app.Text("Verify.Check.in-registry", "zh-CN"), (await page.Locator("#verify-checks li[data-check='in-registry'] strong").InnerTextAsync()).Trim());
        Assert.Equal(seed.ShenzhenNumber, (await page.InnerTextAsync("#cert-number")).Trim());
        Assert.Equal(1, await page.Locator("#verify-qr svg").CountAsync());
        var link = await page.GetAttributeAsync("#verify-link", "href");
        Assert.Equal($"{app.BaseUrl}/verify?no={Uri.EscapeDataString(seed.ShenzhenNumber)}", link);
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("verify-zh.png"), FullPage = true });

        // A KN95 label with CE 1282, pasted as text: invalid, and the failing check says why.
        await page.FillAsync("#verify-no", "KN95 防护口罩 CE 1282 EN149:2001");
        await page.FillAsync("#verify-product", "KN95");
        await page.FillAsync("#verify-holder", "");
        await page.ClickAsync("#verify-submit");
        await page.WaitForSelectorAsync("#verify-result[data-verdict='invalid']");
        Assert.Equal(app.Text("Verify.Verdict.invalid", "zh-CN"), (await page.InnerTextAsync("#verdict-label")).Trim());
        var misleading = page.Locator("#verify-checks li[data-check='misleading-issuer']");
        Assert.Equal("false", await misleading.GetAttributeAsync("data-passed"));
        Assert.Contains("1282", await misleading.Locator(".evidence").InnerTextAsync(), StringComparison.Ordinal);

        // An unknown, well-formed number.
        await page.FillAsync("#verify-no", seed.UnusedNumber);
        await page.FillAsync("#verify-product", "");
        await page.ClickAsync("#verify-submit");
        await page.WaitForSelectorAsync("#verify-result[data-verdict='unknown']");
        Assert.Equal(app.Text("Verify.Verdict.unknown", "zh-CN"), (await page.InnerTextAsync("#verdict-label")).Trim());
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task The_QR_address_opens_the_result_directly_on_a_phone_in_Chinese_and_in_English()
    {
        var seed = await CertificationTestData.EnsureAsync(app);
        var browser = await app.BrowserAsync();
        await using var context = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "zh-CN", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync($"/verify?no={Uri.EscapeDataString(seed.GuangzhouNumber)}");
        await page.WaitForSelectorAsync("#verify-result[data-verdict='authentic']");
        Assert.Equal(seed.GuangzhouNumber, await page.InputValueAsync("#verify-no"));
        // Nothing wider than the phone: no sideways scrolling.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page fits a 390 px screen");
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("verify-mobile.png"), FullPage = true });

        // The QR image encodes the same address, and the path form answers the same.
        var href = await page.GetAttributeAsync("#verify-link", "href");
        await page.GotoAsync(href!);
        await page.WaitForSelectorAsync("#verify-result[data-verdict='authentic']");
        await page.GotoAsync($"/verify/{Uri.EscapeDataString(seed.GuangzhouNumber)}");
        await page.WaitForSelectorAsync("#verify-result[data-verdict='authentic']");
        Assert.Equal(seed.GuangzhouNumber, (await page.InnerTextAsync("#cert-number")).Trim());

        // English on request, with the same result.
        await page.ClickAsync("#lang-switch");
        await page.WaitForSelectorAsync("html[lang='en']");
        await page.WaitForSelectorAsync("#verify-result[data-verdict='authentic']");
        Assert.Equal(app.Text("Verify.Verdict.authentic", "en"), (await page.InnerTextAsync("#verdict-label")).Trim());
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task An_inspector_uploads_a_sheet_sees_the_counts_per_verdict_and_downloads_the_result()
    {
        var seed = await CertificationTestData.EnsureAsync(app);
        var inspector = Demo("inspector");
        await using var s = await app.SignInAsync(inspector.Name, inspector.Password);
        var page = s.Page;
        await page.ClickAsync("nav.mainnav a[href='/certificates']");
        await page.WaitForURLAsync(new Regex("/certificates$"));
        await page.ClickAsync("#batch-link");
        await page.WaitForURLAsync(new Regex("/certificates/batch$"));

        var csv = "证书编号,产品名称\r\n"
            + $"{seed.ShenzhenNumber},医用外科口罩\r\n"
            + $"{seed.GuangzhouNumber},儿童口罩\r\n"
            + $"{seed.UnusedNumber},医用外科口罩\r\n"
            + "2020010901123456,口罩\r\n";
        await page.SetInputFilesAsync("#batch-file", new FilePayload { Name = "查验清单.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#batch-submit");
        await page.WaitForSelectorAsync("#batch-result[data-ready='true']");
        Assert.Equal("4", (await page.InnerTextAsync("#count-rows")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("#count-authentic")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("#count-unknown")).Trim());
        Assert.Equal("2", (await page.InnerTextAsync("#count-invalid")).Trim());
        Assert.Equal("0", (await page.InnerTextAsync("#count-suspicious")).Trim());
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("verify-batch.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#batch-download"));
        Assert.Equal("查验清单.verified.csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("证书编号,产品名称,", lines[0], StringComparison.Ordinal);
        Assert.Contains("authentic", lines[1], StringComparison.Ordinal);

        // A file without a number column is refused with the reason, naming the file.
        await page.SetInputFilesAsync("#batch-file", new FilePayload { Name = "addresses.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("名称,地址\r\n某公司,某地\r\n") });
        await page.ClickAsync("#batch-submit");
        await page.WaitForSelectorAsync("#batch-error:not([hidden])");
        Assert.Contains("addresses.csv", await page.InnerTextAsync("#batch-error"), StringComparison.Ordinal);
        s.Errors.RemoveAll(e => e.StartsWith("400 ", StringComparison.Ordinal));
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task A_city_officer_sees_the_citys_certificates_with_trail_and_QR_and_a_province_officer_suspends_one()
    {
        var seed = await CertificationTestData.EnsureAsync(app);
        var sz = Demo("sz.officer");
        await using (var s = await app.SignInAsync(sz.Name, sz.Password))
        {
            var page = s.Page;
            await page.GotoAsync("/certificates");
            var regions = await page.Locator("#certificate-list tr.certificate-row").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.region)");
            Assert.NotEmpty(regions);
            Assert.All(regions, r => Assert.StartsWith("4403", r, StringComparison.Ordinal));
            Assert.Equal(0, await page.Locator($"#certificate-list tr[data-id='{seed.GuangzhouId}']").CountAsync());

            await page.FillAsync("#certificate-filters input[name=number]", seed.ShenzhenNumber);
            await page.ClickAsync("#filter-submit");
            await page.WaitForURLAsync(new Regex("number="));
            Assert.Equal(1, await page.Locator("#certificate-list tr.certificate-row").CountAsync());
            await page.ClickAsync($"#certificate-list tr[data-id='{seed.ShenzhenId}'] a");
            await page.WaitForURLAsync(new Regex($"/certificates/{seed.ShenzhenId}$"));
            Assert.Equal(seed.ShenzhenNumber, (await page.InnerTextAsync("#certificate-number")).Trim());
            Assert.Equal(1, await page.Locator("#certificate-qr svg").CountAsync());
            Assert.Equal(1, await page.Locator("#certificate-events tr.event-row[data-kind='issued']").CountAsync());
            Assert.Equal("authentic", await page.GetAttributeAsync("#certificate-verification", "data-verdict"));
            Assert.True(await page.Locator("#certificate-audit tr.audit-row").CountAsync() >= 1, "the creation is audited");
            await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("certificate-detail.png"), FullPage = true });

            var other = await page.GotoAsync($"/certificates/{seed.GuangzhouId}");
            Assert.Equal(404, other!.Status);
            s.Errors.Remove($"404 {app.BaseUrl}/certificates/{seed.GuangzhouId}");
            Assert.Empty(s.Errors);
        }

        var gd = Demo("gd.officer");
        await using (var s = await app.SignInAsync(gd.Name, gd.Password))
        {
            var page = s.Page;
            await page.GotoAsync($"/certificates/{seed.SuspendId}");
            Assert.Equal("valid", await page.GetAttributeAsync("#certificate-status", "data-status"));
            await page.SelectOptionAsync("#event-action", "suspend");
            await page.FillAsync("#event-date", "2025-05-20");
            await page.FillAsync("#event-note", "监督抽查不合格");
            await page.ClickAsync("#event-submit");
            await page.WaitForSelectorAsync("#event-recorded");
            Assert.Equal("suspended", await page.GetAttributeAsync("#certificate-status", "data-status"));
            Assert.Equal(1, await page.Locator("#certificate-events tr.event-row[data-kind='suspended']").CountAsync());
            Assert.Contains(gd.Name, await page.InnerTextAsync("#certificate-audit"), StringComparison.Ordinal);
            // The new event's own audit entry is in the certificate's trail, marked as an event's.
            Assert.True(await page.Locator("#certificate-audit tr.audit-row .audit-of").CountAsync() >= 1, "the event is audited in the trail");

            // Resuming before the suspension contradicts the history and is refused with the reason.
            await page.SelectOptionAsync("#event-action", "resume");
            await page.FillAsync("#event-date", "2025-05-01");
            await page.ClickAsync("#event-submit");
            await page.WaitForSelectorAsync("#event-error-action");
            Assert.Equal("suspended", await page.GetAttributeAsync("#certificate-status", "data-status"));
            Assert.Empty(s.Errors);
        }
    }

    [BrowserFact]
    public async Task A_city_officer_imports_certificates_from_the_page_and_sees_the_bad_row_named_and_a_rerun_changes_nothing()
    {
        await CertificationTestData.EnsureAsync(app); // the Guangdong issuer
        var serial = await app.QueryAsync(async db =>
        {
            for (var n = Random.Shared.Next(1000, 8000); ; n++)
            {
                var key = CertificateNumber.Key(CertificateScheme.NmpaRegistration, $"粤械注准2024214{n}");
                if (!await db.Certificates.IgnoreQueryFilters().AnyAsync(c => c.NumberKey == key))
                    return n;
            }
        });
        var number = $"粤械注准2024214{serial}";
        var holder = TestData.ValidCreditCode("440305", 9301);
        var csv = "证书编号,认证机构,认证委托人,统一社会信用代码,产品名称,颁证日期,证书到期日期\r\n"
            + $"{number},广东省药品监督管理局,深圳导入测试口罩有限公司,{holder},医用外科口罩,2024-03-01,2029-02-28\r\n"
            + $"粤械注准2024214{serial + 1},广东省药品监督管理局,深圳导入测试口罩有限公司,{holder},医用外科口罩,2024-13-45,2029-02-28\r\n";

        // An analyst reads the registry but does not keep it: no link, and the page is refused.
        var analyst = Demo("analyst");
        await using (var i = await app.SignInAsync(analyst.Name, analyst.Password))
        {
            await i.Page.GotoAsync("/certificates");
            Assert.Equal(0, await i.Page.Locator("#import-link").CountAsync());
            await i.Page.GotoAsync("/certificates/import");
            Assert.EndsWith("/account/denied", new Uri(i.Page.Url).AbsolutePath, StringComparison.Ordinal);
            Assert.Equal(0, await i.Page.Locator("#import-form").CountAsync());
            i.Errors.Clear();
        }

        var sz = Demo("sz.officer");
        await using var s = await app.SignInAsync(sz.Name, sz.Password);
        var page = s.Page;
        await page.GotoAsync("/certificates");
        await page.ClickAsync("#import-link");
        await page.WaitForURLAsync(new Regex("/certificates/import$"));
        Assert.True(await page.Locator("#import-columns tbody tr").CountAsync() >= 15);
        await page.SetInputFilesAsync("#import-form input[type=file]", new FilePayload { Name = "证书.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#import-submit");
        await page.WaitForSelectorAsync("#import-result");
        Assert.Equal("1", (await page.InnerTextAsync("#import-created")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("#import-rejected")).Trim());
        var reject = await page.InnerTextAsync("#import-rejects tbody tr");
        Assert.Contains("3", reject, StringComparison.Ordinal); // the row number in the file (the header is row 1)
        Assert.Contains("2024-13-45", reject, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.Certificates.IgnoreQueryFilters().CountAsync(c => c.Number == number)));

        // The same file again: nothing changes.
        await page.SetInputFilesAsync("#import-form input[type=file]", new FilePayload { Name = "证书.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#import-submit");
        await page.WaitForSelectorAsync("#import-result");
        Assert.Equal("0", (await page.InnerTextAsync("#import-created")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("#import-unchanged")).Trim());

        // Bodies are national records: the tab documents its columns, and a city officer's upload is refused naming the file.
        await page.ClickAsync("#import-kinds a[href='/certificates/import/bodies']");
        await page.WaitForURLAsync(new Regex("/certificates/import/bodies$"));
        await page.SetInputFilesAsync("#import-form input[type=file]", new FilePayload
        {
            Name = "机构.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("机构名称,批准号,国家,批准日期\r\n测试认证中心,CNCA-R-2019-999,CN,2019-05-01\r\n")
        });
        await page.ClickAsync("#import-submit");
        await page.WaitForSelectorAsync("#import-error");
        Assert.Contains("机构.csv", await page.InnerTextAsync("#import-error"), StringComparison.Ordinal);
        Assert.Empty(s.Errors);
    }
}
