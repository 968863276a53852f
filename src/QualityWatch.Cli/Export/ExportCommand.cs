using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Registry.Enterprises.Export;
using QualityWatch.Core.Registry.Enterprises.Search;

namespace QualityWatch.Cli.Export;

public static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { DefaultValueFactory = _ => "xlsx", Description = "xlsx | csv (UTF-8 with BOM)" };
        format.AcceptOnlyFromAmong("xlsx", "csv");
        var region = new Option<string?>("--region") { Description = "Only this region's subtree: 44, 4403, 440305" };
        var output = new Option<string?>("--output") { Description = "File to write (default enterprises-<region>.<format>; - for stdout)" };
        var enterprises = new Command("enterprises", "Export enterprises with the import's Chinese headers") { format, region, output };
        enterprises.SetAction(async (parse, ct) =>
        {
            if (!ExportEnterprises.TryParseFormat(parse.GetValue(format), out var f))
            {
                await Console.Error.WriteLineAsync("--format: xlsx or csv");
                return 2;
            }
            var regionCode = parse.GetValue(region);
            if (!string.IsNullOrWhiteSpace(regionCode) && !RegionCodes.IsWellFormed(regionCode))
            {
                await Console.Error.WriteLineAsync("--region: a 2, 4 or 6 digit GB/T 2260 code");
                return 2;
            }
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var export = scope.ServiceProvider.GetRequiredService<ExportEnterprises>();
            var path = parse.GetValue(output) ?? ExportEnterprises.FileName(f, regionCode);
            var filter = new EnterpriseFilter(RegionCode: regionCode);
            if (path == "-")
            {
                await using var stdout = Console.OpenStandardOutput();
                await export.WriteAsync(stdout, f, filter, ct);
                return 0;
            }
            int count;
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
                count = await export.WriteAsync(file, f, filter, ct);
            await Console.Error.WriteLineAsync($"Exported {count} enterprises to {Path.GetFullPath(path)}");
            return 0;
        });
        return new Command("export", "Export registry data as spreadsheets") { enterprises };
    }
}
