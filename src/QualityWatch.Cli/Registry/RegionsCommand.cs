using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Regions;

namespace QualityWatch.Cli.Registry;

public static class RegionsCommand
{
    public static Command Create()
    {
        var parent = new Option<string?>("--parent") { Description = "List the children of this code (default: provinces)" };
        var list = new Command("list", "List GB/T 2260 regions") { parent };
        list.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var db = scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>();
            var code = parse.GetValue(parent);
            var q = db.Regions.AsNoTracking();
            q = string.IsNullOrEmpty(code) ? q.Where(r => r.Level == RegionLevel.Province) : q.Where(r => r.ParentCode == code);
            var rows = await q.OrderBy(r => r.Code).ToListAsync(ct);
            if (rows.Count == 0 && !string.IsNullOrEmpty(code) && !await db.Regions.AnyAsync(r => r.Code == code, ct))
            {
                await Console.Error.WriteLineAsync($"No region with code {code}.");
                return 2;
            }
            foreach (var r in rows)
                Console.WriteLine($"{r.Code}\t{r.Name}");
            return 0;
        });
        return new Command("regions", "GB/T 2260 administrative divisions") { list };
    }
}
