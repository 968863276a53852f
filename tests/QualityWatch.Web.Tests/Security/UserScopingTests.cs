using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Identity;
using QualityWatch.Web.Tests.Infrastructure;

namespace QualityWatch.Web.Tests.Security;

public sealed class UserScopingTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_enterprise_user_sees_only_its_own_enterprise_and_its_products(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var admin = app.ClientFor("admin");
        var own = await TestData.CreateEnterpriseAsync(admin, "440305");
        var other = await TestData.CreateEnterpriseAsync(admin, "440305");
        var ownId = own.GetProperty("id").GetInt64();
        var name = "ent." + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { name, role = "EnterpriseUser", regionCode = "100000", password = "Enterprise#2026", enterpriseId = ownId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        string token;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("test");
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(name);
            token = (await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(user!, "test")).Token;
        }
        var client = app.WithToken(token);
        var list = await (await client.GetAsync("/api/v1/enterprises?limit=1000")).ReadAsync<JsonElement>();
        Assert.Equal([ownId], list.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/enterprises/{other.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/v1/enterprises/{ownId}", new { address = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_regional_administrator_lists_only_users_of_their_region_in_stable_pages(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var sz = await (await app.ClientFor("sz.officer").GetAsync("/api/v1/users?limit=1000")).ReadAsync<JsonElement>();
        var szNames = sz.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("name").GetString()).ToList();
        Assert.Contains("sz.officer", szNames);
        Assert.DoesNotContain("gd.officer", szNames);
        Assert.DoesNotContain("admin", szNames);
        var escalate = await app.ClientFor("sz.officer").PostAsJsonAsync("/api/v1/users", new { name = "x" + Guid.NewGuid().ToString("N")[..6], role = "RegionalOfficer", regionCode = "4401", password = "Secret#2026" });
        Assert.Equal(HttpStatusCode.BadRequest, escalate.StatusCode);

        var admin = app.ClientFor("admin");
        var all = (await (await admin.GetAsync("/api/v1/users?limit=1000")).ReadAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(u => u.GetProperty("name").GetString()).ToList();
        var paged = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync("/api/v1/users?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).ReadAsync<JsonElement>();
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("name").GetString()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        // Other tests may add users meanwhile: every earlier user is seen exactly once, in name order.
        Assert.Equal(paged.Distinct().Count(), paged.Count);
        Assert.Equal(paged.Order(StringComparer.Ordinal), paged);
        Assert.Empty(all.Except(paged));
        Assert.True(all.Count >= 6);
    }
}
