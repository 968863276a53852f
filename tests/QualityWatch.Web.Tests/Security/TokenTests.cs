using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using QualityWatch.Web.Tests.Infrastructure;

namespace QualityWatch.Web.Tests.Security;

public sealed class TokenTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_token_works_until_revoked_and_secrets_are_never_listed(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var analyst = app.ClientFor("analyst");
        var created = await analyst.PostAsJsonAsync("/api/v1/me/tokens", new { name = "script" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadAsync<JsonElement>();
        var secret = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("id").GetInt64();

        var client = app.WithToken(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/enterprises?limit=1")).StatusCode);
        Assert.DoesNotContain(secret, await analyst.GetStringAsync("/api/v1/me/tokens"));

        Assert.Equal(HttpStatusCode.NoContent, (await analyst.DeleteAsync($"/api/v1/me/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/enterprises?limit=1")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Missing_or_forged_credentials_get_401_and_readers_cannot_write(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/enterprises")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithToken("qwt_forged").GetAsync("/api/v1/enterprises")).StatusCode);
        var write = await app.ClientFor("analyst").PostAsJsonAsync("/api/v1/enterprises", new { name = "x", creditCode = TestData.NewCreditCode("440305"), regionCode = "440305" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/health/ready")).StatusCode);
    }
}
