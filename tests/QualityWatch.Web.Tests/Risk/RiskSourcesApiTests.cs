using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Web.Tests.Infrastructure;

namespace QualityWatch.Web.Tests.Risk;

public sealed class RiskSourcesApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_posted_complaint_is_stored_an_identical_repost_is_unchanged_and_a_change_is_audited(string provider)
    {
        var app = await RiskTestApp.GetAsync(provider);
        var officer = app.ClientFor("sz.officer");
        var sourceId = NewId("12315");
        var complaint = new Dictionary<string, object?>
        {
            ["sourceId"] = sourceId,
            ["occurredAt"] = "2025-03-05 10:30",
            ["regionCode"] = "440305",
            ["enterpriseName"] = " 深圳市某某口罩厂 ",
            ["product"] = "儿童口罩",
            ["channel"] = "热线",
            ["problemText"] = "买的儿童口罩有刺鼻异味，戴后皮肤发红",
            ["amount"] = 39.9,
            ["unknownField"] = "ignored",
        };

        var first = await officer.PostAsJsonAsync("/api/v1/complaints", complaint);
        var created = await first.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("created", created.GetProperty("outcome").GetString());
        var record = created.GetProperty("record");
        var id = record.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/complaints/{id}", first.Headers.Location?.OriginalString);
        Assert.Equal("complaint", record.GetProperty("type").GetString());
        Assert.Equal(sourceId, record.GetProperty("sourceId").GetString());
        Assert.Equal("深圳市某某口罩厂", record.GetProperty("enterpriseName").GetString());
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 10, 30, 0, TimeSpan.FromHours(8)), record.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal("买的儿童口罩有刺鼻异味，戴后皮肤发红", record.GetProperty("fields").GetProperty("problemText").GetString());
        Assert.Equal(39.9m, record.GetProperty("fields").GetProperty("amount").GetDecimal());

        var again = await officer.PostJsonAsync("/api/v1/complaints", complaint, HttpStatusCode.OK);
        Assert.Equal("unchanged", again.GetProperty("outcome").GetString());
        Assert.Equal(id, again.GetProperty("record").GetProperty("id").GetInt64());

        complaint["status"] = "已办结";
        var changed = await officer.PostJsonAsync("/api/v1/complaints", complaint, HttpStatusCode.OK);
        Assert.Equal("updated", changed.GetProperty("outcome").GetString());

        var detail = await officer.GetJsonAsync($"/api/v1/complaints/{id}");
        Assert.Equal("已办结", detail.GetProperty("fields").GetProperty("status").GetString());
        Assert.True(detail.TryGetProperty("analysis", out _));
        Assert.True(detail.TryGetProperty("problem", out _));

        var list = await officer.GetJsonAsync("/api/v1/complaints?regionCode=4403&from=2025-03-05&to=2025-03-05&limit=1000");
        var item = Assert.Single(list.Items(), i => i.GetProperty("id").GetInt64() == id);
        Assert.Contains("刺鼻异味", item.GetProperty("excerpt").GetString());
        var outside = await officer.GetJsonAsync("/api/v1/complaints?from=2025-03-06&limit=1000");
        Assert.DoesNotContain(outside.Items(), i => i.GetProperty("id").GetInt64() == id);

        var audit = await app.ClientFor("admin").GetJsonAsync($"/api/v1/audit?entityType=Complaint&entityId={id}");
        var actions = audit.Items().Select(a => (a.GetProperty("action").GetString(), a.GetProperty("actor").GetString())).ToList();
        Assert.Contains(("create", "sz.officer"), actions);
        Assert.Contains(("update", "sz.officer"), actions);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_bad_single_post_is_problem_json_naming_each_field_and_analysts_cannot_post(string provider)
    {
        var app = await RiskTestApp.GetAsync(provider);
        var response = await app.ClientFor("sz.officer").PostAsJsonAsync("/api/v1/complaints",
            new { sourceId = NewId("bad"), occurredAt = "2025-02-30", regionCode = "999999", amount = "lots" });
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "occurredAt", "regionCode", "problemText", "amount" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");

        var array = await app.ClientFor("sz.officer").PostAsJsonAsync("/api/v1/complaints", new[] { 1, 2 });
        Assert.True((await array.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("body", out _));

        var analyst = await app.ClientFor("analyst").PostAsJsonAsync("/api/v1/complaints", new { sourceId = NewId("a") });
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("analyst").GetAsync("/api/v1/complaints")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_batch_keeps_good_items_and_names_bad_ones_by_item_number_and_field(string provider)
    {
        var app = await RiskTestApp.GetAsync(provider);
        var officer = app.ClientFor("sz.officer");
        var good1 = NewId("GB-PASS");
        var good2 = NewId("GB-FAIL");
        object[] items =
        [
            new { sourceId = good1, occurredAt = "2025-04-02", regionCode = "440305", product = "一次性使用医用口罩", verdict = "合格" },
            new { sourceId = NewId("GB-BAD"), occurredAt = "2025-13-45", regionCode = "440305", verdict = "合格" },
            new { sourceId = NewId("GB-BAD"), occurredAt = "2025-04-02", regionCode = "440305", verdict = "不合格" },
            new { sourceId = good2, occurredAt = "2025-04-03", regionCode = "440306", verdict = "fail", failedItems = new[] { "细菌过滤效率: 90% (≥95%)", "通气阻力: 60 Pa (≤49 Pa)" } },
            42,
        ];

        var result = await officer.PostJsonAsync("/api/v1/inspections/batch", items, HttpStatusCode.OK);
        Assert.Equal(5, result.GetProperty("rows").GetInt32());
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        Assert.Equal(3, result.GetProperty("rejectedRows").GetInt32());
        var rejects = result.GetProperty("rejects").EnumerateArray()
            .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("field").GetString(), r.GetProperty("reason").GetString())).ToList();
        Assert.Contains(rejects, r => r.Item1 == 2 && r.Item2 == "occurredAt");
        Assert.Contains(rejects, r => r.Item1 == 3 && r.Item2 == "failedItems");
        Assert.Contains(rejects, r => r.Item1 == 5 && r.Item2 == "sourceId");
        Assert.DoesNotContain(rejects, r => r.Item1 is 1 or 4);
        Assert.All(rejects, r => Assert.False(string.IsNullOrWhiteSpace(r.Item3)));

        var again = await officer.PostJsonAsync("/api/v1/inspections/batch", items, HttpStatusCode.OK);
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, again.GetProperty("created").GetInt32());

        var list = await officer.GetJsonAsync("/api/v1/inspections?from=2025-04-02&to=2025-04-03&regionCode=440306&limit=1000");
        var failed = Assert.Single(list.Items(), i => i.GetProperty("sourceId").GetString() == good2);
        Assert.DoesNotContain(list.Items(), i => i.GetProperty("sourceId").GetString() == good1);
        var detail = await officer.GetJsonAsync($"/api/v1/inspections/{failed.GetProperty("id").GetInt64()}");
        Assert.Equal("fail", detail.GetProperty("fields").GetProperty("verdict").GetString());
        Assert.Equal(2, detail.GetProperty("fields").GetProperty("failedItems").GetArrayLength());

        var tooMany = Enumerable.Range(0, 5001).Select(_ => new { }).ToArray();
        var refused = await officer.PostAsJsonAsync("/api/v1/inspections/batch", tooMany);
        Assert.True((await refused.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("body", out _));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_file_import_goes_through_the_same_validation(string provider)
    {
        var app = await RiskTestApp.GetAsync(provider);
        var good = NewId("CASE");
        var csv = "案件编号,立案日期,地区代码,当事人,违法类型,案情摘要\n" +
                  $"{good},2025-05-06,440305,某某医疗用品厂,假冒,查获假冒医用外科口罩 2 万只\n" +
                  $"{NewId("CASE")},someday,440305,某厂,无证生产,\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "cases.csv");
        var result = await (await app.ClientFor("sz.officer").PostAsync("/api/v1/cases/import", form)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("created").GetInt32());
        var reject = Assert.Single(result.GetProperty("rejects").EnumerateArray());
        Assert.Equal(3, reject.GetProperty("row").GetInt32());
        Assert.Equal("occurredAt", reject.GetProperty("field").GetString());
        Assert.Equal("立案日期", reject.GetProperty("column").GetString());

        using var empty = new MultipartFormDataContent();
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientFor("sz.officer").PostAsync("/api/v1/cases/import", empty)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_Shenzhen_officer_cannot_post_list_or_read_a_Guangzhou_record(string provider)
    {
        var app = await RiskTestApp.GetAsync(provider);
        var sz = app.ClientFor("sz.officer");
        var gd = app.ClientFor("gd.officer");
        var sourceId = NewId("GZ");
        var guangzhou = new { sourceId, occurredAt = "2025-06-02", regionCode = "440106", problemText = "口罩是假货", enterpriseName = "广州某厂" };

        var refused = await sz.PostAsJsonAsync("/api/v1/complaints", guangzhou);
        Assert.True((await refused.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("regionCode", out _));

        var created = await gd.PostJsonAsync("/api/v1/complaints", guangzhou, HttpStatusCode.Created);
        var id = created.GetProperty("record").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await sz.GetAsync($"/api/v1/complaints/{id}")).StatusCode);
        var list = await sz.GetJsonAsync("/api/v1/complaints?limit=1000");
        Assert.DoesNotContain(list.Items(), i => i.GetProperty("id").GetInt64() == id);
        Assert.Empty((await sz.GetJsonAsync("/api/v1/complaints?regionCode=4401&limit=1000")).Items());
        Assert.Contains((await gd.GetJsonAsync("/api/v1/complaints?regionCode=4401&limit=1000")).Items(), i => i.GetProperty("id").GetInt64() == id);

        // The same source id moved into Shenzhen is still the Guangzhou record: refused, not duplicated.
        var hijack = await sz.PostAsJsonAsync("/api/v1/complaints", guangzhou with { regionCode = "440305" });
        Assert.True((await hijack.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("sourceId", out _));

        var bad = await sz.GetJsonAsync("/api/v1/complaints?regionCode=44x&from=yesterday&limit=0", HttpStatusCode.BadRequest);
        foreach (var field in new[] { "regionCode", "from", "limit" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_mistyped_credit_code_is_repaired_by_the_name_and_stored_with_its_link_method(string provider)
    {
        // "credit-code-corrected" (21 characters) once overflowed the PostgreSQL column, which SQLite never checks.
        var app = await RiskTestApp.GetAsync(provider);
        var name = $"深圳纠错{Guid.NewGuid():N}"[..12] + "口罩有限公司";
        var enterprise = await TestData.CreateEnterpriseAsync(app.ClientFor("admin"), "440305", name);
        var code = enterprise.GetProperty("creditCode").GetString()!;
        var typo = code[..^1] + (code[^1] == '0' ? '1' : '0');
        var created = await app.ClientFor("sz.officer").PostJsonAsync("/api/v1/complaints", new Dictionary<string, object?>
        {
            ["sourceId"] = NewId("12315"),
            ["occurredAt"] = "2025-03-05 10:30",
            ["regionCode"] = "440305",
            ["enterpriseName"] = name,
            ["creditCode"] = typo,
            ["product"] = "医用口罩",
            ["problemText"] = "口罩耳带一拉就断",
        }, HttpStatusCode.Created);
        var record = created.GetProperty("record");
        Assert.Equal("credit-code-corrected", record.GetProperty("linkMethod").GetString());
        Assert.Equal(enterprise.GetProperty("id").GetInt64(), record.GetProperty("enterpriseId").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_unregistered_producer_named_in_two_districts_gets_a_lead_in_each_and_every_complaint_is_audited_as_stored(string provider)
    {
        // Leads are looked up by name and region together; a batch naming the workshop in one district must not
        // add to the other district's lead.
        var app = await RiskTestApp.GetAsync(provider);
        var officer = app.ClientFor("sz.officer");
        var workshop = "鑫源" + $"{Guid.NewGuid():N}"[..6] + "口罩加工厂";
        Dictionary<string, object?> Complaint(string region, int n) => new()
        {
            ["sourceId"] = NewId("12315"),
            ["occurredAt"] = "2025-05-06 09:15",
            ["regionCode"] = region,
            ["enterpriseName"] = workshop,
            ["product"] = "医用外科口罩",
            ["problemText"] = $"这家作坊没有生产许可，口罩是三无产品 {n}",
        };

        var first = await officer.PostJsonAsync("/api/v1/complaints/batch", new[] { Complaint("440305", 1), Complaint("440305", 2), Complaint("440306", 3) }, HttpStatusCode.OK);
        Assert.Equal(3, first.GetProperty("created").GetInt32());
        var second = await officer.PostJsonAsync("/api/v1/complaints/batch", new[] { Complaint("440306", 4), Complaint("440306", 5) }, HttpStatusCode.OK);
        Assert.Equal(2, second.GetProperty("created").GetInt32());

        var leads = await app.WithDbAsync(db => db.ProducerLeads.Where(l => l.Name == workshop).OrderBy(l => l.RegionCode).ToListAsync());
        Assert.Equal([("440305", 2), ("440306", 3)], leads.Select(l => (l.RegionCode, l.Mentions)));
        Assert.All(leads, l => Assert.Equal(l.Mentions, l.Records.Count));

        // The import writes the audit changes of leads and created records itself; they must be the stored values.
        var leadAudit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "ProducerLead" && (a.EntityId == leads[0].Id.ToString() || a.EntityId == leads[1].Id.ToString()))
            .OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([("create", leads[0].Id), ("create", leads[1].Id), ("update", leads[1].Id)], leadAudit.Select(a => (a.Action, long.Parse(a.EntityId, System.Globalization.CultureInfo.InvariantCulture))));
        using (var created = JsonDocument.Parse(leadAudit[0].Changes))
        {
            var c = created.RootElement;
            Assert.Equal(workshop, c.GetProperty("Name").GetProperty("after").GetString());
            Assert.Equal(2, c.GetProperty("Mentions").GetProperty("after").GetInt32());
            Assert.Equal(["complaint"], c.GetProperty("Sources").GetProperty("after").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(leads[0].Records, c.GetProperty("Records").GetProperty("after").EnumerateArray().Select(e => e.GetString()));
            // The audit has the instant as the import held it; SQLite keeps milliseconds, PostgreSQL microseconds.
            Assert.Equal(leads[0].FirstSeenAt, c.GetProperty("FirstSeenAt").GetProperty("after").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
            Assert.Equal(leads[0].Id, c.GetProperty("Id").GetProperty("after").GetInt64());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("Id").GetProperty("before").ValueKind);
        }
        using (var updated = JsonDocument.Parse(leadAudit[2].Changes))
        {
            var u = updated.RootElement;
            Assert.Equal((1, 3), (u.GetProperty("Mentions").GetProperty("before").GetInt32(), u.GetProperty("Mentions").GetProperty("after").GetInt32()));
            Assert.Equal(leads[1].Records.Take(1), u.GetProperty("Records").GetProperty("before").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(leads[1].Records, u.GetProperty("Records").GetProperty("after").EnumerateArray().Select(e => e.GetString()));
        }

        // The import writes the audit changes of a created record itself; they must be the stored values.
        var stored = await app.WithDbAsync(db => db.Complaints.Where(c => c.EnterpriseName == workshop).ToListAsync());
        Assert.Equal(5, stored.Count);
        foreach (var c in stored)
        {
            var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == "Complaint" && a.EntityId == c.Id.ToString() && a.Action == "create"));
            using var changes = JsonDocument.Parse(entry.Changes);
            JsonElement After(string property)
            {
                var change = changes.RootElement.GetProperty(property);
                Assert.Equal(JsonValueKind.Null, change.GetProperty("before").ValueKind);
                return change.GetProperty("after");
            }
            Assert.Equal(c.SourceId, After("SourceId").GetString());
            Assert.Equal(c.OccurredAt, After("OccurredAt").GetDateTimeOffset());
            Assert.Equal(c.RegionCode, After("RegionCode").GetString());
            Assert.Equal(JsonValueKind.Null, After("EnterpriseId").ValueKind);
            Assert.Equal(c.ProductCategory, After("ProductCategory").GetString());
            Assert.Equal(c.Problem, After("Problem").GetString());
            Assert.Equal("unlicensed", c.Problem);
        }
    }
}
