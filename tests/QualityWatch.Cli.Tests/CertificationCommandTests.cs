using System.Text;
using System.Text.Json;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Cli.Tests;

/// <summary>`qw import bodies|certificates|certificate-events` and `qw certs verify` through the real binary.</summary>
public sealed class CertificationCommandTests
{
    private static readonly string Shenzhen = CreditCode.Build("91", "440305", "MA5FKQ01");
    private static readonly string Guangzhou = CreditCode.Build("91", "440106", "MA5GHD02");

    private static void WriteFiles(string dir)
    {
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(dir, "bodies.csv"),
            "机构标识,机构名称,英文名称,机构类型,国家,业务范围\nmpa:44,广东省药品监督管理局,Guangdong Medical Products Administration,其他,CN,nmpa-registration\n", utf8);
        File.WriteAllText(Path.Combine(dir, "certificates.csv"),
            "证书编号,认证机构,认证委托人,统一社会信用代码,产品名称,型号规格,颁证日期,证书到期日期,证书状态,状态变更日期,状态变更原因\n" +
            $"粤械注准20232140123,mpa:44,深圳市康泽医疗用品有限公司,{Shenzhen},医用外科口罩,KZ-01,2023-03-01,2028-02-28,有效,,\n" +
            $"粤械注准20232140789,mpa:44,广州市宏达防护用品有限公司,{Guangzhou},医用外科口罩,HD-1,2023-03-01,2028-02-28,暂停,2025-06-01,国抽不合格\n" +
            $"粤械注准2023214078,mpa:44,广州市宏达防护用品有限公司,{Guangzhou},医用外科口罩,HD-1,2023-03-01,2028-02-28,,,\n", utf8);
        File.WriteAllText(Path.Combine(dir, "events.csv"), "证书编号,事件类型,日期,说明\n粤械注准20232140123,变更,2024-05-01,增加型号 KZ-02\n", utf8);
        File.WriteAllText(Path.Combine(dir, "customs.csv"), "序号,证书编号,产品名称\n1,粤械注准20232140123,医用外科口罩\n2,粤械注准20232140789,医用外科口罩\n3,粤械注准20232149999,口罩\n", utf8);
    }

    private static async Task ImportAsync(string dir, string database)
    {
        var bodies = await QwProcess.RunAsync(dir, "--database", database, "import", "bodies", "--file", "bodies.csv");
        Assert.True(bodies.ExitCode == 0, bodies.Stderr);
        Assert.Contains("1 created", bodies.Stdout, StringComparison.Ordinal);

        var certificates = await QwProcess.RunAsync(dir, "--database", database, "import", "certificates", "--file", "certificates.csv");
        Assert.Equal(3, certificates.ExitCode); // a row was rejected
        Assert.Contains("2 created", certificates.Stdout, StringComparison.Ordinal);
        Assert.Contains("row 4 证书编号", certificates.Stderr, StringComparison.Ordinal);
        var rejects = File.ReadAllText(Path.Combine(dir, "certificates.rejects.csv"));
        Assert.Contains("4,证书编号,粤械注准2023214078,", rejects, StringComparison.Ordinal);

        var again = await QwProcess.RunAsync(dir, "--database", database, "import", "certificates", "--file", "certificates.csv");
        Assert.Contains("0 created, 0 updated, 2 unchanged, 1 rejected", again.Stdout, StringComparison.Ordinal);

        var events = await QwProcess.RunAsync(dir, "--database", database, "import", "certificate-events", "--file", "events.csv");
        Assert.True(events.ExitCode == 0, events.Stderr);
        Assert.Contains("1 created", events.Stdout, StringComparison.Ordinal);
    }

    private static JsonElement Json(QwResult r)
    {
        var root = JsonDocument.Parse(r.Stdout).RootElement;
        // The contract of issue 5: exactly these keys, in this order.
        Assert.Equal(["verdict", "checks", "certificate"], root.EnumerateObject().Select(p => p.Name));
        Assert.NotEmpty(root.GetProperty("checks").EnumerateArray());
        foreach (var check in root.GetProperty("checks").EnumerateArray())
        {
            Assert.Equal(["id", "passed", "severity", "evidence"], check.EnumerateObject().Select(p => p.Name));
            Assert.True(check.GetProperty("passed").ValueKind is JsonValueKind.True or JsonValueKind.False);
            Assert.Contains(check.GetProperty("severity").GetString(), new[] { "info", "warning", "critical" });
            Assert.False(string.IsNullOrEmpty(check.GetProperty("evidence").GetProperty("zh").GetString()));
            Assert.False(string.IsNullOrEmpty(check.GetProperty("evidence").GetProperty("en").GetString()));
        }
        return root;
    }

    [Fact]
    public async Task Import_then_verify_one_claim_per_verdict_and_a_spreadsheet_on_sqlite()
    {
        var dir = QwProcess.NewWorkingDirectory();
        WriteFiles(dir);
        var db = "sqlite:" + Path.Combine(dir, "qw.db");
        await ImportAsync(dir, db);

        var authentic = await QwProcess.RunAsync(dir, "--database", db, "certs", "verify", "粤械注准20232140123", "--product", "医用外科口罩", "--holder", Shenzhen, "--as-of", "2026-01-05");
        Assert.True(authentic.ExitCode == 0, authentic.Stdout + authentic.Stderr);
        Assert.Contains("核验结论 Verdict: 真实 authentic", authentic.Stdout, StringComparison.Ordinal);
        Assert.Contains("[通过 pass] status-on-date", authentic.Stdout, StringComparison.Ordinal);

        var json = await QwProcess.RunAsync(dir, "--database", db, "certs", "verify", "粤械注准20232140123", "--json", "--as-of", "2026-01-05");
        var root = Json(json);
        Assert.Equal("authentic", root.GetProperty("verdict").GetString());
        var certificate = root.GetProperty("certificate");
        Assert.Equal(("valid", "mpa:44"), (certificate.GetProperty("status").GetString(), certificate.GetProperty("issuer").GetProperty("id").GetString()));
        Assert.Contains(certificate.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "changed");

        var suspended = await QwProcess.RunAsync(dir, "--database", db, "certs", "verify", "粤械注准20232140789", "--json", "--as-of", "2026-01-05");
        Assert.Equal(5, suspended.ExitCode);
        var s = Json(suspended);
        Assert.Equal("invalid", s.GetProperty("verdict").GetString());
        Assert.Contains(s.GetProperty("checks").EnumerateArray(), c => c.GetProperty("id").GetString() == "status-on-date" && !c.GetProperty("passed").GetBoolean() && c.GetProperty("severity").GetString() == "critical");

        var suspicious = await QwProcess.RunAsync(dir, "--database", db, "certs", "verify", "粤械注准20232140123", "--holder", "东莞市另一家防护用品有限公司", "--json", "--as-of", "2026-01-05");
        Assert.Equal(4, suspicious.ExitCode);
        Assert.Equal("suspicious", Json(suspicious).GetProperty("verdict").GetString());

        var unknown = await QwProcess.RunAsync(dir, "--database", db, "certs", "verify", "海关查验 粤械注准20232149999 医用外科口罩", "--json");
        Assert.Equal(3, unknown.ExitCode);
        var u = Json(unknown);
        Assert.Equal(("unknown", JsonValueKind.Null), (u.GetProperty("verdict").GetString(), u.GetProperty("certificate").ValueKind));

        var batch = await QwProcess.RunAsync(dir, "--database", db, "certs", "verify", "--file", "customs.csv", "--output", "result.csv", "--as-of", "2026-01-05");
        Assert.True(batch.ExitCode == 0, batch.Stderr);
        Assert.Contains("3 rows", batch.Stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(dir, "result.csv"), Encoding.UTF8);
        Assert.StartsWith("序号,证书编号,产品名称,核验结论 verdict", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(",真实 authentic,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",无效 invalid,", lines[2], StringComparison.Ordinal);
        Assert.Contains(",无法确认 unknown,", lines[3], StringComparison.Ordinal);

        var usage = await QwProcess.RunAsync(dir, "--database", db, "certs", "verify");
        Assert.Equal(2, usage.ExitCode);
        var badScheme = await QwProcess.RunAsync(dir, "--database", db, "certs", "verify", "x", "--scheme", "gold-star");
        Assert.Equal(2, badScheme.ExitCode);
        Assert.Contains("nmpa-registration", badScheme.Stderr, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Import_and_verify_on_postgres()
    {
        var baseCs = Environment.GetEnvironmentVariable("QW_TEST_PG") ?? throw new InvalidOperationException("QW_TEST_PG is not set");
        var cs = $"{baseCs};Database=qw_cert_{Guid.NewGuid():N}";
        var dir = QwProcess.NewWorkingDirectory();
        WriteFiles(dir);
        var migrate = await QwProcess.RunAsync(dir, "--database", cs, "db", "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Stderr);
        await ImportAsync(dir, cs);

        var suspended = await QwProcess.RunAsync(dir, "--database", cs, "certs", "verify", "粤械注准20232140789", "--json", "--as-of", "2026-01-05");
        Assert.Equal(5, suspended.ExitCode);
        var events = Json(suspended).GetProperty("certificate").GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "suspended" && e.GetProperty("note").GetString() == "国抽不合格");
        var authentic = await QwProcess.RunAsync(dir, "--database", cs, "certs", "verify", "粤械注准20232140123", "--holder", Shenzhen, "--as-of", "2026-01-05");
        Assert.True(authentic.ExitCode == 0, authentic.Stdout);
    }
}
