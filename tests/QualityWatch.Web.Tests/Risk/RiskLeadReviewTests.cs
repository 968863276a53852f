using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Risk.Leads;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Web.Tests.Infrastructure;

namespace QualityWatch.Web.Tests.Risk;

public sealed class RiskLeadReviewTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    private static async Task<(long LeadId, long ComplaintId, string Name)> SeedLeadAsync(RiskTestApp app, string county)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var name = $"无名熔喷布作坊{tag}";
        return await app.WithDbAsync(async db =>
        {
            var at = DateTimeOffset.UtcNow.AddDays(-3);
            var complaint = new Complaint
            {
                SourceId = $"LEAD-C-{tag}",
                OccurredAt = at,
                Day = SourceRecord.DayOf(at),
                RegionCode = county,
                EnterpriseName = name,
                ProductCategory = "MELTBLOWN",
                Problem = "unlicensed",
                ProblemText = $"{name}在出租屋里生产熔喷布，没有任何证照",
                ContentHash = tag,
                CreatedAt = at,
                UpdatedAt = at,
            };
            db.Complaints.Add(complaint);
            await db.SaveChangesAsync();
            var lead = new ProducerLead
            {
                Name = name,
                NormalizedName = name,
                RegionCode = county,
                Mentions = 3,
                Sources = ["complaint"],
                Records = [$"complaint:{complaint.Id}"],
                FirstSeenAt = at,
                LastSeenAt = at,
            };
            db.ProducerLeads.Add(lead);
            await db.SaveChangesAsync();
            return (lead.Id, complaint.Id, name);
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Confirming_a_lead_raises_an_unlicensed_production_warning_with_its_records_as_evidence(string provider)
    {
        var app = await RiskTestApp.GetAsync(provider);
        var sz = app.ClientFor("sz.officer");
        var (leadId, complaintId, name) = await SeedLeadAsync(app, "440306");

        // Only editors decide; another region's officer does not even see the lead.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("analyst").PostAsJsonAsync($"/api/v1/risk/leads/{leadId}/review", new { decision = "confirmed" })).StatusCode);
        await app.AddUserIfMissingAsync("hz.leads", "310000");
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor("hz.leads").PostAsJsonAsync($"/api/v1/risk/leads/{leadId}/review", new { decision = "confirmed" })).StatusCode);
        var bad = await sz.PostJsonAsync($"/api/v1/risk/leads/{leadId}/review", new { decision = "maybe" }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("decision", out _));

        var confirmed = await sz.PostJsonAsync($"/api/v1/risk/leads/{leadId}/review", new { decision = "confirmed", note = "现场核实：无营业执照、无生产许可" }, HttpStatusCode.OK);
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        Assert.Equal("sz.officer", confirmed.GetProperty("reviewedBy").GetString());
        var signalId = confirmed.GetProperty("signalId").GetInt64();
        var warningId = confirmed.GetProperty("warningId").GetInt64();

        var signal = await sz.GetJsonAsync($"/api/v1/risk/signals/{signalId}");
        Assert.Equal("external", signal.GetProperty("signal").GetProperty("kind").GetString());
        Assert.Equal("unlicensed", signal.GetProperty("signal").GetProperty("problem").GetString());
        var evidence = Assert.Single(signal.GetProperty("evidence").EnumerateArray());
        Assert.Equal(complaintId, evidence.GetProperty("id").GetInt64());
        var warning = await sz.GetJsonAsync($"/api/v1/risk/warnings/{warningId}");
        Assert.Equal("detected", warning.GetProperty("warning").GetProperty("state").GetString());
        Assert.Contains(warning.GetProperty("signals").EnumerateArray(), s => s.GetProperty("id").GetInt64() == signalId);

        // A confirmed lead is final; confirming twice does not raise a second signal.
        var again = await sz.PostJsonAsync($"/api/v1/risk/leads/{leadId}/review", new { decision = "confirmed" }, HttpStatusCode.BadRequest);
        Assert.True(again.GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(1, await app.WithDbAsync(db => db.RiskSignals.CountAsync(s => s.SeriesKey == $"lead|{leadId}")));
        var audit = await app.ClientFor("admin").GetJsonAsync($"/api/v1/audit?entityType=ProducerLead&entityId={leadId}");
        Assert.Contains(audit.Items(), a => a.GetProperty("actor").GetString() == "sz.officer" && a.GetProperty("action").GetString() == "update");
        _ = name;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_dismissal_needs_a_reason_and_a_dismissed_lead_can_be_reopened(string provider)
    {
        var app = await RiskTestApp.GetAsync(provider);
        var sz = app.ClientFor("sz.officer");
        var (leadId, _, _) = await SeedLeadAsync(app, "440307");

        var noReason = await sz.PostJsonAsync($"/api/v1/risk/leads/{leadId}/review", new { decision = "dismissed" }, HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("note", out _));
        var dismissed = await sz.PostJsonAsync($"/api/v1/risk/leads/{leadId}/review", new { decision = "dismissed", note = "系已登记企业的简称" }, HttpStatusCode.OK);
        Assert.Equal("dismissed", dismissed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, dismissed.GetProperty("signalId").ValueKind);
        var list = await sz.GetJsonAsync("/api/v1/risk/leads?status=dismissed&limit=1000");
        Assert.Contains(list.Items(), l => l.GetProperty("id").GetInt64() == leadId && l.GetProperty("reviewNote").GetString() == "系已登记企业的简称");

        var reopened = await sz.PostJsonAsync($"/api/v1/risk/leads/{leadId}/review", new { decision = "new" }, HttpStatusCode.OK);
        Assert.Equal("new", reopened.GetProperty("status").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.RiskSignals.CountAsync(s => s.SeriesKey == $"lead|{leadId}")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_warning_is_issued_to_the_regions_and_enterprises_the_officer_names(string provider)
    {
        var app = await RiskTestApp.GetAsync(provider);
        var gd = app.ClientFor("gd.officer");
        var enterpriseId = await app.CreateEnterpriseAsync("440106", $"广州下发测试口罩{Guid.NewGuid():N}"[..14] + "有限公司");
        var warningId = await app.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var w = new QualityWatch.Core.Risk.Warnings.RiskWarning
            {
                Number = $"YJ-T-{Guid.NewGuid():N}"[..20],
                Title = "深圳医用口罩标识问题",
                GroupKey = $"test|{Guid.NewGuid():N}",
                RegionCode = "440305",
                Problem = "labelling",
                Level = QualityWatch.Core.Risk.Warnings.WarningLevel.Yellow,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.RiskWarnings.Add(w);
            await db.SaveChangesAsync();
            return w.Id;
        });

        var unknown = await gd.PostJsonAsync($"/api/v1/risk/warnings/{warningId}/assess",
            new { judgement = "需通报", decision = "issue", issueTo = new[] { "440300", "999999" } }, HttpStatusCode.BadRequest);
        Assert.Contains("999999", unknown.GetProperty("errors").GetProperty("issueTo")[0].GetString());
        var malformed = await gd.PostJsonAsync($"/api/v1/risk/warnings/{warningId}/assess",
            new { judgement = "需通报", decision = "issue", issueTo = new[] { "深圳" } }, HttpStatusCode.BadRequest);
        Assert.True(malformed.GetProperty("errors").TryGetProperty("issueTo", out _));

        var issued = await gd.PostJsonAsync($"/api/v1/risk/warnings/{warningId}/assess",
            new { judgement = "需通报广州、深圳及相关企业", decision = "issue", issueTo = new[] { "440300", "440100", $"e{enterpriseId}", "440300" } }, HttpStatusCode.OK);
        Assert.Equal(["440300", "440100", $"e{enterpriseId}"], issued.GetProperty("issuedTo").EnumerateArray().Select(r => r.GetString()));
        var notices = await app.WithDbAsync(db => db.Notices.Where(n => n.WarningId == warningId).Select(n => new { n.RegionCode, n.EnterpriseId }).ToListAsync());
        Assert.Equal(3, notices.Count);
        Assert.Contains(notices, n => n.RegionCode == "440100" && n.EnterpriseId == null);
        Assert.Contains(notices, n => n.RegionCode == "440300" && n.EnterpriseId == null);
        Assert.Contains(notices, n => n.RegionCode == "440106" && n.EnterpriseId == enterpriseId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Leads_confirmed_at_the_same_moment_in_eight_provinces_each_get_a_warning_with_its_own_number(string provider)
    {
        // Each confirmation raises a warning; the next number is read before the save, so simultaneous runs used to
        // pick the same number and all but one failed on the unique index (seen on PostgreSQL).
        var app = await RiskTestApp.GetAsync(provider);
        var counties = new[] { "650102", "640104", "630102", "540102", "620102", "150102", "460105", "520102" };
        var leads = new List<long>();
        foreach (var county in counties)
            leads.Add((await SeedLeadAsync(app, county)).LeadId);
        var admin = app.ClientFor("admin");
        var responses = await Task.WhenAll(leads.Select(id => admin.PostAsJsonAsync($"/api/v1/risk/leads/{id}/review", new { decision = "confirmed" })));
        var warningIds = new List<long>();
        foreach (var response in responses)
            warningIds.Add((await response.JsonAsync(HttpStatusCode.OK)).GetProperty("warningId").GetInt64());
        Assert.Equal(counties.Length, warningIds.Distinct().Count());
        var numbers = await app.WithDbAsync(db => db.RiskWarnings.Where(w => warningIds.Contains(w.Id)).Select(w => w.Number).ToListAsync());
        Assert.Equal(counties.Length, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches(@"^YJ-\d{4}-\d{5}$", n));
    }
}
