using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Cli.Import;

public static class ImportCommand
{
    /// <summary>Exit code when the file was imported but some rows were rejected, so scripts notice.</summary>
    public const int RowsRejected = 3;

    public static Command Create()
    {
        var file = new Option<FileInfo>("--file") { Required = true, Description = ".xlsx, .xls or .csv (UTF-8 or GB18030) with Chinese or English headers" };
        var asUser = new Option<string?>("--region-user") { Description = "Import as this user, so their region scope applies (default: the CLI acts nationally)" };
        var enterprises = new Command("enterprises", "Import enterprises, keyed by 统一社会信用代码; bad rows go to <file>.rejects.csv") { file, asUser };
        enterprises.SetAction((parse, ct) => RunAsync(parse, file, asUser,
            (services, path, bar, token) => services.GetRequiredService<ImportEnterprises>().ImportFileAsync(path, bar, token), ct));
        var command = new Command("import", "Import registry data and risk sources from spreadsheets") { enterprises };
        foreach (var (name, schema) in new[] { ("complaints", "complaint"), ("inspections", "inspection"), ("cases", "case"), ("opinions", "opinion") })
        {
            var s = SourceSchema.Find(schema)!;
            var sub = new Command(name, $"Import {s.NameZh} ({name}), keyed by {s.Columns[SourceSchema.SourceIdField].ChineseHeader}; bad rows go to <file>.rejects.csv") { file, asUser };
            sub.SetAction((parse, ct) => RunAsync(parse, file, asUser,
                (services, path, bar, token) => services.GetRequiredService<ImportSources>().ImportFileAsync(s, path, bar, token), ct));
            command.Subcommands.Add(sub);
        }
        var listings = new Command("credit-listings", "Import serious-dishonesty listing decisions (严重违法失信名单), keyed by 列入决定书文号; bad rows go to <file>.rejects.csv") { file, asUser };
        listings.SetAction((parse, ct) => RunAsync(parse, file, asUser,
            (services, path, bar, token) => services.GetRequiredService<QualityWatch.Core.Credit.Import.ImportListings>().ImportFileAsync(path, bar, token), ct));
        command.Subcommands.Add(listings);
        // Certification registry (docs/certification.md § Import): bodies first, then certificates, then their events.
        foreach (var (name, what) in new[] { ("bodies", "certification bodies (机构名录), keyed by 机构标识 or 批准号"), ("certificates", "certificates (证书), keyed by 认证类型 + 证书编号 + 认证机构"), ("certificate-events", "certificate lifecycle events and surveillance audits (证书暂停/恢复/注销/撤销/监督审核)") })
        {
            var sub = new Command(name, $"Import {what}; bad rows go to <file>.rejects.csv") { file, asUser };
            sub.SetAction((parse, ct) => RunAsync(parse, file, asUser, (services, path, bar, token) => name switch
            {
                "bodies" => services.GetRequiredService<QualityWatch.Core.Certification.Import.ImportBodies>().ImportFileAsync(path, bar, token),
                "certificates" => services.GetRequiredService<QualityWatch.Core.Certification.Import.ImportCertificates>().ImportFileAsync(path, bar, token),
                _ => services.GetRequiredService<QualityWatch.Core.Certification.Import.ImportCertificateEvents>().ImportFileAsync(path, bar, token),
            }, ct));
            command.Subcommands.Add(sub);
        }
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Option<FileInfo> file, Option<string?> asUser,
        Func<IServiceProvider, string, IProgress<ImportProgress>, CancellationToken, Task<ImportResult>> import, CancellationToken ct)
    {
        await using var provider = CliHost.Build(parse);
        await using var scope = await CliHost.OpenAsync(provider, ct);
        if (parse.GetValue(asUser) is { Length: > 0 } userName)
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName);
            if (user is null)
            {
                await Console.Error.WriteLineAsync($"--region-user: no user named {userName}");
                return 2;
            }
            scope.ServiceProvider.GetRequiredService<AccessScope>().AsUser(user.UserName!, user.RegionCode, user.EnterpriseId);
        }
        var path = parse.GetValue(file)!.FullName;
        using var bar = new ProgressBar();
        ImportResult r;
        try
        {
            r = await import(scope.ServiceProvider, path, bar, ct);
        }
        catch (ImportFileException e)
        {
            bar.Dispose();
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        bar.Dispose();
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(ci,
            $"{r.Rows:N0} rows in {r.Elapsed.TotalSeconds:0.0} s ({r.RowsPerSecond:N0} rows/s): {r.Created:N0} created, {r.Updated:N0} updated, {r.Unchanged:N0} unchanged, {r.RejectedRows:N0} rejected"));
        if (r.IgnoredColumns.Count > 0)
            Console.WriteLine($"Ignored columns: {string.Join(", ", r.IgnoredColumns)}");
        if (r.Warnings.Count > 0)
        {
            Console.WriteLine(string.Create(ci, $"{r.Warnings.Count:N0} warnings:"));
            foreach (var w in r.Warnings.Take(10))
                Console.WriteLine(string.Create(ci, $"  row {w.Row}: {w.Message}"));
        }
        if (r.RejectFile is null)
            return 0;
        foreach (var x in r.Rejects.Take(20))
            await Console.Error.WriteLineAsync(string.Create(ci, $"  row {x.Row} {x.Field} \"{x.Value}\": {x.Reason}"));
        if (r.Rejects.Count > 20)
            await Console.Error.WriteLineAsync(string.Create(ci, $"  … {r.Rejects.Count - 20:N0} more"));
        await Console.Error.WriteLineAsync($"Rejected rows written to {r.RejectFile}");
        return RowsRejected;
    }
}

/// <summary>A one-line progress bar on stderr, drawn only for a person watching a terminal.</summary>
internal sealed class ProgressBar : IProgress<ImportProgress>, IDisposable
{
    private readonly bool enabled = !Console.IsErrorRedirected;
    private long lastDraw;
    private bool drawn;

    public void Report(ImportProgress value)
    {
        if (!enabled)
            return;
        var now = Environment.TickCount64;
        if (now - lastDraw < 100 && value.Fraction < 1)
            return;
        lastDraw = now;
        const int width = 30;
        var fraction = value.Fraction ?? 0;
        var filled = (int)Math.Round(fraction * width);
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0} {value.Rows:N0} rows "));
        drawn = true;
    }

    public void Dispose()
    {
        if (drawn)
            Console.Error.Write("\r" + new string(' ', 60) + "\r");
        drawn = false;
    }
}
