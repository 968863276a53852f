using System.Net;
using System.Net.Http.Headers;
using System.Text;
using QualityWatch.Web.Tests.Infrastructure;
using QualityWatch.Web.Tests.Risk;

namespace QualityWatch.Web.Tests.Certification;

/// <summary>POST /api/v1/certificates/import, /certificates/events/import and /certification-bodies/import: the CLI's import handlers over HTTP.</summary>
public sealed class CertificationImportApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    private static MultipartFormDataContent Upload(string csv, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", name);
        return form;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_city_officer_imports_the_citys_certificates_and_their_events_and_verification_sees_them(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var (mine, theirs) = (app.NewNumber(), app.NewNumber());
        var certificates = "证书编号,认证机构,认证委托人,统一社会信用代码,产品名称,颁证日期,证书到期日期\r\n"
            + $"{mine},{CertificationTestApp.Issuer},{CertificationTestApp.ShenzhenHolderName},{CertificationTestApp.ShenzhenHolder},医用外科口罩,2024-03-01,2029-02-28\r\n"
            + $"{theirs},{CertificationTestApp.Issuer},{CertificationTestApp.GuangzhouHolderName},{CertificationTestApp.GuangzhouHolder},医用外科口罩,2024-03-01,2029-02-28\r\n";
        var sz = app.ClientFor("sz.officer");

        var first = await (await sz.PostAsync("/api/v1/certificates/import", Upload(certificates, "certs.csv"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((2, 1, 1), (first.GetProperty("rows").GetInt32(), first.GetProperty("created").GetInt32(), first.GetProperty("rejectedRows").GetInt32()));
        Assert.Contains("outside your region", first.GetProperty("rejects")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        var again = await (await sz.PostAsync("/api/v1/certificates/import", Upload(certificates, "certs.csv"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((0, 1), (again.GetProperty("created").GetInt32(), again.GetProperty("unchanged").GetInt32()));

        var events = $"证书编号,事件类型,日期,说明\r\n{mine},暂停,2025-01-10,抽检不合格\r\n";
        var recorded = await (await sz.PostAsync("/api/v1/certificates/events/import", Upload(events, "events.csv"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, recorded.GetProperty("created").GetInt32());
        // The import invalidates the registry snapshot; readers are served the previous one until the reload is done.
        var verdict = await sz.PostJsonAsync("/api/v1/certificates/verify", new { number = mine, asOf = "2025-06-01" }, HttpStatusCode.OK);
        for (var i = 0; i < 100 && verdict.GetProperty("verdict").GetString() != "invalid"; i++)
        {
            await Task.Delay(100);
            verdict = await sz.PostJsonAsync("/api/v1/certificates/verify", new { number = mine, asOf = "2025-06-01" }, HttpStatusCode.OK);
        }
        Assert.Equal("invalid", verdict.GetProperty("verdict").GetString());
        Assert.Equal("suspended", verdict.GetProperty("certificate").GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsync("/api/v1/certificates/import", Upload(certificates, "certs.csv"))).StatusCode);
        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        var empty = await (await sz.PostAsync("/api/v1/certificates/import", noFile)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bodies_are_imported_by_national_staff_and_refused_by_name_for_a_province(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var number = $"CNCA-R-2019-{Random.Shared.Next(100, 999)}";
        var bodies = $"机构名称,英文名称,批准号,国家,批准日期,业务范围\r\n测试认证中心{number},Test Centre,{number},CN,2019-05-01,voluntary|MASK-DAILY||2019-05-01\r\n";

        var refused = await (await app.ClientFor("gd.officer").PostAsync("/api/v1/certification-bodies/import", Upload(bodies, "bodies.csv"))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("national", refused.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        var created = await (await app.ClientFor("admin").PostAsync("/api/v1/certification-bodies/import", Upload(bodies, "bodies.csv"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, created.GetProperty("created").GetInt32());
        // The body directory reads the registry snapshot, which the import invalidated: the reload follows shortly.
        var url = $"/api/v1/certification-bodies/cnca:{number}";
        var response = await app.ClientFor("admin").GetAsync(url);
        for (var i = 0; i < 100 && response.StatusCode == HttpStatusCode.NotFound; i++)
        {
            await Task.Delay(100);
            response = await app.ClientFor("admin").GetAsync(url);
        }
        Assert.Equal(number, (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("number").GetString());
    }
}
