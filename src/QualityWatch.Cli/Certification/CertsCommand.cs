using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.BatchVerify;
using QualityWatch.Core.Certification.Import;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Cli.Certification;

/// <summary><c>qw certs verify</c>: one claim (human or --json output) or a whole spreadsheet (--file, --output).</summary>
public static class CertsCommand
{
    /// <summary>Exit codes of a single verification, so scripts can branch on the verdict (docs/certification.md § Command line).</summary>
    public const int Authentic = 0, Usage = 2, Unknown = 3, Suspicious = 4, Invalid = 5;

    public static Command Create()
    {
        var input = new Argument<string?>("number-or-text") { Description = "证书编号或粘贴的文字 (a certificate number or pasted text)", Arity = ArgumentArity.ZeroOrOne };
        var product = new Option<string?>("--product") { Description = "声称的产品：类别代码或文字，如 MASK-SURG、KN95 口罩、儿童口罩" };
        var holder = new Option<string?>("--holder") { Description = "声称的持证人：名称或统一社会信用代码" };
        var scheme = new Option<string?>("--scheme") { Description = "声称的认证类型: " + SchemeWords.SchemeTokens };
        var issuer = new Option<string?>("--issuer") { Description = "声称的发证机构：名称、简称、批准号或公告机构编号" };
        var model = new Option<string?>("--model") { Description = "声称的型号" };
        var markings = new Option<string?>("--markings") { Description = "产品或包装上的标识文字 (NIOSH, CE …)" };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "核验日期，默认今天（北京时间） (default: today, Beijing time)" };
        var json = new Option<bool>("--json") { Description = "输出 JSON：{\"verdict\", \"checks\", \"certificate\"}" };
        var file = new Option<FileInfo?>("--file") { Description = "批量核验：.xlsx、.xls 或 .csv，含“证书编号”列 (batch: a spreadsheet with a certificate-number column)" };
        var output = new Option<FileInfo?>("--output") { Description = "批量核验结果文件，默认 <file>.verified.xlsx|csv" };
        var verify = new Command("verify", "核验证书 Verify a certificate claim, or every row of a spreadsheet with --file")
        {
            input, product, holder, scheme, issuer, model, markings, asOf, json, file, output,
        };
        verify.SetAction(async (parse, ct) =>
        {
            CertificateScheme? claimedScheme = null;
            if (parse.GetValue(scheme) is { } s)
            {
                if (!SchemeWords.TryParseScheme(s, out var sc))
                {
                    await Console.Error.WriteLineAsync($"--scheme: unknown scheme '{s}' (one of {SchemeWords.SchemeTokens})");
                    return Usage;
                }
                claimedScheme = sc;
            }
            var text = parse.GetValue(input);
            var sheet = parse.GetValue(file);
            if ((text is null) == (sheet is null))
            {
                await Console.Error.WriteLineAsync("Give either a certificate number (or text) or --file, not both (请提供证书编号或 --file 之一)");
                return Usage;
            }
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var registry = await scope.ServiceProvider.GetRequiredService<RegistrySnapshot>().RefreshAsync(ct);
            var date = parse.GetValue(asOf) ?? SourceRecord.ChinaDate(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
            if (sheet is not null)
                return await VerifyFileAsync(sheet, parse.GetValue(output), date, registry, ct);

            var (holderName, holderCode) = SplitHolder(parse.GetValue(holder));
            var freeText = text!.Trim().Any(char.IsWhiteSpace);
            var request = new VerificationRequest
            {
                Number = freeText ? null : text.Trim(),
                FreeText = freeText ? text : null,
                ClaimedScheme = claimedScheme,
                ClaimedProduct = parse.GetValue(product),
                Model = parse.GetValue(model),
                ClaimedHolderName = holderName,
                ClaimedHolderCreditCode = holderCode,
                ClaimedIssuer = parse.GetValue(issuer),
                Markings = parse.GetValue(markings),
            };
            var result = CertificateVerifier.Verify(request, registry, date);
            if (parse.GetValue(json))
            {
                await using var stdout = Console.OpenStandardOutput();
                VerificationJson.Write(stdout, result);
                await stdout.WriteAsync("\n"u8.ToArray(), ct);
            }
            else
                PrintHuman(result);
            return ExitCode(result.Verdict);
        });
        return new Command("certs", "证书核验 Certificates: verification against the registry") { verify, ScanCommand.Create() };
    }

    public static int ExitCode(Verdict v) => v switch
    {
        Verdict.Authentic => Authentic,
        Verdict.Suspicious => Suspicious,
        Verdict.Invalid => Invalid,
        _ => Unknown,
    };

    /// <summary>An 18-character code from the GB 32100 set is a credit code (even with a wrong check character); anything else a name.</summary>
    private static (string? Name, string? Code) SplitHolder(string? holder)
    {
        if (string.IsNullOrWhiteSpace(holder))
            return (null, null);
        return CreditCode.Check(holder).Status == CreditCodeStatus.Invalid ? (holder.Trim(), null) : (null, holder.Trim());
    }

    private static async Task<int> VerifyFileAsync(FileInfo file, FileInfo? output, DateOnly asOf, Core.Certification.Snapshot.CertificateRegistry registry, CancellationToken ct)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"文件不存在：{file.FullName} (file not found)");
            return Usage;
        }
        var format = VerifySpreadsheet.OutputFormatFor(output?.Name ?? file.Name);
        var outPath = output?.FullName ?? Path.Combine(file.DirectoryName!, VerifySpreadsheet.OutputFileName(file.Name, format));
        BatchVerifyResult r;
        try
        {
            await using var source = file.OpenRead();
            await using var target = new FileStream(outPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
            r = await VerifySpreadsheet.RunAsync(source, file.Name, target, format, asOf, registry, ct: ct);
        }
        catch (ImportFileException e)
        {
            File.Delete(outPath);
            await Console.Error.WriteLineAsync(e.Message);
            return Usage;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Rows:N0} rows (column “{r.NumberColumn}”) verified as of {asOf:yyyy-MM-dd} in {r.Elapsed.TotalMilliseconds:N0} ms: " +
            $"{r.Authentic:N0} 真实 authentic, {r.Suspicious:N0} 可疑 suspicious, {r.Invalid:N0} 无效 invalid, {r.Unknown:N0} 无法确认 unknown, {r.Blank:N0} blank"));
        Console.WriteLine($"Written to {outPath}");
        return 0;
    }

    private static void PrintHuman(VerificationResult r)
    {
        Console.WriteLine($"核验结论 Verdict: {VerifySpreadsheet.VerdictZh(r.Verdict)} {r.Verdict.Token()}    （核验日期 as of {r.AsOf:yyyy-MM-dd}）");
        if (r.Certificate is { } c)
        {
            var status = r.CertificateStatus is { } st ? $"{SchemeWords.StatusZh(st)} {SchemeWords.StatusToken(st)}" : "";
            Console.WriteLine($"证书 Certificate: {c.Number}  {c.Scheme.Zh()} / {c.Scheme.En()}  状态 status: {status}");
            Console.WriteLine($"  持证人 holder: {c.HolderName}{(c.HolderCreditCode is null ? "" : "（" + c.HolderCreditCode + "）")}");
            if (r.Issuer is { } i)
                Console.WriteLine($"  发证机构 issuer: {i.NameZh} / {i.NameEn}{(i.Number is null ? "" : "（" + i.Number + "）")}");
            Console.WriteLine($"  颁证 issued: {c.IssuedOn:yyyy-MM-dd}{(c.ExpiresOn is { } e ? $"  到期 expires: {e:yyyy-MM-dd}" : "")}");
        }
        else
            Console.WriteLine("证书 Certificate: 登记库中未找到 not found in the registry");
        Console.WriteLine("检查 Checks:");
        foreach (var check in r.Checks)
        {
            var mark = check.Passed ? "通过 pass" : $"未通过 FAIL ({check.Severity.Token()})";
            Console.WriteLine($"  [{mark}] {check.Id}");
            Console.WriteLine($"      {check.EvidenceZh}");
            Console.WriteLine($"      {check.EvidenceEn}");
        }
    }
}
