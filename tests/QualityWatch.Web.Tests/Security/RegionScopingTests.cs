using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using QualityWatch.Web.Tests.Infrastructure;

namespace QualityWatch.Web.Tests.Security;

/// <summary>The matrix from the issue: a Shenzhen officer never sees a Guangzhou (4401) record by any route; Guangdong does.</summary>
public sealed class RegionScopingTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Shenzhen_officer_cannot_reach_a_Guangzhou_record_by_any_route(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var gz = await TestData.CreateEnterpriseAsync(app.ClientFor("admin"), "440106", "广州天河防护用品有限公司");
        var sz = await TestData.CreateEnterpriseAsync(app.ClientFor("admin"), "440305", "深圳南山防护用品有限公司");
        var gzId = gz.GetProperty("id").GetInt64();
        var gzCode = gz.GetProperty("creditCode").GetString()!;
        var szCode = sz.GetProperty("creditCode").GetString()!;
        var officer = app.ClientFor("sz.officer");

        // read: 404, not 403, so ids cannot be probed
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/v1/enterprises/{gzId}")).StatusCode);
        // update: same answer as for a missing record
        var update = await officer.PutAsJsonAsync($"/api/v1/enterprises/{gzId}", new { address = "篡改" });
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        // search by its credit code and by its name finds nothing; the officer's own record is found
        Assert.DoesNotContain(gzCode, await officer.GetStringAsync($"/api/v1/enterprises?q={gzCode}"));
        Assert.DoesNotContain(gzCode, await officer.GetStringAsync($"/api/v1/enterprises?q={Uri.EscapeDataString("广州天河防护用品")}"));
        Assert.Contains(szCode, await officer.GetStringAsync($"/api/v1/enterprises?q={szCode}"));
        // count and list filtered to 4401 are empty for the officer
        var count = await (await officer.GetAsync("/api/v1/enterprises/count?regionCode=4401")).ReadAsync<JsonElement>();
        Assert.Equal(0, count.GetProperty("count").GetInt32());
        var list = await (await officer.GetAsync("/api/v1/enterprises?regionCode=44&limit=1000")).ReadAsync<JsonElement>();
        Assert.All(list.GetProperty("items").EnumerateArray(), e => Assert.StartsWith("4403", e.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        // export
        var export = await officer.GetAsync("/api/v1/enterprises/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.DoesNotContain(gzCode, csv);
        Assert.Contains(szCode, csv);
        // creating a record in another region is refused with a named field
        var create = await officer.PostAsJsonAsync("/api/v1/enterprises", new { name = "越权企业", creditCode = TestData.NewCreditCode("440106"), regionCode = "440106" });
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Contains("regionCode", await create.Content.ReadAsStringAsync());

        // the province sees both
        var gd = app.ClientFor("gd.officer");
        Assert.Equal(HttpStatusCode.OK, (await gd.GetAsync($"/api/v1/enterprises/{gzId}")).StatusCode);
        Assert.Contains(gzCode, await gd.GetStringAsync($"/api/v1/enterprises?q={gzCode}"));
        var gdUpdate = await gd.PutAsJsonAsync($"/api/v1/enterprises/{gzId}", new { address = "广州市天河区新地址" });
        Assert.Equal(HttpStatusCode.OK, gdUpdate.StatusCode);
        var gdCount = await (await gd.GetAsync($"/api/v1/enterprises/count?q={gzCode}")).ReadAsync<JsonElement>();
        Assert.Equal(1, gdCount.GetProperty("count").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Products_and_batches_follow_their_manufacturers_region(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var admin = app.ClientFor("admin");
        var gz = await TestData.CreateEnterpriseAsync(admin, "440104");
        var product = await admin.PostAsJsonAsync("/api/v1/products", new
        {
            category = "RESP-PART",
            brand = "测试",
            model = "KN95-T1",
            grade = "KN95",
            gtin = "6901234567892",
            manufacturerId = gz.GetProperty("id").GetInt64(),
            intendedUsers = new[] { "adults" },
        });
        Assert.Equal(HttpStatusCode.Created, product.StatusCode);
        var productId = (await product.ReadAsync<JsonElement>()).GetProperty("id").GetInt64();
        var batch = await admin.PostAsJsonAsync("/api/v1/batches", new { productId, lotNumber = "L" + Guid.NewGuid().ToString("N")[..8], quantity = 10000, unit = "只", productionDate = "2026-03-01" });
        Assert.Equal(HttpStatusCode.Created, batch.StatusCode);
        var batchId = (await batch.ReadAsync<JsonElement>()).GetProperty("id").GetInt64();

        var sz = app.ClientFor("sz.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await sz.GetAsync($"/api/v1/products/{productId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sz.GetAsync($"/api/v1/batches/{batchId}")).StatusCode);
        Assert.DoesNotContain($"\"id\":{productId},", await sz.GetStringAsync($"/api/v1/products?manufacturerId={gz.GetProperty("id").GetInt64()}"));
        var gd = app.ClientFor("gd.officer");
        Assert.Equal(HttpStatusCode.OK, (await gd.GetAsync($"/api/v1/products/{productId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gd.GetAsync($"/api/v1/batches/{batchId}")).StatusCode);
    }
}
