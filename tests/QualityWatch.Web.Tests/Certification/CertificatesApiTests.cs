using System.Net;
using System.Net.Http.Json;
using System.Text;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Web.Tests.Infrastructure;
using QualityWatch.Web.Tests.Risk;

namespace QualityWatch.Web.Tests.Certification;

/// <summary>The staff side of /api/v1/certificates: list, detail, lifecycle events, and the page's CSV export; region scoping throughout.</summary>
public sealed class CertificatesApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_city_officer_lists_and_reads_only_certificates_of_holders_in_the_city(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var shenzhen = await app.AddShenzhenMaskAsync();
        var guangzhou = await app.AddGuangzhouMaskAsync();
        var foreign = await app.AddMaskAsync("440305", "Foreign Holder GmbH", "", c => (c.RegionCode, c.HolderCreditCode) = (null, null));

        var sz = app.ClientFor("sz.officer");
        var list = (await sz.GetJsonAsync("/api/v1/certificates?limit=1000")).Items().ToList();
        Assert.Contains(list, c => c.GetProperty("id").GetInt64() == shenzhen.Id);
        Assert.DoesNotContain(list, c => c.GetProperty("id").GetInt64() == guangzhou.Id);
        Assert.DoesNotContain(list, c => c.GetProperty("id").GetInt64() == foreign.Id);
        Assert.All(list, c => Assert.StartsWith("4403", c.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        // Filtering for another region does not widen the scope.
        Assert.Empty((await sz.GetJsonAsync("/api/v1/certificates?region=4401")).Items());
        Assert.Equal(HttpStatusCode.NotFound, (await sz.GetAsync($"/api/v1/certificates/{guangzhou.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sz.GetAsync($"/api/v1/certificates/{foreign.Id}")).StatusCode);
        var detail = await sz.GetJsonAsync($"/api/v1/certificates/{shenzhen.Id}");
        Assert.Equal(shenzhen.Number, detail.GetProperty("number").GetString());
        Assert.Equal("issued", detail.GetProperty("events")[0].GetProperty("kind").GetString());
        Assert.Equal("广东省药品监督管理局", detail.GetProperty("issuer").GetProperty("nameZh").GetString());
        Assert.Contains(detail.GetProperty("auditTrail").EnumerateArray(), a => a.GetProperty("action").GetString() == "create");

        var gd = (await app.ClientFor("gd.officer").GetJsonAsync("/api/v1/certificates?limit=1000")).Items().Select(c => c.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(shenzhen.Id, gd);
        Assert.Contains(guangzhou.Id, gd);
        Assert.DoesNotContain(foreign.Id, gd);
        var national = (await app.ClientFor("admin").GetJsonAsync("/api/v1/certificates?limit=1000")).Items().Select(c => c.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(foreign.Id, national);

        // Verification is public, but the full record behind it follows the same scope.
        var verified = await sz.PostJsonAsync("/api/v1/certificates/verify", new { number = guangzhou.Number }, HttpStatusCode.OK);
        Assert.False(verified.GetProperty("certificate").TryGetProperty("events", out _));
        var own = await sz.PostJsonAsync("/api/v1/certificates/verify", new { number = shenzhen.Number }, HttpStatusCode.OK);
        Assert.True(own.GetProperty("certificate").TryGetProperty("events", out _));

        // Anonymous callers and enterprise-less tokens never reach the registry reads.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/certificates")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Filters_select_by_number_holder_status_scheme_category_and_page_with_a_cursor(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var a = await app.AddShenzhenMaskAsync();
        var b = await app.AddShenzhenMaskAsync(c => (c.Status, c.ExpiresOn) = (CertificateStatus.Valid, new DateOnly(2024, 12, 31)));
        var admin = app.ClientFor("admin");

        // Full-width digits and spaces are the same number.
        var typed = a.Number.Replace("2024", "２０２４", StringComparison.Ordinal);
        Assert.Equal(a.Id, (await admin.GetJsonAsync($"/api/v1/certificates?number={Uri.EscapeDataString(typed)}")).Items().Single().GetProperty("id").GetInt64());
        var byCode = (await admin.GetJsonAsync($"/api/v1/certificates?holder={CertificationTestApp.ShenzhenHolder}&limit=1000")).Items().Select(c => c.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(a.Id, byCode);
        Assert.Contains(b.Id, byCode);
        var byName = (await admin.GetJsonAsync($"/api/v1/certificates?holder={Uri.EscapeDataString("康泽医疗")}&limit=1000")).Items().ToList();
        Assert.All(byName, c => Assert.Equal(CertificationTestApp.ShenzhenHolderName, c.GetProperty("holderName").GetString()));
        var expired = (await admin.GetJsonAsync("/api/v1/certificates?status=expired&limit=1000")).Items().ToList();
        Assert.Contains(expired, c => c.GetProperty("id").GetInt64() == b.Id && c.GetProperty("status").GetString() == "expired");
        Assert.DoesNotContain(expired, c => c.GetProperty("id").GetInt64() == a.Id);
        Assert.Contains((await admin.GetJsonAsync("/api/v1/certificates?status=valid&scheme=nmpa-registration&category=MASK-SURG&issuer=mpa:44&limit=1000")).Items(),
            c => c.GetProperty("id").GetInt64() == a.Id);
        Assert.Empty((await admin.GetJsonAsync("/api/v1/certificates?scheme=ccc")).Items());

        var first = await admin.GetJsonAsync("/api/v1/certificates?limit=1");
        var next = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(next);
        var second = await admin.GetJsonAsync($"/api/v1/certificates?limit=1&cursor={next}");
        Assert.True(first.Items().Single().GetProperty("id").GetInt64() > second.Items().Single().GetProperty("id").GetInt64());

        var bad = await admin.GetJsonAsync("/api/v1/certificates?status=lost&scheme=iso&region=4x&limit=0", HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        foreach (var field in new[] { "status", "scheme", "region", "limit" })
            Assert.True(errors.TryGetProperty(field, out _), field);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lifecycle_events_need_a_registry_editor_in_the_region_are_audited_and_reach_verification(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var cert = await app.AddGuangzhouMaskAsync();
        var url = $"/api/v1/certificates/{cert.Id}/events";
        var suspend = new { action = "suspend", date = "2025-05-20", note = "监督抽查不合格" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync(url, suspend)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("analyst").PostAsJsonAsync(url, suspend)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor("sz.officer").PostAsJsonAsync(url, suspend)).StatusCode);
        Assert.Equal(0, await app.CountAuditAsync(cert.Id, "update"));

        var gd = app.ClientFor("gd.officer");
        var recorded = await gd.PostAsJsonAsync(url, suspend);
        var detail = await recorded.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("suspended", detail.GetProperty("status").GetString());
        Assert.Contains(detail.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "suspended" && e.GetProperty("note").GetString() == "监督抽查不合格");
        var update = detail.GetProperty("auditTrail").EnumerateArray().Single(a => a.GetProperty("action").GetString() == "update");
        Assert.Equal("gd.officer", update.GetProperty("actor").GetString());
        Assert.Contains("Status", update.GetProperty("changes").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await app.CountAuditAsync(cert.Id, "update"));

        // The same event again changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await gd.PostAsJsonAsync(url, suspend)).StatusCode);
        Assert.Equal(1, await app.CountAuditAsync(cert.Id, "update"));

        await app.Snapshot.RefreshAsync();
        var verified = await app.Anonymous().PostJsonAsync("/api/v1/certificates/verify", new { number = cert.Number, asOf = "2025-06-01" }, HttpStatusCode.OK);
        Assert.Equal("invalid", verified.GetProperty("verdict").GetString());
        Assert.Equal("suspended", verified.GetProperty("certificate").GetProperty("status").GetString());

        // Withdrawal is final: a later resumption is refused, naming the field.
        await (await gd.PostAsJsonAsync(url, new { action = "withdraw", date = "2025-06-01" })).JsonAsync(HttpStatusCode.Created);
        var refused = await (await gd.PostAsJsonAsync(url, new { action = "resume", date = "2025-06-02" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("action", out _));
        var badDate = await (await gd.PostAsJsonAsync(url, new { action = "suspend", date = "2025/06/02" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(badDate.GetProperty("errors").TryGetProperty("date", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await gd.PostAsJsonAsync("/api/v1/certificates/999999999/events", suspend)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_list_page_exports_the_officers_certificates_as_utf8_csv_with_a_bom(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var shenzhen = await app.AddShenzhenMaskAsync();
        var guangzhou = await app.AddGuangzhouMaskAsync();

        var response = await app.ClientFor("sz.officer").GetAsync("/certificates?handler=Export&scheme=nmpa-registration");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 1)
            lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("证书编号,认证类别,发证机构", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(shenzhen.Number + ",", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith(guangzhou.Number + ",", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains(",4403", l, StringComparison.Ordinal));

        // The page itself is staff-only.
        var anonymous = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress }.GetAsync("/certificates");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
