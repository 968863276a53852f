using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Certification.Findings;

namespace QualityWatch.Cli.Certification;

/// <summary><c>qw certs scan [--as-of DATE]</c>: the forgery, misuse and body-oversight scan (the daily job's handler).</summary>
public static class ScanCommand
{
    public static Command Create()
    {
        var asOf = new Option<DateOnly?>("--as-of") { Description = "扫描日期，默认今天（北京时间） (default: today, Beijing time)" };
        var scan = new Command("scan", "扫描伪造、冒用证书及认证机构异常，生成风险信号 Scan for forged and misused certificates and body anomalies; findings become risk signals") { asOf };
        scan.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var r = await scope.ServiceProvider.GetRequiredService<ScanCertification>().RunAsync(parse.GetValue(asOf), ct);
            var ci = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(ci,
                $"As of {r.AsOf:yyyy-MM-dd} (issuance week of {r.WeekStart:yyyy-MM-dd}): {r.Claims:N0} numbers in use, {r.Certificates:N0} certificates; " +
                $"{r.Findings:N0} findings in {r.Signals:N0} signals ({r.NewSignals:N0} new, {r.UpdatedSignals:N0} updated); " +
                $"warnings: {r.WarningsCreated:N0} created, {r.WarningsUpdated:N0} updated; {r.Elapsed.TotalSeconds:0.0} s"));
            foreach (var (rule, n) in r.FindingsByRule)
                Console.WriteLine(string.Create(ci, $"  {rule}: {n:N0}  {FindingRules.NameZh(rule)}"));
            return 0;
        });
        return scan;
    }
}
