using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Persistence;
using QualityWatch.Web.Tests.Infrastructure;

namespace QualityWatch.Web.Tests.Audit;

public sealed class AuditTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_mutation_is_audited_with_actor_request_and_before_after(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var gd = app.ClientFor("gd.officer");
        var e = await TestData.CreateEnterpriseAsync(gd, "440305");
        var id = e.GetProperty("id").GetInt64();
        var update = await gd.PutAsJsonAsync($"/api/v1/enterprises/{id}", new { address = "深圳市南山区科技园" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        // an update that changes nothing writes nothing
        await gd.PutAsJsonAsync($"/api/v1/enterprises/{id}", new { address = "深圳市南山区科技园" });

        var page = await (await gd.GetAsync($"/api/v1/audit?entityType=Enterprise&entityId={id}")).ReadAsync<JsonElement>();
        var entries = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["update", "create"], entries.Select(x => x.GetProperty("action").GetString()));
        var upd = entries[0];
        Assert.Equal("gd.officer", upd.GetProperty("actor").GetString());
        Assert.False(string.IsNullOrEmpty(upd.GetProperty("requestId").GetString()));
        Assert.Equal("127.0.0.1", upd.GetProperty("clientAddress").GetString());
        var changes = JsonDocument.Parse(upd.GetProperty("changes").GetString()!).RootElement;
        Assert.Equal("测试地址", changes.GetProperty("Address").GetProperty("before").GetString());
        Assert.Equal("深圳市南山区科技园", changes.GetProperty("Address").GetProperty("after").GetString());
        var created = JsonDocument.Parse(entries[1].GetProperty("changes").GetString()!).RootElement;
        Assert.Equal(id, created.GetProperty("Id").GetProperty("after").GetInt64());

        // the Shenzhen officer reads the trail of a Shenzhen record; nobody can change it through the API
        Assert.Contains($"\"entityId\":\"{id}\"", await app.ClientFor("sz.officer").GetStringAsync($"/api/v1/audit?entityId={id}"));
        var auditId = upd.GetProperty("id").GetInt64();
        var admin = app.ClientFor("admin");
        var delete = await admin.DeleteAsync($"/api/v1/audit/{auditId}");
        Assert.True(delete.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, delete.StatusCode.ToString());
        var put = await admin.PutAsJsonAsync($"/api/v1/audit/{auditId}", new { actor = "x" });
        Assert.True(put.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, put.StatusCode.ToString());
        Assert.Contains("\"actor\":\"gd.officer\"", await admin.GetStringAsync($"/api/v1/audit?entityId={id}&action=update"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Audit_entries_cannot_be_changed_even_with_direct_database_access(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await TestData.CreateEnterpriseAsync(app.ClientFor("admin"), "440305");
        await using var scope = app.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("test");
        var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
        var entry = await db.AuditEntries.OrderBy(a => a.Id).FirstAsync();

        entry.Actor = "forger";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        // the triggers stop a raw statement too
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Actor\" = 'forger'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Id == entry.Id && a.Actor != "forger"));
    }
}
