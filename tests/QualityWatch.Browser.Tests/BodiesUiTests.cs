using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Browser.Tests;

/// <summary>The body list and report pages in Chromium: navigation, the issuance chart and the distribution charts drawn without script errors.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BodiesUiTests(AppFixture app)
{
    private const string Key = "cnca:UI-TEST-101";
    private const string Name = "北京界面测试认证有限公司";

    [BrowserFact]
    public async Task The_body_report_draws_issuance_status_times_and_fees()
    {
        await SeedAsync();
        var supervisor = DemoUsers.All.Single(u => u.Name == "cert.supervisor");
        await using var s = await app.SignInAsync(supervisor.Name, supervisor.Password);
        var page = s.Page;
        await page.ClickAsync("#nav-bodies");
        await page.WaitForURLAsync(new Regex("/bodies$"));
        Assert.Equal(app.Text("Bodies.Title", "zh-CN"), (await page.Locator("h1").InnerTextAsync()).Trim());
        var row = page.Locator($"#body-list tr.body-row[data-key='{Key}']");
        Assert.Equal("60", (await row.Locator(".body-certificates").InnerTextAsync()).Trim());

        await row.Locator("a.body-link").ClickAsync();
        await page.WaitForURLAsync(new Regex("/bodies/report\\?id="));
        Assert.Equal(Name, (await page.InnerTextAsync("#body-name")).Trim());
        await page.WaitForSelectorAsync(".issuance-chart .risk-chart[data-rendered='true'] canvas");
        foreach (var chart in new[] { "#status-chart", "#issue-times-chart", "#fees-chart" })
            await page.WaitForSelectorAsync($"{chart}[data-rendered='true'] canvas");
        Assert.Equal(1, await page.Locator(".issuance-chart").CountAsync());
        Assert.Equal(1, await page.Locator("#body-scopes tr.scope-row").CountAsync());
        Assert.Equal("10%", (await page.InnerTextAsync("#body-lapsed")).Trim());
        Assert.Contains("60", await page.InnerTextAsync("#issue-times-summary"), StringComparison.Ordinal);
        await page.WaitForTimeoutAsync(800); // chart animations
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("body-report.png"), FullPage = true });
        Assert.Empty(s.Errors);
    }

    /// <summary>A Beijing body with 60 certificates over the last 30 weeks (6 withdrawn), application dates and fees; no signals, so other pages' counts are untouched.</summary>
    private async Task SeedAsync()
    {
        await app.QueryAsync(async db =>
        {
            if (await db.CertificationBodies.AnyAsync(b => b.Key == Key))
                return 0;
            var now = DateTimeOffset.UtcNow;
            var today = SourceRecord.ChinaDate(now);
            db.CertificationBodies.Add(new BodyRecord
            {
                Key = Key,
                NameZh = Name,
                NameEn = "Beijing UI Test Certification",
                Kind = BodyKind.CnApproved,
                Number = "CNCA-R-2019-101",
                Country = "CN",
                Scopes = [new() { Scheme = CertificateScheme.VoluntaryProduct, ProductCategory = "MASK-DAILY", From = new DateOnly(2019, 1, 1) }],
                Statuses = [new() { From = new DateOnly(2019, 1, 1), Status = BodyStatus.Approved }],
                CreatedAt = now,
                UpdatedAt = now,
            });
            for (var i = 0; i < 60; i++)
            {
                var issued = today.AddDays(-3 * (i + 1));
                var number = $"UI-MD-{i:D3}";
                db.Certificates.Add(new CertificateRecord
                {
                    Scheme = CertificateScheme.VoluntaryProduct,
                    Number = number,
                    NumberKey = CertificateNumber.Key(CertificateScheme.VoluntaryProduct, number),
                    IssuerKey = Key,
                    HolderName = $"界面测试客户{i}有限公司",
                    RegionCode = "110105",
                    ProductCategory = "MASK-DAILY",
                    AppliedOn = issued.AddDays(-(5 + (i % 40))),
                    IssuedOn = issued,
                    ExpiresOn = issued.AddYears(3),
                    Fee = 5000 + (i % 9 * 800),
                    Status = i % 10 == 0 ? CertificateStatus.Withdrawn : CertificateStatus.Valid,
                    Events = i % 10 == 0 ? [new() { Date = issued.AddDays(2), Kind = LifecycleEventKind.Withdrawn, RecordedAt = now }] : [],
                    ContentHash = number,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
            return await db.SaveChangesAsync();
        });
        await app.App.Services.GetRequiredService<RegistrySnapshot>().RefreshAsync();
    }
}
