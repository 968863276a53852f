using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;
using QualityWatch.Web.Hosting;
using QualityWatch.Web.Tests.Infrastructure;
using QualityWatch.Web.Tests.Risk;

namespace QualityWatch.Web.Tests.Credit;

public sealed class CreditApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Tag() => Guid.NewGuid().ToString("N")[..10];

    private static object Decision(string creditCode, string number, string? name, DateOnly decidedOn) => new
    {
        creditCode,
        entityName = name,
        category = "产品质量",
        legalBasis = "《市场监督管理严重违法失信名单管理办法》",
        decisionNumber = number,
        decidedOn = decidedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        authority = "广州市市场监督管理局",
        reason = "生产销售不合格医用口罩",
        caseNumber = "穗市监罚〔2026〕7号",
        measures = new[] { "列为重点监管对象" },
    };

    private static async Task<long> DecideAsync(HttpClient client, string creditCode, string number, string name, DateOnly decidedOn)
    {
        var created = await client.PostJsonAsync("/api/v1/credit/listings", Decision(creditCode, number, name, decidedOn), HttpStatusCode.Created);
        return created.GetProperty("id").GetInt64();
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reading_needs_staff_and_every_step_needs_a_registry_editor(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/credit/listings")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/credit/check?creditCode=91440300MA5F12345X")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync("/api/v1/credit/listings", new { })).StatusCode);

        var analyst = app.ClientFor("analyst");
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/credit/listings")).StatusCode);
        var code = TestData.NewCreditCode("440106");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/api/v1/credit/listings", Decision(code, "穗信列" + Tag(), "某厂", Today))).StatusCode);
        var id = await DecideAsync(app.ClientFor("gd.officer"), code, "穗信列" + Tag(), "广州某厂" + Tag(), Today);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync($"/api/v1/credit/listings/{id}/publish", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/v1/credit/listings/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_listing_goes_through_publication_objection_and_its_decision_with_409_for_steps_its_state_forbids(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var gd = app.ClientFor("gd.officer");
        var name = "广州市测试口罩厂" + Tag();
        var id = await DecideAsync(gd, TestData.NewCreditCode("440106"), "穗信列" + Tag(), name, Today.AddDays(-1));

        var invalid = await gd.PostJsonAsync("/api/v1/credit/listings", Decision("bad", "", null, Today.AddDays(3)), HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        Assert.True(errors.TryGetProperty("creditCode", out _) && errors.TryGetProperty("decisionNumber", out _) && errors.TryGetProperty("decidedOn", out _));

        var early = await gd.PostJsonAsync($"/api/v1/credit/listings/{id}/objection", new { statement = "异议" }, HttpStatusCode.Conflict);
        Assert.True(early.GetProperty("errors").TryGetProperty("state", out _));

        var published = await gd.PostJsonAsync($"/api/v1/credit/listings/{id}/publish", new { }, HttpStatusCode.OK);
        Assert.Equal("published", published.GetProperty("state").GetString());
        Assert.Equal(D(Today), published.GetProperty("publishedOn").GetString());
        Assert.Equal(D(Today.AddDays(5)), published.GetProperty("objectionUntil").GetString());
        Assert.Equal(D(Today.AddYears(3)), published.GetProperty("listedUntil").GetString());
        Assert.True(published.GetProperty("inForce").GetBoolean());
        await gd.PostJsonAsync($"/api/v1/credit/listings/{id}/publish", new { }, HttpStatusCode.Conflict);

        await gd.PostJsonAsync($"/api/v1/credit/listings/{id}/objection", new { statement = "涉案产品系他人冒用厂名厂址生产" }, HttpStatusCode.OK);
        await gd.PostJsonAsync($"/api/v1/credit/listings/{id}/objection/decision", new { verdict = "maybe", reason = "x" }, HttpStatusCode.BadRequest);
        var listed = await gd.PostJsonAsync($"/api/v1/credit/listings/{id}/objection/decision", new { verdict = "rejected", reason = "冒用主张无证据支持" }, HttpStatusCode.OK);
        Assert.Equal("listed", listed.GetProperty("state").GetString());
        var tooEarly = await gd.PostJsonAsync($"/api/v1/credit/listings/{id}/restoration", new { statement = "申请提前移出" }, HttpStatusCode.Conflict);
        Assert.True(tooEarly.GetProperty("errors").TryGetProperty("restorableFrom", out _));

        var detail = await gd.GetJsonAsync($"/api/v1/credit/listings/{id}");
        Assert.Equal(["decided", "published", "objected", "objection-rejected"],
            detail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.All(detail.GetProperty("events").EnumerateArray(), e => Assert.Equal("gd.officer", e.GetProperty("actor").GetString()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_city_officer_sees_neither_the_unpublished_nor_the_published_listings_of_another_region(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var admin = app.ClientFor("admin");
        var tag = Tag();
        var guangzhou = await DecideAsync(admin, TestData.NewCreditCode("440106"), "穗信列" + tag, "广州区域测试厂" + tag, Today);
        var shenzhen = await DecideAsync(admin, TestData.NewCreditCode("440305"), "深信列" + tag, "深圳区域测试厂" + tag, Today);

        var sz = app.ClientFor("sz.officer");
        var list = await sz.GetJsonAsync($"/api/v1/credit/listings?q={tag}&limit=1000");
        Assert.Equal([shenzhen], list.Items().Select(i => i.GetProperty("id").GetInt64()));
        Assert.All(list.Items(), i => Assert.StartsWith("4403", i.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await sz.GetAsync($"/api/v1/credit/listings/{guangzhou}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sz.PostAsJsonAsync($"/api/v1/credit/listings/{guangzhou}/publish", new { })).StatusCode);
        // Deciding for an entity of another region is refused on the entity's field.
        var refused = await sz.PostJsonAsync("/api/v1/credit/listings", Decision(TestData.NewCreditCode("440106"), "穗信列" + Tag(), "广州某厂", Today), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("creditCode", out _));

        var gd = app.ClientFor("gd.officer");
        Assert.Equal(2, (await gd.GetJsonAsync($"/api/v1/credit/listings?q={tag}")).Items().Count());
        Assert.Equal(HttpStatusCode.BadRequest, (await gd.GetAsync("/api/v1/credit/listings?state=bogus")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gd.GetAsync("/api/v1/credit/listings?regionCode=44x")).StatusCode);
        Assert.Single((await gd.GetJsonAsync($"/api/v1/credit/listings?q={tag}&regionCode=4401&state=decided")).Items());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_public_query_shows_public_listings_only_with_public_fields_and_removed_ones_without_details(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var admin = app.ClientFor("admin");
        var tag = Tag();
        var decidedOnly = await DecideAsync(admin, TestData.NewCreditCode("440305"), "深信列A" + tag, "公开查询未公示厂" + tag, Today);
        var listedCode = TestData.NewCreditCode("440305");
        var listed = await DecideAsync(admin, listedCode, "深信列B" + tag, "公开查询列入厂" + tag, Today.AddDays(-3));
        await admin.PostJsonAsync($"/api/v1/credit/listings/{listed}/publish", new { publishedOn = D(Today.AddDays(-2)) }, HttpStatusCode.OK);
        var withdrawn = await DecideAsync(admin, TestData.NewCreditCode("440305"), "深信列C" + tag, "公开查询撤销厂" + tag, Today);
        await admin.PostJsonAsync($"/api/v1/credit/listings/{withdrawn}/publish", new { }, HttpStatusCode.OK);
        await admin.PostJsonAsync($"/api/v1/credit/listings/{withdrawn}/objection", new { statement = "异议" }, HttpStatusCode.OK);
        await admin.PostJsonAsync($"/api/v1/credit/listings/{withdrawn}/objection/decision", new { verdict = "upheld", reason = "异议成立" }, HttpStatusCode.OK);
        var restored = await DecideAsync(admin, TestData.NewCreditCode("440305"), "深信列D" + tag, "公开查询修复厂" + tag, Today.AddDays(-500));
        await admin.PostJsonAsync($"/api/v1/credit/listings/{restored}/publish", new { publishedOn = D(Today.AddDays(-400)) }, HttpStatusCode.OK);
        await admin.PostJsonAsync($"/api/v1/credit/listings/{restored}/restoration", new { statement = "申请修复" }, HttpStatusCode.OK);
        var refused = await admin.PostJsonAsync($"/api/v1/credit/listings/{restored}/restoration/decision",
            new { verdict = "grant", conditionsMet = new[] { "penalty-fulfilled" }, note = "核查" }, HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("conditionsMet", out _));
        await admin.PostJsonAsync($"/api/v1/credit/listings/{restored}/restoration/decision",
            new { verdict = "grant", conditionsMet = new[] { "penalty-fulfilled", "harm-eliminated", "no-further-penalty", "commitment" }, note = "材料齐全" }, HttpStatusCode.OK);

        var anonymous = app.Anonymous();
        var found = await anonymous.GetJsonAsync($"/api/v1/credit/public?q={tag}");
        var items = found.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["深信列B" + tag, "深信列D" + tag], items.Select(i => i.GetProperty("decisionNumber").GetString()).Order(StringComparer.Ordinal));
        var inForce = items.Single(i => i.GetProperty("decisionNumber").GetString() == "深信列B" + tag);
        Assert.Equal("listed", inForce.GetProperty("status").GetString());
        Assert.Equal("生产销售不合格医用口罩", inForce.GetProperty("reason").GetString());
        Assert.Equal(D(Today.AddDays(3)), inForce.GetProperty("objectionUntil").GetString());
        var removed = items.Single(i => i.GetProperty("decisionNumber").GetString() == "深信列D" + tag);
        Assert.Equal("removed", removed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("reason").ValueKind);
        Assert.Equal(D(Today), removed.GetProperty("removedOn").GetString());
        foreach (var field in new[] { "caseNumber", "regionCode", "enterpriseId", "id", "restorationNote", "events" })
            Assert.False(inForce.TryGetProperty(field, out _), field + " is not public");

        var byCode = await anonymous.GetJsonAsync($"/api/v1/credit/public?q={listedCode.ToLowerInvariant()}");
        Assert.Single(byCode.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/credit/public?q=a")).StatusCode);
        Assert.Equal("decided", (await admin.GetJsonAsync($"/api/v1/credit/listings/{decidedOnly}")).GetProperty("listing").GetProperty("state").GetString());

        var check = await app.ClientFor("cert.supervisor").GetJsonAsync($"/api/v1/credit/check?creditCode={listedCode}");
        Assert.True(check.GetProperty("listed").GetBoolean());
        Assert.Equal(["列为重点监管对象"], check.GetProperty("measures").EnumerateArray().Select(m => m.GetString()));
        var clean = await app.ClientFor("cert.supervisor").GetJsonAsync($"/api/v1/credit/check?creditCode={TestData.NewCreditCode("440305")}");
        Assert.False(clean.GetProperty("listed").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientFor("cert.supervisor").GetAsync("/api/v1/credit/check")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Publication_reaches_the_verification_snapshot_and_an_upload_is_imported_by_decision_number(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var snapshot = app.App.Services.GetRequiredService<RegistrySnapshot>();
        var admin = app.ClientFor("admin");
        var code = TestData.NewCreditCode("440305");
        _ = await snapshot.GetAsync();
        var id = await DecideAsync(admin, code, "深信列S" + Tag(), "快照测试厂", Today);
        await admin.PostJsonAsync($"/api/v1/credit/listings/{id}/publish", new { }, HttpStatusCode.OK);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await snapshot.GetAsync()).CreditListingsOf(code).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the verification snapshot never saw the publication");
            await Task.Delay(100);
        }

        var number = "深信列I" + Tag();
        var csv = "列入决定书文号,统一社会信用代码,当事人名称,列入类别,列入依据,列入事由,作出决定机关,列入日期\n"
            + $"{number},{TestData.NewCreditCode("440305")},导入测试厂,产品质量,《办法》,生产不合格口罩,深圳市市场监督管理局,{D(Today)}\n"
            + $"{number}X,not-a-code,坏行,产品质量,《办法》,x,深圳市市场监督管理局,{D(Today)}\n";
        async Task<JsonElement> UploadAsync()
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "listings.csv");
            return await (await admin.PostAsync("/api/v1/credit/listings/import", form)).JsonAsync(HttpStatusCode.OK);
        }
        var first = await UploadAsync();
        Assert.Equal((1, 1), (first.GetProperty("created").GetInt32(), first.GetProperty("rejectedRows").GetInt32()));
        Assert.Equal("统一社会信用代码", first.GetProperty("rejects")[0].GetProperty("field").GetString());
        Assert.Equal(3, first.GetProperty("rejects")[0].GetProperty("row").GetInt32());
        var second = await UploadAsync();
        Assert.Equal((0, 1), (second.GetProperty("created").GetInt32(), second.GetProperty("unchanged").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("analyst").PostAsync("/api/v1/credit/listings/import", new MultipartFormDataContent())).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Listing_a_certificate_holder_flags_its_verification_and_restoration_clears_it(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var admin = app.ClientFor("admin");
        var holder = TestData.NewCreditCode("440305");
        var number = await SeedCertificateAsync(app, holder);

        async Task<JsonElement> CreditCheckAsync() =>
            (await admin.PostJsonAsync("/api/v1/certificates/verify", new { number, holderCreditCode = holder }, HttpStatusCode.OK))
                .GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "holder-credit-list");
        // Verification reads the shared snapshot, which reloads in the background after each credit step.
        async Task<JsonElement> UntilAsync(bool passed)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var check = await CreditCheckAsync();
                if (check.GetProperty("passed").GetBoolean() == passed)
                    return check;
                Assert.True(DateTime.UtcNow < deadline, $"holder-credit-list never became passed={passed}: {check}");
                await Task.Delay(100);
            }
        }
        Assert.True((await UntilAsync(passed: true)).GetProperty("passed").GetBoolean());

        var id = await DecideAsync(admin, holder, "深信列V" + Tag(), "核验联动测试厂", Today.AddDays(-420));
        await admin.PostJsonAsync($"/api/v1/credit/listings/{id}/publish", new { publishedOn = D(Today.AddDays(-400)) }, HttpStatusCode.OK);
        var flagged = await UntilAsync(passed: false);
        Assert.Equal("warning", flagged.GetProperty("severity").GetString());
        var evidence = flagged.GetProperty("evidence").GetProperty("zh").GetString()!;
        Assert.Contains(D(Today.AddDays(-400)), evidence, StringComparison.Ordinal);
        Assert.Contains("严重违法失信名单", evidence, StringComparison.Ordinal);
        Assert.Contains("生产销售不合格医用口罩", evidence, StringComparison.Ordinal);

        await admin.PostJsonAsync($"/api/v1/credit/listings/{id}/restoration", new { statement = "申请信用修复" }, HttpStatusCode.OK);
        await admin.PostJsonAsync($"/api/v1/credit/listings/{id}/restoration/decision",
            new { verdict = "grant", conditionsMet = new[] { "penalty-fulfilled", "harm-eliminated", "no-further-penalty", "commitment" }, note = "材料齐全" }, HttpStatusCode.OK);
        Assert.Contains("历史记录 1 条", (await UntilAsync(passed: true)).GetProperty("evidence").GetProperty("zh").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A Guangdong surgical-mask registration issued (in 2020) before any listing, under a number no other test uses.</summary>
    private static async Task<string> SeedCertificateAsync(TestApp app, string holder)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("test-setup");
        var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
        string number, key;
        do
        {
            number = $"粤械注准2020214{Random.Shared.Next(0, 10000):D4}";
            key = CertificateNumber.Key(CertificateScheme.NmpaRegistration, number);
        }
        while (await db.Certificates.IgnoreQueryFilters().AnyAsync(c => c.NumberKey == key));
        var now = DateTimeOffset.UtcNow;
        db.Certificates.Add(new CertificateRecord
        {
            Scheme = CertificateScheme.NmpaRegistration,
            Number = number,
            NumberKey = key,
            IssuerKey = "nmpa",
            HolderName = "核验联动测试厂",
            HolderCreditCode = holder,
            RegionCode = "440305",
            ProductCategory = "MASK-SURG",
            IssuedOn = new DateOnly(2020, 6, 1),
            ExpiresOn = new DateOnly(2030, 5, 31),
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<RegistrySnapshot>().Invalidate();
        return number;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_public_query_is_rate_limited_per_client(string provider)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--RateLimiting:PublicPermitsPerMinute=3",
            "--Risk:ScheduleEnabled=false", "--Credit:ScheduleEnabled=false" };
        if (provider == "postgres")
        {
            args.Add("--Database:Provider=Postgres");
            args.Add($"--ConnectionStrings:QualityWatch={TestApp.PostgresConnectionBase()};Database=qw_test_credit_{Guid.NewGuid():N}");
            args.Add("--Database:MigrateOnStart=true");
        }
        else
        {
            args.Add($"--Database:SqlitePath={Path.Combine(Directory.CreateTempSubdirectory("qw-credit-limit-").FullName, "test.db")}");
        }
        await using WebApplication web = QualityWatchApp.Build([.. args]);
        await web.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/credit/public?q=口罩厂")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/credit/public?q=口罩厂")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/credit?q=口罩厂")).StatusCode);
        await web.StopAsync();
    }
}
