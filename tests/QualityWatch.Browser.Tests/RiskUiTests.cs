using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Warnings;

namespace QualityWatch.Browser.Tests;

public sealed record RiskSeed(long ShenzhenWarningId, long GuangzhouWarningId, long ShenzhenSignalId, string MarkedTerm);

/// <summary>
/// Complaints about children's masks in Shenzhen (a quiet history and a spike last week) and inspections of respirators in
/// Guangzhou, one stored signal for each spike, and the warnings the product's own <see cref="RaiseWarnings"/> makes of them.
/// </summary>
public static class RiskTestData
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, RiskSeed> Seeded = [];

    public const string Term = "儿童口罩";

    public static async Task<RiskSeed> EnsureAsync(AppFixture app)
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

    private static async Task<RiskSeed> SeedAsync(AppFixture app)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<AccessScope>().AsSystem("browser-tests");
        var db = sp.GetRequiredService<QualityWatchDbContext>();
        var now = db.Clock.GetUtcNow();
        var today = SourceRecord.DayOf(now);
        // The last complete Monday–Sunday week, as the scan evaluates it.
        var week = ((today + 1) / 7) - 1;

        const string problemText = "孩子戴的儿童口罩过滤效果差，闻着有异味，怀疑防护性能不合格";
        Complaint Complaint(string id, int day, string county, long? enterprise) => new()
        {
            SourceId = id,
            OccurredAt = new DateTimeOffset(DateOnly.FromDayNumber(day).ToDateTime(new TimeOnly(10, 0)), SourceRecord.ChinaOffset),
            Day = day,
            RegionCode = county,
            EnterpriseId = enterprise,
            EnterpriseName = enterprise is null ? null : "深圳测试口罩厂",
            ProductText = "儿童口罩 小号",
            ProductCategory = "MASK-CHILD",
            Problem = "substandard",
            ProblemText = problemText,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var history = Enumerable.Range(1, 20).Select(i => Complaint($"TS-SZ-H{i:D3}", ((week - (i * 4)) * 7) + 2, "440305", null)).ToList();
        var spike = Enumerable.Range(1, 8).Select(i => Complaint($"TS-SZ-S{i:D3}", (week * 7) + (i % 7), "440305", i <= 3 ? app.Data.ShenzhenEnterpriseId : null)).ToList();
        foreach (var c in spike)
        {
            // The analysis' offsets are in the analysed text (product, newline, problem text).
            var start = c.AnalysedText.IndexOf(Term, StringComparison.Ordinal);
            c.Analysis = JsonSerializer.Serialize(new { terms = new[] { new { term = Term, start, length = Term.Length, supports = "MASK-CHILD" } } });
        }
        db.Complaints.AddRange(history);
        db.Complaints.AddRange(spike);
        var inspections = Enumerable.Range(1, 5).Select(i => new InspectionResult
        {
            SourceId = $"TS-GZ-I{i:D3}",
            OccurredAt = new DateTimeOffset(DateOnly.FromDayNumber((week * 7) + 1).ToDateTime(new TimeOnly(9, 0)), SourceRecord.ChinaOffset),
            Day = (week * 7) + 1,
            RegionCode = "440106",
            ProductText = "KN95 防颗粒物呼吸器",
            ProductCategory = "RESP-PART",
            Problem = "substandard",
            Verdict = InspectionVerdict.Fail,
            FailedItems = ["过滤效率: 82% (≥95%)"],
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        db.InspectionResults.AddRange(inspections);
        await db.SaveChangesAsync();

        var weekStart = DateOnly.FromDayNumber(week * 7);
        var sz = new RiskSignal
        {
            SeriesKey = "complaint|MASK-CHILD|440300|substandard|weekly",
            Kind = SignalKind.Count,
            Source = "complaint",
            ProductCategory = "MASK-CHILD",
            Problem = "substandard",
            RegionCode = "440300",
            Frequency = "weekly",
            PeriodStart = weekStart,
            Observed = spike.Count,
            Expected = 0.3,
            Threshold = 2.6,
            Method = "noufaily(b=1)",
            Strength = SignalStrength.OverThreshold(spike.Count, 2.6),
            Severity = ProblemSeverity.Of("substandard"),
            Vulnerable = VulnerableGroups.Children,
            Evidence = JsonSerializer.Serialize(spike.Select(c => new { type = "complaint", id = c.Id })),
            DetectedAt = now,
        };
        var gz = new RiskSignal
        {
            SeriesKey = "inspection|RESP-PART|440100|substandard|weekly",
            Kind = SignalKind.Count,
            Source = "inspection",
            ProductCategory = "RESP-PART",
            Problem = "substandard",
            RegionCode = "440100",
            Frequency = "weekly",
            PeriodStart = weekStart,
            Observed = inspections.Count,
            Expected = 0,
            Threshold = 3,
            Method = "emergence",
            Strength = SignalStrength.Emergence(inspections.Count, 4),
            Severity = ProblemSeverity.Of("substandard"),
            Evidence = JsonSerializer.Serialize(inspections.Select(c => new { type = "inspection", id = c.Id })),
            DetectedAt = now,
        };
        db.RiskSignals.AddRange(sz, gz);
        await db.SaveChangesAsync();
        var (created, _) = await sp.GetRequiredService<RaiseWarnings>().RunAsync([sz, gz], CancellationToken.None);
        Assert.Equal(2, created);
        Assert.NotNull(sz.WarningId);
        Assert.NotNull(gz.WarningId);
        Assert.NotEqual(sz.WarningId, gz.WarningId);
        return new RiskSeed(sz.WarningId.Value, gz.WarningId.Value, sz.Id, Term);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class RiskUiTests(AppFixture app)
{
    private static DemoUser Demo(string name) => DemoUsers.All.Single(u => u.Name == name);

    [BrowserFact]
    public async Task Risk_dashboard_draws_the_map_and_the_series_chart_and_filters_with_htmx()
    {
        var seed = await RiskTestData.EnsureAsync(app);
        var officer = Demo("sz.officer");
        await using var s = await app.SignInAsync(officer.Name, officer.Password);
        var page = s.Page;
        await page.ClickAsync("nav.mainnav a[href='/risk']");
        await page.WaitForURLAsync(new Regex("/risk$"));
        await page.WaitForSelectorAsync("#risk-map[data-rendered='true'] canvas");
        await page.WaitForSelectorAsync("#risk-chart[data-rendered='true'] canvas");
        Assert.Equal(app.Text("Risk.Title", "zh-CN"), (await page.Locator("h1").InnerTextAsync()).Trim());

        // The Shenzhen warning is open and counted in Guangdong's tile; the Guangzhou one is not the officer's business.
        var guangdong = await page.EvaluateAsync<long>("JSON.parse(document.querySelector('#risk-map .qw-map-config').textContent).tiles.find(t => t.code === '44').value");
        Assert.Equal(1, guangdong);
        var levels = await page.Locator("#risk-levels .stat-value").EvaluateAllAsync<long[]>("vs => vs.map(v => Number(v.dataset.count))");
        Assert.Equal(1, levels.Sum());

        // The chart shows two years of weekly counts with the stored signal as an alarm point.
        var chart = await page.EvaluateAsync<JsonElement>("JSON.parse(document.querySelector('.risk-chart-config').textContent)");
        Assert.Equal(104, chart.GetProperty("labels").GetArrayLength());
        Assert.Equal(8, chart.GetProperty("observed").EnumerateArray().Last().GetDouble() + chart.GetProperty("observed")[102].GetDouble());
        Assert.Equal(1, chart.GetProperty("alarms").EnumerateArray().Count(a => a.ValueKind == JsonValueKind.Number));
        Assert.Equal(2.6, chart.GetProperty("threshold").EnumerateArray().Single(a => a.ValueKind == JsonValueKind.Number).GetDouble());
        var rows = page.Locator("#top-signals tr.signal-row");
        Assert.Equal(1, await rows.CountAsync());
        await page.WaitForTimeoutAsync(800); // chart animations
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("risk-dashboard.png"), FullPage = true });

        // A filter swaps the panel through htmx and keeps the address in step.
        await page.SelectOptionAsync("#risk-filters select[name=source]", "case");
        await page.WaitForSelectorAsync("#risk-chart-empty");
        Assert.Contains("source=case", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#top-signals tr.signal-row").CountAsync());
        await page.SelectOptionAsync("#risk-filters select[name=source]", "complaint");
        await page.WaitForSelectorAsync("#risk-chart[data-rendered='true'] canvas");
        await page.WaitForSelectorAsync("#risk-map[data-rendered='true'] canvas");

        // The signal page: the numbers, the chart and the evidence with the matched term marked.
        await page.ClickAsync("#top-signals tr.signal-row td:nth-child(2) a");
        await page.WaitForURLAsync(new Regex($"/risk/signals/{seed.ShenzhenSignalId}$"));
        await page.WaitForSelectorAsync("#signal-chart[data-rendered='true'] canvas");
        Assert.Equal("8", (await page.InnerTextAsync("#signal-observed")).Trim());
        Assert.Equal("2.6", (await page.InnerTextAsync("#signal-threshold")).Trim());
        Assert.Equal(8, await page.Locator("#signal-evidence tr.evidence-row").CountAsync());
        var marks = await page.Locator("#signal-evidence mark").AllInnerTextsAsync();
        Assert.Equal(8, marks.Count);
        Assert.All(marks, m => Assert.Equal(seed.MarkedTerm, m));
        Assert.Equal(3, await page.Locator($"#signal-evidence a[href='/enterprises/{app.Data.ShenzhenEnterpriseId}']").CountAsync());
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task An_officer_takes_a_warning_through_assessment_issue_and_a_disposal_task()
    {
        var seed = await RiskTestData.EnsureAsync(app);
        var officer = Demo("sz.officer");
        await using var s = await app.SignInAsync(officer.Name, officer.Password);
        var page = s.Page;
        await page.GotoAsync("/risk/warnings");
        var rows = page.Locator("#warning-list tr.warning-row");
        var regions = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.region)");
        Assert.NotEmpty(regions);
        Assert.All(regions, r => Assert.StartsWith("4403", r, StringComparison.Ordinal));
        await page.ClickAsync($"#warning-list tr[data-id='{seed.ShenzhenWarningId}'] a");
        await page.WaitForURLAsync(new Regex($"/risk/warnings/{seed.ShenzhenWarningId}$"));
        Assert.Equal("detected", await page.GetAttributeAsync("#warning-state", "data-state"));
        Assert.True(await page.Locator("#score-breakdown tbody tr").CountAsync() >= 2, "the score is explained");
        Assert.Equal(1, await page.Locator("#warning-signals tbody a").CountAsync());

        await page.ClickAsync("#start-assessment");
        await page.WaitForSelectorAsync("#warning-state[data-state='assessing']");
        Assert.True(await page.Locator("#workflow-done").IsVisibleAsync());

        // A judgement is required: the workflow's message is shown next to the form and nothing changes.
        await page.CheckAsync("#decision-issue");
        await page.ClickAsync("#assess-submit");
        await page.WaitForSelectorAsync("#errors-assess");
        Assert.Equal("assessing", await page.GetAttributeAsync("#warning-state", "data-state"));

        await page.FillAsync("#assess-judgement", "多名家长投诉同一批儿童口罩过滤效果差，证据充分，发布预警。");
        await page.CheckAsync("#decision-issue");
        await page.ClickAsync("#assess-submit");
        await page.WaitForSelectorAsync("#warning-state[data-state='warned']");

        await page.SelectOptionAsync("#task-kind", "targetedsampling");
        await page.FillAsync("#task-title", "对南山区儿童口罩开展专项抽检");
        await page.FillAsync("#task-assignee", "南山分局");
        await page.ClickAsync("#task-submit");
        await page.WaitForSelectorAsync("#warning-state[data-state='disposing']");
        Assert.Equal(1, await page.Locator("#warning-tasks tr.task-row").CountAsync());
        Assert.True(await page.Locator("#warning-history tr.history-row").CountAsync() >= 3, "each step is in the history");
        await page.ScreenshotAsync(new() { Path = AppFixture.ScreenshotPath("risk-warning.png"), FullPage = true });

        var stored = await app.QueryAsync(db => db.RiskWarnings.IgnoreQueryFilters().AsNoTracking().SingleAsync(w => w.Id == seed.ShenzhenWarningId));
        Assert.Equal(WarningState.Disposing, stored.State);
        Assert.Equal(officer.Name, stored.AssessedBy);
        Assert.Equal(1, await app.QueryAsync(db => db.DisposalTasks.IgnoreQueryFilters().CountAsync(t => t.WarningId == seed.ShenzhenWarningId)));

        // The task is on the officer's task list.
        await page.GotoAsync("/risk/tasks");
        Assert.Equal(1, await page.Locator("#task-list tr.task-row").CountAsync());
        Assert.Empty(s.Errors);
    }

    [BrowserFact]
    public async Task A_Shenzhen_officer_does_not_see_a_Guangzhou_warning_and_an_analyst_cannot_act()
    {
        var seed = await RiskTestData.EnsureAsync(app);
        var officer = Demo("sz.officer");
        await using (var s = await app.SignInAsync(officer.Name, officer.Password))
        {
            var page = s.Page;
            await page.GotoAsync("/risk/warnings");
            Assert.Equal(0, await page.Locator($"#warning-list tr[data-id='{seed.GuangzhouWarningId}']").CountAsync());
            var response = await page.GotoAsync($"/risk/warnings/{seed.GuangzhouWarningId}");
            Assert.Equal(404, response!.Status);
            s.Errors.Remove($"404 {app.BaseUrl}/risk/warnings/{seed.GuangzhouWarningId}");

            // The enterprise page lists the records linked to the enterprise.
            await page.GotoAsync($"/enterprises/{app.Data.ShenzhenEnterpriseId}");
            Assert.Equal(3, await page.Locator("#enterprise-records tr.source-record").CountAsync());
            Assert.Empty(s.Errors);
        }

        var gd = Demo("gd.officer");
        await using (var s = await app.SignInAsync(gd.Name, gd.Password))
        {
            var response = await s.Page.GotoAsync($"/risk/warnings/{seed.GuangzhouWarningId}");
            Assert.Equal(200, response!.Status);
            Assert.Equal(1, await s.Page.Locator("#start-assessment").CountAsync());
            Assert.Empty(s.Errors);
        }

        var analyst = Demo("analyst");
        await using (var s = await app.SignInAsync(analyst.Name, analyst.Password))
        {
            var response = await s.Page.GotoAsync($"/risk/warnings/{seed.GuangzhouWarningId}");
            Assert.Equal(200, response!.Status);
            Assert.Equal(0, await s.Page.Locator("#workflow form").CountAsync());
            Assert.Empty(s.Errors);
        }
    }

    [BrowserFact]
    public async Task An_officer_confirms_an_unlicensed_producer_lead_and_opens_the_warning_it_raised()
    {
        var name = $"无证熔喷作坊{Guid.NewGuid():N}"[..16];
        long leadId;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("browser-tests");
            var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
            var now = db.Clock.GetUtcNow();
            var lead = new QualityWatch.Core.Risk.Leads.ProducerLead
            {
                Name = name,
                NormalizedName = name,
                RegionCode = "110105",
                Mentions = 4,
                Sources = ["complaint", "opinion"],
                FirstSeenAt = now.AddDays(-10),
                LastSeenAt = now.AddDays(-1),
            };
            db.ProducerLeads.Add(lead);
            await db.SaveChangesAsync();
            leadId = lead.Id;
        }

        // Beijing and the national admin: the warning it raises must not change the Shenzhen dashboard other tests count.
        var officer = Demo("admin");
        await using var s = await app.SignInAsync(officer.Name, officer.Password);
        var page = s.Page;
        await page.GotoAsync("/risk/leads?status=new");
        var row = page.Locator("#lead-list tr.lead-row", new() { HasText = name });
        // Dismissing without a reason is refused on the row itself.
        await row.Locator(".lead-dismiss").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".lead-error")).ToContainTextAsync("理由");
        await page.Locator("#lead-list tr.lead-row", new() { HasText = name }).Locator("input[name=note]").FillAsync("现场核实：无证照，正在生产");
        await page.Locator("#lead-list tr.lead-row", new() { HasText = name }).Locator(".lead-confirm").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#lead-reviewed")).ToContainTextAsync(name);
        await page.Locator("#lead-warning-link").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/risk/warnings/\d+$"));
        await Microsoft.Playwright.Assertions.Expect(page.Locator("h1")).ToContainTextAsync("无证生产");
        Assert.Empty(s.Errors);
        _ = leadId;
    }

    [BrowserFact]
    public async Task A_complaint_upload_lists_rejects_and_the_template_has_the_Chinese_headers()
    {
        var gd = Demo("gd.officer");
        await using var s = await app.SignInAsync(gd.Name, gd.Password);
        var page = s.Page;
        await page.GotoAsync("/sources/complaint");
        Assert.True(await page.Locator("#source-columns tbody tr").CountAsync() >= 10);

        var template = await s.Context.APIRequest.GetAsync("/sources/complaint?handler=Template");
        var bytes = await template.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var header = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("投诉编号,登记时间,地区代码", header, StringComparison.Ordinal);

        var csv = header.TrimEnd() + "\n"
            + "TS-UP-001,2026-03-02,440106,,,医用外科口罩,网络,消费者,买到的口罩没有生产许可证号,,\n"
            + "TS-UP-002,2026-03-02,999999,,,医用外科口罩,网络,消费者,口罩有异味,,\n";
        await page.SetInputFilesAsync("#import-form input[type=file]",
            new Microsoft.Playwright.FilePayload { Name = "complaints.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#import-submit");
        await page.WaitForSelectorAsync("#import-result");
        Assert.Equal("1", (await page.InnerTextAsync("#import-created")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("#import-rejected")).Trim());
        var reject = page.Locator("#import-rejects tbody tr");
        Assert.Equal("3", (await reject.Locator("td").First.InnerTextAsync()).Trim());
        Assert.Contains("999999", await reject.InnerTextAsync());
        Assert.Equal(1, await page.Locator("#source-list tr[data-source-id='TS-UP-001']").CountAsync());
        Assert.Empty(s.Errors);
    }
}
