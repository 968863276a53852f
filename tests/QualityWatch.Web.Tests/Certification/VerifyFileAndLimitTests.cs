using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using MiniExcelLibs;
using QualityWatch.Web.Tests.Infrastructure;
using QualityWatch.Web.Tests.Risk;

namespace QualityWatch.Web.Tests.Certification;

/// <summary>POST /api/v1/certificates/verify/file round trips, and the shared public budget of /verify and the API.</summary>
public sealed class VerifyFileAndLimitTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName, string? asOf = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (asOf is not null)
            form.Add(new StringContent(asOf), "asOf");
        return form;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_gb18030_csv_comes_back_as_the_same_sheet_with_a_verdict_column_and_counts(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var cert = await app.AddShenzhenMaskAsync();
        var forged = app.NewNumber();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = "序号,证书编号,产品名称,备注\r\n"
            + $"1,{cert.Number},医用外科口罩,第一批\r\n"
            + $"2,{forged},医用外科口罩,\r\n"
            + "3,,口罩,没有编号\r\n"
            + "4,2020010901123456,口罩,CCC\r\n";
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(csv);

        var response = await app.ClientFor("inspector").PostAsync("/api/v1/certificates/verify/file", Upload(bytes, "海关查验清单.csv", "2025-06-01"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("4", response.Headers.GetValues("X-Verify-Rows").Single());
        Assert.Equal("1", response.Headers.GetValues("X-Verify-Authentic").Single());
        Assert.Equal("1", response.Headers.GetValues("X-Verify-Unknown").Single());
        Assert.Equal("1", response.Headers.GetValues("X-Verify-Invalid").Single());
        Assert.Equal("1", response.Headers.GetValues("X-Verify-Blank").Single());
        Assert.Equal("海关查验清单.verified.csv", Uri.UnescapeDataString(response.Headers.GetValues("X-Verify-File-Name").Single()));

        var output = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, output[..3]);
        var lines = Encoding.UTF8.GetString(output[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(5, lines.Count);
        Assert.StartsWith("序号,证书编号,产品名称,备注,", lines[0], StringComparison.Ordinal);
        Assert.Contains("verdict", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"1,{cert.Number},医用外科口罩,第一批,", lines[1], StringComparison.Ordinal);
        Assert.Contains("authentic", lines[1], StringComparison.Ordinal);
        Assert.Contains("unknown", lines[2], StringComparison.Ordinal);
        Assert.Contains("invalid", lines[4], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_xlsx_comes_back_as_xlsx_and_a_file_without_a_number_column_is_refused_by_name(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var cert = await app.AddGuangzhouMaskAsync();
        using var input = new MemoryStream();
        await input.SaveAsAsync(new[]
        {
            new Dictionary<string, object> { ["证书编号"] = cert.Number, ["持证人"] = CertificationTestApp.GuangzhouHolder },
            new Dictionary<string, object> { ["证书编号"] = cert.Number, ["持证人"] = CertificationTestApp.ShenzhenHolder },
        });
        var client = app.ClientFor("gd.officer");
        var response = await client.PostAsync("/api/v1/certificates/verify/file", Upload(input.ToArray(), "list.xlsx"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var output = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = output.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        var verdictColumn = rows[0].Keys.Single(k => k.Contains("verdict", StringComparison.Ordinal));
        Assert.Contains("authentic", rows[0][verdictColumn]?.ToString(), StringComparison.Ordinal);
        Assert.Contains("invalid", rows[1][verdictColumn]?.ToString(), StringComparison.Ordinal);

        var noNumbers = Encoding.UTF8.GetBytes("名称,地址\r\n某公司,某地\r\n");
        var refused = await (await client.PostAsync("/api/v1/certificates/verify/file", Upload(noNumbers, "addresses.csv"))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("addresses.csv", refused.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        var wrongType = await (await client.PostAsync("/api/v1/certificates/verify/file", Upload(noNumbers, "list.pdf"))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("file", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsync("/api/v1/certificates/verify/file", Upload(noNumbers, "list.csv"))).StatusCode);
    }

    [Fact]
    public async Task Anonymous_verification_is_limited_per_address_with_one_budget_for_the_page_and_the_api_and_staff_are_not()
    {
        const int permits = 4;
        var app = await CertificationTestApp.RateLimitedAsync(permits);
        var anonymous = app.Anonymous();
        var claim = new { number = "TC-84A-9372" };

        // Half the budget through the page (a QR link), half through the API.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/verify?no=TC-84A-9372")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/verify/TC-84A-9372")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/certificates/verify", claim)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/certificates/verify", claim)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.PostAsJsonAsync("/api/v1/certificates/verify", claim)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/verify?no=TC-84A-9372")).StatusCode);

        // Staff calls (API token) are not counted against, nor stopped by, the public budget.
        for (var i = 0; i < permits + 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await app.ClientFor("inspector").PostAsJsonAsync("/api/v1/certificates/verify", claim)).StatusCode);
        // The rest of the app is not behind this budget.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
    }
}
