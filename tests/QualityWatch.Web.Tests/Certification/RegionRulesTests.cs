using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Web.Tests.Infrastructure;
using QualityWatch.Web.Tests.Risk;

namespace QualityWatch.Web.Tests.Certification;

/// <summary>
/// Region rules outside the single-verify call: the batch spreadsheet's verdict text, the audit log of lifecycle
/// events (real ids, the certificate's region), and a revoked API token refused at once despite the token cache.
/// </summary>
public sealed class RegionRulesTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    private static MultipartFormDataContent Upload(string csv)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "list.csv");
        form.Add(new StringContent("2025-06-01"), "asOf");
        return form;
    }

    private static Action<CertificateRecord> SuspendedWith(string note) => c =>
    {
        c.Status = CertificateStatus.Suspended;
        c.Events.Add(new CertificateEventRecord { Date = new DateOnly(2025, 1, 10), Kind = LifecycleEventKind.Suspended, Note = note, RecordedAt = c.CreatedAt });
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_city_officers_spreadsheet_verdicts_carry_lifecycle_notes_only_for_certificates_of_their_own_region(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var gzNote = $"内部：广州飞行检查线索{Guid.NewGuid():N}";
        var szNote = $"内部：深圳飞行检查线索{Guid.NewGuid():N}";
        var guangzhou = await app.AddGuangzhouMaskAsync(SuspendedWith(gzNote));
        var shenzhen = await app.AddShenzhenMaskAsync(SuspendedWith(szNote));
        var csv = $"证书编号\r\n{guangzhou.Number}\r\n{shenzhen.Number}\r\n";

        var sz = await app.ClientFor("sz.officer").PostAsync("/api/v1/certificates/verify/file", Upload(csv));
        Assert.Equal(HttpStatusCode.OK, sz.StatusCode);
        var szText = await sz.Content.ReadAsStringAsync();
        var szLines = szText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Both rows still say what the public may know: suspended, hence invalid.
        Assert.Contains("invalid", szLines[1], StringComparison.Ordinal);
        Assert.Contains("暂停", szLines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(gzNote, szText, StringComparison.Ordinal);
        Assert.Contains(szNote, szLines[2], StringComparison.Ordinal);

        // The province covers both cities, so its officer reads both notes.
        var gd = await (await app.ClientFor("gd.officer").PostAsync("/api/v1/certificates/verify/file", Upload(csv))).Content.ReadAsStringAsync();
        Assert.Contains(gzNote, gd, StringComparison.Ordinal);
        Assert.Contains(szNote, gd, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lifecycle_events_are_audited_under_their_real_ids_in_the_certificates_region(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var shenzhen = await app.AddShenzhenMaskAsync();
        var guangzhou = await app.AddGuangzhouMaskAsync();
        var sz = app.ClientFor("sz.officer");

        var detail = await sz.PostJsonAsync($"/api/v1/certificates/{shenzhen.Id}/events", new { action = "suspend", date = "2025-02-01", note = "停产整改" }, HttpStatusCode.Created);
        var events = detail.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(2, events.Count);
        foreach (var e in events)
        {
            // The issued event was saved together with its certificate: its audit entry names the certificate's real id.
            var id = e.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
            var entry = Assert.Single((await sz.GetJsonAsync($"/api/v1/audit?entityType=CertificateEventRecord&entityId={id}")).Items());
            Assert.Equal("create", entry.GetProperty("action").GetString());
            Assert.Equal("440305", entry.GetProperty("regionCode").GetString());
            Assert.Contains($"\"CertificateId\":{{\"before\":null,\"after\":{shenzhen.Id}}}", entry.GetProperty("changes").GetString(), StringComparison.Ordinal);
        }
        // The certificate's own trail on its page shows the event entries too.
        var trail = detail.GetProperty("auditTrail").EnumerateArray().Select(a => a.GetProperty("entityType").GetString()).ToList();
        Assert.Contains("CertificateRecord", trail);
        Assert.Equal(2, trail.Count(t => t == "CertificateEventRecord"));

        // Another city's event entries stay out of the Shenzhen officer's audit log, and are in the province's.
        var gzEvent = (await app.WithDbAsync(db => Task.FromResult(db.CertificateEvents.Where(e => e.CertificateId == guangzhou.Id).Select(e => e.Id).ToList()))).Single();
        var url = $"/api/v1/audit?entityType=CertificateEventRecord&entityId={gzEvent}";
        Assert.Empty((await sz.GetJsonAsync(url)).Items());
        Assert.Equal("440106", Assert.Single((await app.ClientFor("gd.officer").GetJsonAsync(url)).Items()).GetProperty("regionCode").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_revoked_token_is_refused_on_the_next_call_although_resolved_tokens_are_cached(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var created = await app.ClientFor("analyst").PostJsonAsync("/api/v1/me/tokens", new { name = "cache-test" }, HttpStatusCode.Created);
        using var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("token").GetString());
        // Twice: the second call is answered from the cache.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/certificates?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/certificates?limit=1")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/me/tokens/{created.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/certificates?limit=1")).StatusCode);
        // Other tokens are resolved again from the database and still work.
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("analyst").GetAsync("/api/v1/certificates?limit=1")).StatusCode);
    }
}
