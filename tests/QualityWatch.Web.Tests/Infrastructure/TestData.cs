using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Web.Tests.Infrastructure;

/// <summary>Creates records through the API so every test sees its own, uniquely coded data.</summary>
public static class TestData
{
    private const string UsccLetters = CreditCode.Alphabet;

    public static string NewCreditCode(string county)
    {
        var body = string.Concat(Enumerable.Range(0, 8).Select(_ => UsccLetters[Random.Shared.Next(UsccLetters.Length)]));
        var code = CreditCode.Build("91", county, body);
        // A check character of the organisation code outside the USCC set cannot occur (only 0-9 and X),
        // but retry defensively rather than hand a flaky code to a test.
        return CreditCode.Check(code).Status == CreditCodeStatus.Valid ? code : NewCreditCode(county);
    }

    public static async Task<JsonElement> CreateEnterpriseAsync(HttpClient client, string county, string? name = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/enterprises", new
        {
            name = name ?? $"测试口罩有限公司{Guid.NewGuid():N}"[..20],
            creditCode = NewCreditCode(county),
            regionCode = county,
            types = new[] { "producer" },
            address = "测试地址",
        });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var saved = await response.ReadAsync<JsonElement>();
        return saved.GetProperty("enterprise");
    }
}
