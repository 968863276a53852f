using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Text;
using QualityWatch.Web.Tests.Infrastructure;
using QualityWatch.Web.Tests.Risk;

namespace QualityWatch.Web.Tests.Certification.Bodies;

/// <summary>
/// The certification scan through POST /api/v1/certification-bodies/scan, the body list, detail and report API and
/// pages, on the real app with SQLite and PostgreSQL; authorisation and region scoping throughout.
/// </summary>
public sealed class BodiesApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers();

    private static readonly DateOnly AsOf = new(2024, 6, 12);
    private static readonly DateOnly EvaluatedWeek = new(2024, 6, 3);

    private sealed record Seed(string Key, string Name, int Certificates, string Borrowed, string Forged, long Borrower);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_scan_finds_the_mill_and_the_borrowed_number_and_the_report_shows_them_within_the_callers_region(string provider)
    {
        var app = await BodiesTestApp.GetAsync(provider);
        var seed = await SeedAsync(app);
        var admin = app.ClientFor("admin");
        var sz = app.ClientFor("sz.officer");

        Assert.Equal(HttpStatusCode.Forbidden, (await sz.PostAsJsonAsync("/api/v1/certification-bodies/scan", new { asOf = "2024-06-12" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("cert.supervisor").PostAsJsonAsync("/api/v1/certification-bodies/scan", new { })).StatusCode);
        var bad = await admin.PostJsonAsync("/api/v1/certification-bodies/scan", new { asOf = "12.06.2024" }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("asOf", out _));
        var scan = await admin.PostJsonAsync("/api/v1/certification-bodies/scan", new { asOf = "2024-06-12" }, HttpStatusCode.OK);
        Assert.Equal("2024-06-03", scan.GetProperty("weekStart").GetString());
        var rules = scan.GetProperty("findingsByRule").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var rule in new[] { "issuance-volume", "unapproved-scope", "short-issue-time", "holder-mismatch", "forged-number" })
            Assert.Contains(rule, rules);
        Assert.True(scan.GetProperty("newSignals").GetInt32() >= 5, scan.ToString());

        // The list: the mill with its location, certificates and findings.
        var list = await admin.GetJsonAsync($"/api/v1/certification-bodies?q={Uri.EscapeDataString(seed.Name)}");
        var mill = Assert.Single(list.Items());
        Assert.Equal(seed.Key, mill.GetProperty("key").GetString());
        Assert.Equal("110105", mill.GetProperty("regionCode").GetString());
        Assert.Equal(seed.Certificates, mill.GetProperty("certificates").GetInt32());
        Assert.Equal(3, mill.GetProperty("findings").GetInt32());
        Assert.Equal("approved", mill.GetProperty("status").GetString());
        Assert.Equal(seed.Key, (await admin.GetJsonAsync($"/api/v1/certification-bodies/{Uri.EscapeDataString(seed.Key)}")).GetProperty("key").GetString());

        // The report: the spike is an alarm on the issuance chart; the three findings list their rules and certificates.
        var report = await admin.GetJsonAsync($"/api/v1/certification-bodies/{Uri.EscapeDataString(seed.Key)}/report");
        var series = report.GetProperty("issuance").EnumerateArray().First(s => s.GetProperty("category").GetString() == "MASK-DAILY");
        var weeks = series.GetProperty("weeks").EnumerateArray().Select(w => w.GetString()).ToList();
        var at = weeks.IndexOf("2024-06-03");
        if (at >= 0) // the chart covers the two years before today; the seeded spike may be older than that
        {
            Assert.Equal(25, series.GetProperty("observed")[at].GetDouble());
            Assert.Equal(JsonValueKind.Number, series.GetProperty("alarms")[at].ValueKind);
        }
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["issuance-volume", "short-issue-time", "unapproved-scope"],
            findings.SelectMany(f => f.GetProperty("rules").EnumerateArray().Select(r => r.GetString()!)).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal("110105", f.GetProperty("regionCode").GetString()));
        var unapproved = findings.Single(f => f.GetProperty("rules")[0].GetString() == "unapproved-scope");
        Assert.Contains(unapproved.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("type").GetString() == "certificate" && e.GetProperty("label").GetString() == $"{seed.Key}-CP");
        Assert.Equal(1, report.GetProperty("issueTimes").GetProperty("belowMinimum").GetInt32());
        Assert.Equal(seed.Certificates, report.GetProperty("statuses").GetProperty("total").GetInt32());
        Assert.True(report.GetProperty("fees").GetProperty("withFee").GetInt32() > 100);

        // A Shenzhen officer: the Beijing body's register entry is public, its certificates and findings are not in Shenzhen.
        var szMill = Assert.Single((await sz.GetJsonAsync($"/api/v1/certification-bodies?q={Uri.EscapeDataString(seed.Name)}")).Items());
        Assert.Equal(0, szMill.GetProperty("certificates").GetInt32());
        Assert.Equal(0, szMill.GetProperty("findings").GetInt32());
        Assert.Empty((await sz.GetJsonAsync($"/api/v1/certification-bodies/{Uri.EscapeDataString(seed.Key)}/report")).GetProperty("findings").EnumerateArray());
        // … but the number borrowed in Bao'an is a Shenzhen finding, on the issuing authority's report and in the risk signals.
        var nmpa = await sz.GetJsonAsync("/api/v1/certification-bodies/nmpa/report");
        var borrowed = Assert.Single(nmpa.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rules")[0].GetString() == "holder-mismatch"
            && f.GetProperty("evidence").EnumerateArray().Any(e => e.GetProperty("label").GetString() == seed.Borrowed));
        Assert.Equal("440306", borrowed.GetProperty("regionCode").GetString());
        var signalId = borrowed.GetProperty("signalId").GetInt64();
        var signal = await sz.GetJsonAsync($"/api/v1/risk/signals/{signalId}");
        Assert.Equal("certification", signal.GetProperty("signal").GetProperty("source").GetString());
        Assert.Equal("external", signal.GetProperty("signal").GetProperty("kind").GetString());
        Assert.Equal(seed.Borrower, signal.GetProperty("signal").GetProperty("enterpriseId").GetInt64());
        Assert.Contains(signal.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("type").GetString() == "inspection");
        Assert.NotEqual(JsonValueKind.Null, signal.GetProperty("signal").GetProperty("warningId").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor("gd.officer").GetAsync($"/api/v1/risk/signals/{Assert.Single(findings, f => f.GetProperty("rules")[0].GetString() == "unapproved-scope").GetProperty("signalId").GetInt64()}")).StatusCode);

        // The pages, in Chinese.
        var page = await HtmlAsync(admin, $"/bodies/report?id={Uri.EscapeDataString(seed.Key)}");
        Assert.Contains(seed.Name, page);
        Assert.Contains("issuance-chart", page);
        Assert.Contains("超出批准范围发证", page);
        Assert.Equal(3, CountOf(page, "class=\"finding-row\""));
        var index = await HtmlAsync(admin, $"/bodies?q={Uri.EscapeDataString(seed.Name)}");
        Assert.Contains($"/bodies/report?id={Uri.EscapeDataString(seed.Key)}", index);
        var szPage = await sz.GetAsync($"/bodies/report?id={Uri.EscapeDataString(seed.Key)}");
        Assert.Equal(HttpStatusCode.OK, szPage.StatusCode);
        var szHtml = WebUtility.HtmlDecode(await szPage.Content.ReadAsStringAsync());
        Assert.Contains("report-regional", szHtml);
        Assert.Equal(0, CountOf(szHtml, "class=\"finding-row\""));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/bodies/report?id=cnca%3ANO-SUCH-BODY")).StatusCode);

        // A re-scan changes nothing.
        var again = await admin.PostJsonAsync("/api/v1/certification-bodies/scan", new { asOf = "2024-06-12" }, HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("newSignals").GetInt32());
        Assert.Equal(0, again.GetProperty("updatedSignals").GetInt32());
        Assert.Equal(0, again.GetProperty("warningsCreated").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Only_staff_see_bodies_and_only_national_admins_scan(string provider)
    {
        var app = await BodiesTestApp.GetAsync(provider);
        var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/certification-bodies")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/certification-bodies/nmpa/report")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/certification-bodies/scan", new { })).StatusCode);
        foreach (var path in new[] { "/bodies", "/bodies/report?id=nmpa" })
        {
            var r = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Contains("/account/login", r.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var (enterpriseId, _) = await app.CreateEnterpriseAsync("440305", $"深圳企业用户测试{Guid.NewGuid():N}"[..16] + "有限公司", "producer");
        var userName = $"ent-{Guid.NewGuid():N}"[..12];
        await app.AddUserAsync(userName, Roles.EnterpriseUser, "100000", enterpriseId);
        var enterprise = app.ClientFor(userName);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/v1/certification-bodies")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/v1/certification-bodies/nmpa/report")).StatusCode);
        var page = await enterprise.GetAsync("/bodies/report?id=nmpa");
        Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, page.StatusCode.ToString());
        Assert.DoesNotContain("国家药品监督管理局", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));

        var analyst = app.ClientFor("analyst");
        var all = await analyst.GetJsonAsync("/api/v1/certification-bodies?limit=1000");
        Assert.Contains(all.Items(), b => b.GetProperty("key").GetString() == "nmpa" && !b.GetProperty("stored").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/api/v1/certification-bodies/scan", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/api/v1/certification-bodies/cnca%3ANO-SUCH-BODY")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/api/v1/certification-bodies/cnca%3ANO-SUCH-BODY/report")).StatusCode);
        var badKind = await analyst.GetJsonAsync("/api/v1/certification-bodies?kind=mill", HttpStatusCode.BadRequest);
        Assert.True(badKind.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True((await analyst.GetJsonAsync("/api/v1/certification-bodies?cursor=xyz", HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("cursor", out _));
        var first = await analyst.GetJsonAsync("/api/v1/certification-bodies?limit=2");
        Assert.Equal(2, first.Items().Count());
        var next = first.GetProperty("nextCursor").GetString();
        var second = await analyst.GetJsonAsync($"/api/v1/certification-bodies?limit=2&cursor={next}");
        Assert.True(string.CompareOrdinal(first.Items().Last().GetProperty("key").GetString(), second.Items().First().GetProperty("key").GetString()) < 0);
    }

    /// <summary>The page's HTML with character references decoded (Razor writes Chinese as &amp;#x…;).</summary>
    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return WebUtility.HtmlDecode(html);
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            n++;
        return n;
    }

    /// <summary>
    /// A Beijing certificate mill (steady since 2021, 25 certificates in the evaluated week, one outside its scope, one
    /// issued two days after the application), a Guangdong registration borrowed by a Bao'an producer in an inspection,
    /// and a forged registration number in a complaint.
    /// </summary>
    private static async Task<Seed> SeedAsync(BodiesTestApp app)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var name = $"北京{tag}认证中心有限公司";
        var key = $"cnca:T-{tag}";
        await app.CreateEnterpriseAsync("110105", name, "certification-body");
        var (holderId, holderCode) = await app.CreateEnterpriseAsync("440305", $"深圳{tag}甲口罩有限公司", "producer");
        var (borrowerId, _) = await app.CreateEnterpriseAsync("440306", $"深圳{tag}乙防护用品有限公司", "producer");
        var serial = Random.Shared.Next(1000, 4999);
        var borrowedNumber = $"粤械注准2020214{serial:D4}";
        var forgedNumber = $"粤械注准2020214{serial + 5000:D4}"; // same authority and year as a registered one: a missing number is forged
        var now = DateTimeOffset.UtcNow;
        var certificates = new List<CertificateRecord>();
        CertificateRecord Certificate(CertificateScheme scheme, string number, string issuer, string holder, string? code, string? county, string category,
            DateOnly issued, DateOnly? applied, decimal? fee) => new()
            {
                Scheme = scheme,
                Number = number,
                NumberKey = CertificateNumber.Key(scheme, number),
                IssuerKey = issuer,
                HolderName = holder,
                HolderCreditCode = code,
                RegionCode = county,
                ProductCategory = category,
                AppliedOn = applied,
                IssuedOn = issued,
                ExpiresOn = issued.AddYears(5),
                Fee = fee,
                ContentHash = number,
                CreatedAt = now,
                UpdatedAt = now,
            };
        var i = 0;
        for (var week = new DateOnly(2021, 1, 4); week <= new DateOnly(2024, 5, 27); week = week.AddDays(7), i++)
        {
            for (var k = 0; k < (i % 3 == 0 ? 2 : 1); k++)
            {
                var issued = week.AddDays(k + 1);
                certificates.Add(Certificate(CertificateScheme.VoluntaryProduct, $"{key}-{i:D4}{k}", key, $"客户{tag}-{i}-{k}有限公司", null, null, "MASK-DAILY",
                    issued, issued.AddDays(-30 - (i % 9)), 6000 + (i % 7 * 500)));
            }
        }
        for (var s = 0; s < 25; s++)
        {
            certificates.Add(Certificate(CertificateScheme.VoluntaryProduct, $"{key}-S{s:D2}", key, $"新客户{tag}-{s}有限公司", null, null, "MASK-DAILY",
                EvaluatedWeek.AddDays(s % 5), EvaluatedWeek.AddDays((s % 5) - 35), 7000));
        }
        certificates.Add(Certificate(CertificateScheme.VoluntaryProduct, $"{key}-CP", key, $"防护服{tag}有限公司", null, null, "CLOTH-PROT",
            new DateOnly(2024, 4, 10), new DateOnly(2024, 3, 1), 8000));
        certificates.Add(Certificate(CertificateScheme.VoluntaryProduct, $"{key}-FAST", key, $"急需{tag}有限公司", null, null, "MASK-DAILY",
            new DateOnly(2024, 5, 22), new DateOnly(2024, 5, 20), 7500));
        var millCount = certificates.Count;
        var borrowed = Certificate(CertificateScheme.NmpaRegistration, borrowedNumber, "nmpa", $"深圳{tag}甲口罩有限公司", holderCode, "440305", "MASK-SURG",
            new DateOnly(2020, 3, 1), null, null);
        borrowed.HolderEnterpriseId = holderId;
        certificates.Add(borrowed);

        await app.WithDbAsync(async db =>
        {
            db.CertificationBodies.Add(new BodyRecord
            {
                Key = key,
                NameZh = name,
                NameEn = $"Beijing {tag} Certification Centre",
                Kind = BodyKind.CnApproved,
                Number = $"CNCA-R-2018-{serial % 1000:D3}",
                Country = "CN",
                Scopes = [new() { Scheme = CertificateScheme.VoluntaryProduct, ProductCategory = "MASK-DAILY", From = new DateOnly(2018, 1, 1) }],
                Statuses = [new() { From = new DateOnly(2018, 1, 1), Status = BodyStatus.Approved }],
                CreatedAt = now,
                UpdatedAt = now,
            });
            db.Certificates.AddRange(certificates);
            db.InspectionResults.Add(Record(new InspectionResult { SourceId = $"SC-{tag}", RegionCode = "440306", ProductText = $"医用外科口罩 注册证编号：{borrowedNumber}" },
                new DateOnly(2024, 6, 4), borrowerId));
            db.Complaints.Add(Record(new Complaint { SourceId = $"12315-{tag}", RegionCode = "440305", ProblemText = $"网购外科口罩标注的注册证{forgedNumber}查不到" },
                new DateOnly(2024, 6, 5), null));
            return await db.SaveChangesAsync();
        });
        // The registry snapshot is a singleton: writes made behind the import handlers' back must refresh it.
        await app.App.Services.GetRequiredService<RegistrySnapshot>().RefreshAsync();
        return new Seed(key, name, millCount, borrowedNumber, forgedNumber, borrowerId);

        T Record<T>(T r, DateOnly day, long? enterpriseId) where T : SourceRecord
        {
            r.OccurredAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), SourceRecord.ChinaOffset).ToUniversalTime();
            r.Day = day.DayNumber;
            r.EnterpriseId = enterpriseId;
            r.LinkMethod = enterpriseId is null ? null : "credit-code";
            r.LinkConfidence = enterpriseId is null ? null : 1;
            r.ProductCategory = "MASK-SURG";
            r.Problem = "counterfeit";
            r.Analysis = JsonSerializer.Serialize(new
            {
                identifiers = IdentifierExtractor.Extract(r.AnalysedText).Select(x => new { kind = x.Kind.ToString(), value = x.Value, start = x.Start, length = x.Length, valid = x.Valid }),
            });
            r.ContentHash = r.SourceId;
            r.CreatedAt = now;
            r.UpdatedAt = now;
            return r;
        }
    }
}

/// <summary>The daily job joins the one Quartz scheduler the risk and credit jobs use.</summary>
public sealed class CertificationScheduleTests
{
    [Fact]
    public async Task The_daily_scan_job_joins_the_scheduler_without_a_second_hosted_service()
    {
        var dir = Directory.CreateTempSubdirectory("qw-bodies-schedule-");
        await using var app = Hosting.QualityWatchApp.Build(
            ["--urls", "http://127.0.0.1:0", $"--Database:SqlitePath={Path.Combine(dir.FullName, "test.db")}", "--Certification:ScanSchedule=0 15 4 * * ?", "--Logging:LogLevel:Default=Warning"]);
        var hosted = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Count(s => s.GetType().Name == "QuartzHostedService");
        Assert.Equal(1, hosted);
        var scheduler = await app.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        Assert.NotNull(await scheduler.GetJobDetail(new Quartz.JobKey("CertificationJobs.ScanJob")));
        Assert.NotNull(await scheduler.GetJobDetail(new Quartz.JobKey("ScanJob"))); // the risk scan, in the same scheduler
    }
}
