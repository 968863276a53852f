using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using QualityWatch.Web.Tests.Infrastructure;

namespace QualityWatch.Web.Tests.Registry;

public sealed class ImportApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return await client.PostAsync("/api/v1/enterprises/import", form);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_GB18030_upload_keeps_good_rows_names_bad_ones_and_is_idempotent(string provider)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var app = await TestApp.GetAsync(provider);
        var good1 = TestData.NewCreditCode("440305");
        var good2 = TestData.NewCreditCode("440306");
        var csv = "统一社会信用代码,企业名称,所在地区代码,企业类型\n" +
                  $"{good1},深圳导入测试一有限公司,440305,生产企业\n" +
                  "91440300ABCDEFGHIJ,坏代码公司,440305,生产企业\n" +
                  $"{good2},深圳导入测试二有限公司,440306,经销企业\n" +
                  $"{TestData.NewCreditCode("440305")},,440305,生产企业\n";
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(csv);
        var officer = app.ClientFor("sz.officer");

        var first = await UploadAsync(officer, bytes, "企业.csv");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var r1 = await first.ReadAsync<JsonElement>();
        Assert.Equal(2, r1.GetProperty("created").GetInt32());
        Assert.Equal(2, r1.GetProperty("rejectedRows").GetInt32());
        var rejects = r1.GetProperty("rejects").EnumerateArray().Select(x => (x.GetProperty("row").GetInt32(), x.GetProperty("field").GetString())).ToList();
        // Rows are numbered as a spreadsheet user sees them (header = row 1); fields as headed in the file.
        Assert.Equal([(3, "统一社会信用代码"), (5, "企业名称")], rejects);
        Assert.Contains("深圳导入测试一", await officer.GetStringAsync($"/api/v1/enterprises?q={good1}"));
        // bulk-imported rows are in the name index too: a fragment search finds them
        var byName = await officer.GetStringAsync($"/api/v1/enterprises?q={Uri.EscapeDataString("导入测试二")}&limit=1000");
        Assert.Contains(good2, byName);
        Assert.DoesNotContain(good1, byName);

        var second = await UploadAsync(officer, bytes, "企业.csv");
        var r2 = await second.ReadAsync<JsonElement>();
        Assert.Equal(0, r2.GetProperty("created").GetInt32());
        Assert.Equal(0, r2.GetProperty("updated").GetInt32());
        Assert.Equal(2, r2.GetProperty("unchanged").GetInt32());

        var analyst = await UploadAsync(app.ClientFor("analyst"), bytes, "企业.csv");
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
        var empty = await UploadAsync(officer, [], "empty.csv");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }
}
