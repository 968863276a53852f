using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Web.Tests.Infrastructure;
using QualityWatch.Web.Tests.Risk;

namespace QualityWatch.Web.Tests.Certification;

/// <summary>POST /api/v1/certificates/verify and /verify/batch on the real app: the JSON contract, the public view, validation.</summary>
public sealed class VerifyApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_staff_verification_answers_exactly_what_the_verifier_writes(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var cert = await app.AddShenzhenMaskAsync();
        var body = new
        {
            number = cert.Number,
            product = "医用外科口罩",
            model = "KZ-01",
            holder = CertificationTestApp.ShenzhenHolderName,
            holderCreditCode = CertificationTestApp.ShenzhenHolder,
            asOf = "2025-06-01",
        };

        var response = await app.ClientFor("admin").PostAsJsonAsync("/api/v1/certificates/verify", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        // Chinese is written as is, not \u-escaped.
        Assert.Contains("登记库中有该证书", text, StringComparison.Ordinal);

        var request = new VerificationRequest
        {
            Number = cert.Number,
            ClaimedProduct = "医用外科口罩",
            Model = "KZ-01",
            ClaimedHolderName = CertificationTestApp.ShenzhenHolderName,
            ClaimedHolderCreditCode = CertificationTestApp.ShenzhenHolder,
        };
        var expected = VerificationJson.ToJson(CertificateVerifier.Verify(request, await app.Snapshot.GetAsync(), new DateOnly(2025, 6, 1)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(text)), $"expected {expected}\nactual   {text}");

        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal("authentic", json.GetProperty("verdict").GetString());
        Assert.Equal(new[] { "verdict", "checks", "certificate" }, json.EnumerateObject().Select(p => p.Name));
        foreach (var check in json.GetProperty("checks").EnumerateArray())
        {
            Assert.Equal(new[] { "id", "passed", "severity", "evidence" }, check.EnumerateObject().Select(p => p.Name));
            Assert.False(string.IsNullOrWhiteSpace(check.GetProperty("evidence").GetProperty("zh").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(check.GetProperty("evidence").GetProperty("en").GetString()));
        }
        var certificate = json.GetProperty("certificate");
        Assert.Equal(cert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), certificate.GetProperty("id").GetString());
        Assert.Equal("valid", certificate.GetProperty("status").GetString());
        Assert.Equal(CertificationTestApp.ShenzhenHolder, certificate.GetProperty("holder").GetProperty("creditCode").GetString());
        Assert.Equal("广东省药品监督管理局", certificate.GetProperty("issuer").GetProperty("nameZh").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_anonymous_caller_gets_the_verdict_and_checks_but_only_the_public_certificate_fields(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        const string suspensionNote = "内部：飞行检查发现原料来源不明";
        var cert = await app.AddGuangzhouMaskAsync(c =>
        {
            c.Status = CertificateStatus.Suspended;
            c.Events.Add(new CertificateEventRecord { Date = new DateOnly(2025, 1, 10), Kind = LifecycleEventKind.Suspended, Note = suspensionNote, RecordedAt = c.CreatedAt });
        });

        var anonymous = await app.Anonymous().PostJsonAsync("/api/v1/certificates/verify", new { number = cert.Number, asOf = "2025-06-01" }, HttpStatusCode.OK);
        Assert.Equal("invalid", anonymous.GetProperty("verdict").GetString());
        var status = anonymous.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "status-on-date");
        Assert.False(status.GetProperty("passed").GetBoolean());
        Assert.Equal("critical", status.GetProperty("severity").GetString());
        Assert.Contains("暂停", status.GetProperty("evidence").GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(suspensionNote, anonymous.GetRawText(), StringComparison.Ordinal);
        var publicCert = anonymous.GetProperty("certificate");
        Assert.Equal(
            new[] { "scheme", "number", "status", "issuer", "holder", "productCategory", "products", "issuedOn", "expiresOn" },
            publicCert.EnumerateObject().Select(p => p.Name));
        Assert.Equal("suspended", publicCert.GetProperty("status").GetString());
        Assert.Equal(CertificationTestApp.GuangzhouHolderName, publicCert.GetProperty("holder").GetProperty("name").GetString());
        Assert.Equal(CertificationTestApp.GuangzhouHolder, publicCert.GetProperty("holder").GetProperty("creditCode").GetString());
        Assert.False(publicCert.TryGetProperty("manufacturer", out _));
        Assert.False(publicCert.TryGetProperty("events", out _));

        // The same claim from national staff carries the full record, note included.
        var staff = await app.ClientFor("admin").PostJsonAsync("/api/v1/certificates/verify", new { number = cert.Number, asOf = "2025-06-01" }, HttpStatusCode.OK);
        Assert.Contains(suspensionNote, staff.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2, staff.GetProperty("certificate").GetProperty("events").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_restored_credit_listing_is_evidence_for_staff_but_not_shown_to_the_public(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var holder = CreditCode.Build("91", "440106", $"MA{Random.Shared.Next(100000, 999999)}");
        const string reason = "内部：2023 年生产销售不合格口罩案";
        var cert = await app.AddMaskAsync("440106", "广州市信用修复测试有限公司", holder);
        await app.WithDbAsync(async db =>
        {
            var now = db.Clock.GetUtcNow();
            db.CreditListings.Add(new DishonestyListing
            {
                Kind = CreditListKind.SeriousDishonesty,
                CreditCode = holder,
                EntityName = "广州市信用修复测试有限公司",
                RegionCode = "440106",
                Category = "产品质量",
                LegalBasis = "《市场监督管理严重违法失信名单管理办法》第二条",
                DecisionNumber = $"穗市监信列〔2023〕{Random.Shared.Next(100000, 999999)}号",
                DecidedOn = new DateOnly(2023, 1, 1),
                Authority = "广州市市场监督管理局",
                Reason = reason,
                State = ListingState.Restored,
                PublishedOn = new DateOnly(2023, 1, 5),
                RestoredOn = new DateOnly(2024, 6, 1),
                CreatedAt = now,
                UpdatedAt = now,
            });
            return await db.SaveChangesAsync();
        });
        await app.Snapshot.RefreshAsync();
        var claim = new { number = cert.Number, asOf = "2025-06-01" };

        // Listed when the certificate was issued (2024-03-01), restored since: a warning for staff, with the reason.
        var staff = await app.ClientFor("admin").PostJsonAsync("/api/v1/certificates/verify", claim, HttpStatusCode.OK);
        Assert.Equal("suspicious", staff.GetProperty("verdict").GetString());
        var credit = staff.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "holder-credit-list");
        Assert.Contains(reason, credit.GetProperty("evidence").GetProperty("zh").GetString(), StringComparison.Ordinal);

        // The listing is no longer public: the public sees the same verdict and the check failing, but not the listing.
        var anonymous = await app.Anonymous().PostJsonAsync("/api/v1/certificates/verify", claim, HttpStatusCode.OK);
        Assert.Equal("suspicious", anonymous.GetProperty("verdict").GetString());
        var publicCredit = anonymous.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "holder-credit-list");
        Assert.False(publicCredit.GetProperty("passed").GetBoolean());
        Assert.DoesNotContain(reason, anonymous.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("2023-01-05", publicCredit.GetProperty("evidence").GetProperty("zh").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Fraud_patterns_give_their_verdicts_through_the_api(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var cert = await app.AddShenzhenMaskAsync();
        var client = app.Anonymous();

        // A well-formed number nobody registered: unknown; the same number claimed by a holder with other registrations: suspicious.
        var forged = app.NewNumber();
        Assert.Equal("unknown", (await client.PostJsonAsync("/api/v1/certificates/verify", new { number = forged }, HttpStatusCode.OK)).GetProperty("verdict").GetString());
        var claimedByHolder = await client.PostJsonAsync("/api/v1/certificates/verify", new { number = forged, holder = CertificationTestApp.ShenzhenHolder }, HttpStatusCode.OK);
        Assert.Equal("suspicious", claimedByHolder.GetProperty("verdict").GetString());

        // Borrowed: the genuine number claimed by another holder's credit code.
        var borrowed = await client.PostJsonAsync("/api/v1/certificates/verify", new { number = cert.Number, holder = CertificationTestApp.GuangzhouHolder }, HttpStatusCode.OK);
        Assert.Equal("invalid", borrowed.GetProperty("verdict").GetString());
        Assert.Contains(borrowed.GetProperty("checks").EnumerateArray(), c => c.GetProperty("id").GetString() == "holder-matches" && !c.GetProperty("passed").GetBoolean());

        // CCC claimed on a mask; CE 1282 on a KN95 (pasted label text).
        var ccc = await client.PostJsonAsync("/api/v1/certificates/verify", new { number = "2020010901123456", scheme = "ccc", product = "口罩" }, HttpStatusCode.OK);
        Assert.Equal("invalid", ccc.GetProperty("verdict").GetString());
        var ce = await client.PostJsonAsync("/api/v1/certificates/verify", new { text = "KN95 口罩 CE 1282 EN149:2001", product = "KN95" }, HttpStatusCode.OK);
        Assert.Equal("invalid", ce.GetProperty("verdict").GetString());
        Assert.Contains(ce.GetProperty("checks").EnumerateArray(), c => c.GetProperty("id").GetString() == "misleading-issuer" && !c.GetProperty("passed").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bad_claims_are_rejected_naming_each_field(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var client = app.Anonymous();
        var empty = await client.PostJsonAsync("/api/v1/certificates/verify", new { product = "口罩" }, HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("number", out _));
        var bad = await client.PostJsonAsync("/api/v1/certificates/verify", new { number = "TC-84A-9372", scheme = "iso9001", asOf = "01/06/2025" }, HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.Contains("iso9001", errors.GetProperty("scheme")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("01/06/2025", errors.GetProperty("asOf")[0].GetString(), StringComparison.Ordinal);
        var tooLong = await client.PostJsonAsync("/api/v1/certificates/verify", new { text = new string('口', 5001) }, HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("text", out _));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_batch_answers_one_result_per_item_in_order_with_the_input_echoed_and_keeps_good_items(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var cert = await app.AddShenzhenMaskAsync();
        var forged = app.NewNumber();
        var items = new object[]
        {
            new { number = cert.Number, product = "医用外科口罩", holder = CertificationTestApp.ShenzhenHolder },
            forged,
            new { product = "口罩" },
            new { number = 12345 },
            new { text = "KN95 口罩 CE 1282", product = "KN95" },
        };

        var batch = await app.ClientFor("inspector").PostJsonAsync("/api/v1/certificates/verify/batch", items, HttpStatusCode.OK);
        Assert.Equal(5, batch.GetProperty("count").GetInt32());
        Assert.Equal(2, batch.GetProperty("rejected").GetInt32());
        var verdicts = batch.GetProperty("verdicts");
        Assert.Equal(1, verdicts.GetProperty("authentic").GetInt32());
        Assert.Equal(1, verdicts.GetProperty("unknown").GetInt32());
        Assert.Equal(1, verdicts.GetProperty("invalid").GetInt32());
        Assert.Equal(0, verdicts.GetProperty("suspicious").GetInt32());
        var results = batch.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(cert.Number, results[0].GetProperty("input").GetProperty("number").GetString());
        Assert.Equal("authentic", results[0].GetProperty("result").GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("errors").ValueKind);
        Assert.Equal(forged, results[1].GetProperty("input").GetString());
        Assert.Equal("unknown", results[1].GetProperty("result").GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, results[2].GetProperty("result").ValueKind);
        Assert.True(results[2].GetProperty("errors").TryGetProperty("number", out _));
        Assert.True(results[3].GetProperty("errors").TryGetProperty("number", out _));
        Assert.Equal(12345, results[3].GetProperty("input").GetProperty("number").GetInt32());
        Assert.Equal("invalid", results[4].GetProperty("result").GetProperty("verdict").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_batch_needs_staff_and_at_most_a_thousand_items(string provider)
    {
        var app = await CertificationTestApp.GetAsync(provider);
        var anonymous = await app.Anonymous().PostAsJsonAsync("/api/v1/certificates/verify/batch", new[] { "TC-84A-9372" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var tooMany = await app.ClientFor("admin").PostJsonAsync("/api/v1/certificates/verify/batch",
            Enumerable.Repeat("TC-84A-9372", 1001).ToArray(), HttpStatusCode.BadRequest);
        Assert.Contains("1001", tooMany.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        var notArray = await app.ClientFor("admin").PostJsonAsync("/api/v1/certificates/verify/batch", new { number = "TC-84A-9372" }, HttpStatusCode.BadRequest);
        Assert.True(notArray.GetProperty("errors").TryGetProperty("body", out _));
        var thousand = await app.ClientFor("admin").PostJsonAsync("/api/v1/certificates/verify/batch",
            Enumerable.Range(0, 1000).Select(i => $"TC-84A-{i:0000}").ToArray(), HttpStatusCode.OK);
        Assert.Equal(1000, thousand.GetProperty("items").GetArrayLength());
    }
}
