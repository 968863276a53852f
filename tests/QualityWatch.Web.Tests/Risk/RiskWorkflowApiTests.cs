using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Warnings;
using QualityWatch.Web.Tests.Infrastructure;

namespace QualityWatch.Web.Tests.Risk;

public sealed class RiskWorkflowApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    /// <summary>
    /// A complaint, a case and a news item naming one enterprise in one week: a multi-source convergence signal for
    /// that enterprise when the week is scanned. Written directly, so the test does not depend on text analysis.
    /// </summary>
    private static Task SeedConvergingRecordsAsync(RiskTestApp app, long enterpriseId, string enterpriseName, string county, DateOnly day) =>
        app.WithDbAsync(async db =>
        {
            // 10:00 Beijing time, stored as UTC (PostgreSQL's timestamptz takes offset 0 only).
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), SourceRecord.ChinaOffset).ToUniversalTime();
            var now = DateTimeOffset.UtcNow;
            var tag = Guid.NewGuid().ToString("N")[..10];
            db.Complaints.Add(new Complaint
            {
                SourceId = $"WF-C-{tag}",
                OccurredAt = at,
                Day = SourceRecord.DayOf(at),
                RegionCode = county,
                EnterpriseId = enterpriseId,
                EnterpriseName = enterpriseName,
                ProductCategory = "MASK-CHILD",
                Problem = "substandard",
                ProblemText = "儿童口罩过滤效果差，孩子戴后咳嗽",
                ContentHash = tag,
                CreatedAt = now,
                UpdatedAt = now,
            });
            db.EnforcementCases.Add(new EnforcementCase
            {
                SourceId = $"WF-E-{tag}",
                OccurredAt = at.AddDays(1),
                Day = SourceRecord.DayOf(at.AddDays(1)),
                RegionCode = county,
                EnterpriseId = enterpriseId,
                EnterpriseName = enterpriseName,
                ProductCategory = "MASK-CHILD",
                Problem = "substandard",
                ViolationType = "生产不合格产品",
                Summary = "现场查获过滤效率不达标的儿童口罩",
                ContentHash = tag,
                CreatedAt = now,
                UpdatedAt = now,
            });
            db.OpinionItems.Add(new OpinionItem
            {
                SourceId = $"https://news.example.cn/{tag}",
                OccurredAt = at.AddDays(2),
                Day = SourceRecord.DayOf(at.AddDays(2)),
                RegionCode = county,
                EnterpriseId = enterpriseId,
                EnterpriseName = enterpriseName,
                ProductCategory = "MASK-CHILD",
                Problem = "substandard",
                Title = "家长投诉某品牌儿童口罩质量问题",
                ContentHash = tag,
                CreatedAt = now,
                UpdatedAt = now,
            });
            return await db.SaveChangesAsync();
        });

    private static async Task<JsonElement> WarningOfAsync(HttpClient client, long enterpriseId)
    {
        var list = await client.GetJsonAsync($"/api/v1/risk/warnings?enterpriseId={enterpriseId}&limit=1000");
        return Assert.Single(list.Items());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_scanned_warning_goes_through_assessment_issue_disposal_and_closure(string provider)
    {
        var app = await RiskTestApp.GetAsync(provider);
        var admin = app.ClientFor("admin");
        var sz = app.ClientFor("sz.officer");
        var name = $"深圳流程测试口罩{Guid.NewGuid():N}"[..16] + "有限公司";
        var enterpriseId = await app.CreateEnterpriseAsync("440305", name);
        await SeedConvergingRecordsAsync(app, enterpriseId, name, "440305", new DateOnly(2024, 6, 4));

        Assert.Equal(HttpStatusCode.Forbidden, (await sz.PostAsJsonAsync("/api/v1/risk/scan", new { asOf = "2024-06-10" })).StatusCode);
        var badScan = await admin.PostJsonAsync("/api/v1/risk/scan", new { asOf = "10.06.2024" }, HttpStatusCode.BadRequest);
        Assert.True(badScan.GetProperty("errors").TryGetProperty("asOf", out _));
        var scan = await admin.PostJsonAsync("/api/v1/risk/scan", new { asOf = "2024-06-10" }, HttpStatusCode.OK);
        Assert.Equal("2024-06-03", scan.GetProperty("weekStart").GetString());
        Assert.True(scan.GetProperty("signals").GetInt32() >= 1);

        // 发现: the candidate warning, with the signal and its evidence.
        var warning = await WarningOfAsync(sz, enterpriseId);
        var id = warning.GetProperty("id").GetInt64();
        Assert.Equal("detected", warning.GetProperty("state").GetString());
        Assert.Equal("440305", warning.GetProperty("regionCode").GetString());
        Assert.NotEqual(JsonValueKind.Null, warning.GetProperty("dueAt").ValueKind);
        var open = await sz.GetJsonAsync("/api/v1/risk/warnings?state=open&regionCode=4403&limit=1000");
        Assert.Contains(open.Items(), w => w.GetProperty("id").GetInt64() == id);
        Assert.DoesNotContain((await sz.GetJsonAsync("/api/v1/risk/warnings?state=closed&limit=1000")).Items(), w => w.GetProperty("id").GetInt64() == id);

        var detail = await sz.GetJsonAsync($"/api/v1/risk/warnings/{id}");
        var signal = Assert.Single(detail.GetProperty("signals").EnumerateArray());
        Assert.Equal("convergence", signal.GetProperty("kind").GetString());
        Assert.Equal(3, signal.GetProperty("evidenceCount").GetInt32());
        var signalId = signal.GetProperty("id").GetInt64();
        Assert.Contains((await sz.GetJsonAsync($"/api/v1/risk/signals?warningId={id}")).Items(), s => s.GetProperty("id").GetInt64() == signalId);
        var signalDetail = await sz.GetJsonAsync($"/api/v1/risk/signals/{signalId}");
        var evidence = signalDetail.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(["case", "complaint", "opinion"], evidence.Select(e => e.GetProperty("type").GetString()).Order());
        Assert.All(evidence, e => Assert.Equal(name, e.GetProperty("enterpriseName").GetString()));
        Assert.Contains(evidence, e => e.GetProperty("excerpt").GetString()!.Contains("孩子戴后咳嗽", StringComparison.Ordinal));
        Assert.Equal(0, signalDetail.GetProperty("evidenceNotVisible").GetInt32());

        // 研判
        var assessing = await sz.PostJsonAsync($"/api/v1/risk/warnings/{id}/start-assessment", new { }, HttpStatusCode.OK);
        Assert.Equal("assessing", assessing.GetProperty("state").GetString());
        var twice = await sz.PostAsJsonAsync($"/api/v1/risk/warnings/{id}/start-assessment", new { });
        Assert.Equal("application/problem+json", twice.Content.Headers.ContentType?.MediaType);
        Assert.True((await twice.JsonAsync(HttpStatusCode.Conflict)).GetProperty("errors").TryGetProperty("state", out _));
        var noJudgement = await sz.PostJsonAsync($"/api/v1/risk/warnings/{id}/assess", new { decision = "issue" }, HttpStatusCode.BadRequest);
        Assert.True(noJudgement.GetProperty("errors").TryGetProperty("judgement", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("analyst").PostAsJsonAsync($"/api/v1/risk/warnings/{id}/assess",
            new { judgement = "x", decision = "issue" })).StatusCode);

        // 预警
        var issued = await sz.PostJsonAsync($"/api/v1/risk/warnings/{id}/assess",
            new { judgement = "多源印证，儿童用品，需立即处置", decision = "issue", level = "orange" }, HttpStatusCode.OK);
        Assert.Equal("warned", issued.GetProperty("state").GetString());
        Assert.Equal("orange", issued.GetProperty("level").GetString());
        Assert.Equal("sz.officer", issued.GetProperty("assessedBy").GetString());
        var issuedAt = issued.GetProperty("issuedAt").GetDateTimeOffset();
        Assert.Equal(WorkingCalendar.WeekdaysOnly.AddWorkingDays(issuedAt, 10), issued.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(["440305"], issued.GetProperty("issuedTo").EnumerateArray().Select(r => r.GetString()));
        var assessTwice = await sz.PostJsonAsync($"/api/v1/risk/warnings/{id}/assess", new { judgement = "again", decision = "dismiss" }, HttpStatusCode.Conflict);
        Assert.Contains("already assessed", assessTwice.GetProperty("detail").GetString());

        var notices = await sz.GetJsonAsync("/api/v1/me/notices?unread=true&limit=1000");
        var notice = Assert.Single(notices.Items(), n => n.GetProperty("warningId").GetInt64() == id);
        Assert.Contains(warning.GetProperty("number").GetString()!, notice.GetProperty("text").GetString());
        var read = await sz.PostJsonAsync($"/api/v1/me/notices/{notice.GetProperty("id").GetInt64()}/read", new { }, HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("readAt").ValueKind);
        Assert.DoesNotContain((await sz.GetJsonAsync("/api/v1/me/notices?unread=true&limit=1000")).Items(), n => n.GetProperty("warningId").GetInt64() == id);

        // 处置
        var noTitle = await sz.PostJsonAsync($"/api/v1/risk/warnings/{id}/tasks", new { kind = "targetedSampling" }, HttpStatusCode.BadRequest);
        Assert.True(noTitle.GetProperty("errors").TryGetProperty("title", out _));
        var elsewhere = await sz.PostJsonAsync($"/api/v1/risk/warnings/{id}/tasks", new { kind = "inspection", title = "x", regionCode = "440106" }, HttpStatusCode.BadRequest);
        Assert.True(elsewhere.GetProperty("errors").TryGetProperty("regionCode", out _));
        var task = await sz.PostJsonAsync($"/api/v1/risk/warnings/{id}/tasks",
            new { kind = "targetedSampling", title = "对该企业儿童口罩定向抽检", assignee = "南山区局" }, HttpStatusCode.Created);
        var taskId = task.GetProperty("id").GetInt64();
        Assert.Equal("open", task.GetProperty("status").GetString());
        Assert.True(task.GetProperty("dueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(7));
        Assert.Equal("disposing", (await sz.GetJsonAsync($"/api/v1/risk/warnings/{id}")).GetProperty("warning").GetProperty("state").GetString());

        var closeEarly = await sz.PostJsonAsync($"/api/v1/risk/warnings/{id}/close", new { outcome = "已处置" }, HttpStatusCode.Conflict);
        Assert.True(closeEarly.GetProperty("errors").TryGetProperty("tasks", out _));
        var doneWithoutResult = await (await sz.PutAsJsonAsync($"/api/v1/risk/tasks/{taskId}", new { status = "done" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(doneWithoutResult.GetProperty("errors").TryGetProperty("result", out _));
        var done = await (await sz.PutAsJsonAsync($"/api/v1/risk/tasks/{taskId}", new { status = "done", result = "抽检 5 批次，3 批次不合格，已立案" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("completedAt").ValueKind);
        Assert.Contains((await sz.GetJsonAsync($"/api/v1/risk/tasks?status=done&regionCode=4403&limit=1000")).Items(), t => t.GetProperty("id").GetInt64() == taskId);
        Assert.DoesNotContain((await sz.GetJsonAsync("/api/v1/risk/tasks?overdue=true&limit=1000")).Items(), t => t.GetProperty("id").GetInt64() == taskId);

        // 办结
        var noOutcome = await sz.PostJsonAsync($"/api/v1/risk/warnings/{id}/close", new { }, HttpStatusCode.BadRequest);
        Assert.True(noOutcome.GetProperty("errors").TryGetProperty("outcome", out _));
        var closed = await sz.PostJsonAsync($"/api/v1/risk/warnings/{id}/close", new { outcome = "涉事批次已召回，企业已立案查处" }, HttpStatusCode.OK);
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("dueAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, closed.GetProperty("closedAt").ValueKind);
        var final = await sz.GetJsonAsync($"/api/v1/risk/warnings/{id}");
        Assert.Equal("done", Assert.Single(final.GetProperty("tasks").EnumerateArray()).GetProperty("status").GetString());
        await sz.PostJsonAsync($"/api/v1/risk/warnings/{id}/close", new { outcome = "again" }, HttpStatusCode.Conflict);

        // Every step is in the audit trail under the officer's name.
        var audit = await admin.GetJsonAsync($"/api/v1/audit?entityType=RiskWarning&entityId={id}&limit=1000");
        var entries = audit.Items().Select(a => (Action: a.GetProperty("action").GetString(), Actor: a.GetProperty("actor").GetString())).ToList();
        Assert.Contains(entries, e => e.Action == "create" && e.Actor == "admin");
        Assert.True(entries.Count(e => e.Action == "update" && e.Actor == "sz.officer") >= 4, string.Join(", ", entries));
        var taskAudit = await admin.GetJsonAsync($"/api/v1/audit?entityType=DisposalTask&entityId={taskId}");
        Assert.Equal(["update", "create"], taskAudit.Items().Select(a => a.GetProperty("action").GetString()));

        // Webhook messages were written with the changes, one per step that notifies.
        var number = warning.GetProperty("number").GetString()!;
        var outbox = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Payload.Contains(number)).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(["warning.issued", "warning.closed"], outbox.Select(m => m.Type));
        Assert.All(outbox, m => Assert.Equal(RiskTestApp.Webhook, m.Target));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_enterprise_user_sees_only_its_own_issued_warnings_and_officers_only_their_region(string provider)
    {
        var app = await RiskTestApp.GetAsync(provider);
        var admin = app.ClientFor("admin");
        var own = await app.CreateEnterpriseAsync("440305", $"深圳企业视角口罩{Guid.NewGuid():N}"[..16] + "有限公司");
        var other = await app.CreateEnterpriseAsync("440305", $"深圳另一口罩{Guid.NewGuid():N}"[..14] + "有限公司");
        var guangzhou = await app.CreateEnterpriseAsync("440106", $"广州口罩{Guid.NewGuid():N}"[..12] + "有限公司");
        var day = new DateOnly(2024, 9, 11);
        await SeedConvergingRecordsAsync(app, own, "own", "440305", day);
        await SeedConvergingRecordsAsync(app, other, "other", "440305", day);
        await SeedConvergingRecordsAsync(app, guangzhou, "gz", "440106", day);
        await admin.PostJsonAsync("/api/v1/risk/scan", new { asOf = "2024-09-16" }, HttpStatusCode.OK);

        var userName = "ent." + Guid.NewGuid().ToString("N")[..8];
        await app.AddUserAsync(userName, Roles.EnterpriseUser, "100000", own);
        var enterprise = app.ClientFor(userName);
        var sz = app.ClientFor("sz.officer");
        var ownWarning = (await WarningOfAsync(sz, own)).GetProperty("id").GetInt64();
        var otherWarning = (await WarningOfAsync(sz, other)).GetProperty("id").GetInt64();
        var gzWarning = (await WarningOfAsync(admin, guangzhou)).GetProperty("id").GetInt64();

        // A candidate is not shown to the enterprise before an officer issues it.
        Assert.Empty((await enterprise.GetJsonAsync("/api/v1/risk/warnings?limit=1000")).Items());
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/api/v1/risk/warnings/{ownWarning}")).StatusCode);

        await sz.PostJsonAsync($"/api/v1/risk/warnings/{ownWarning}/assess", new { judgement = "确认风险", decision = "issue" }, HttpStatusCode.OK);
        await sz.PostJsonAsync($"/api/v1/risk/warnings/{otherWarning}/assess", new { judgement = "证据不足", decision = "dismiss" }, HttpStatusCode.OK);

        var seen = (await enterprise.GetJsonAsync("/api/v1/risk/warnings?limit=1000")).Items().Select(w => w.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([ownWarning], seen);
        var detail = await enterprise.GetJsonAsync($"/api/v1/risk/warnings/{ownWarning}");
        Assert.Equal("warned", detail.GetProperty("warning").GetProperty("state").GetString());
        Assert.Empty(detail.GetProperty("signals").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/api/v1/risk/warnings/{otherWarning}")).StatusCode);
        var notices = (await enterprise.GetJsonAsync("/api/v1/me/notices?limit=1000")).Items().ToList();
        Assert.NotEmpty(notices);
        Assert.All(notices, n => Assert.Equal(own, n.GetProperty("enterpriseId").GetInt64()));
        Assert.Contains(notices, n => n.GetProperty("warningId").GetInt64() == ownWarning);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/v1/risk/signals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/v1/complaints")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PostAsJsonAsync($"/api/v1/risk/warnings/{ownWarning}/close", new { outcome = "x" })).StatusCode);

        // A Shenzhen officer does not see, and cannot act on, a Guangzhou warning.
        Assert.Equal(HttpStatusCode.NotFound, (await sz.GetAsync($"/api/v1/risk/warnings/{gzWarning}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sz.PostAsJsonAsync($"/api/v1/risk/warnings/{gzWarning}/start-assessment", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sz.PostAsJsonAsync("/api/v1/risk/warnings/987654321/start-assessment", new { })).StatusCode);
        Assert.DoesNotContain((await sz.GetJsonAsync("/api/v1/risk/signals?limit=1000")).Items(), s => s.GetProperty("regionCode").GetString()!.StartsWith("4401", StringComparison.Ordinal));
        Assert.Equal("dismissed", (await sz.GetJsonAsync($"/api/v1/risk/warnings/{otherWarning}")).GetProperty("warning").GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await sz.GetAsync("/api/v1/risk/leads")).StatusCode);

        var bad = await sz.GetJsonAsync("/api/v1/risk/warnings?state=sleeping&level=purple&overdue=maybe", HttpStatusCode.BadRequest);
        foreach (var field in new[] { "state", "level", "overdue" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }
}
