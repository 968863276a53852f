using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Registry.Regions;

/// <summary>
/// Loads the GB/T 2260 tree (National Bureau of Statistics, 2022-10-31 cut) embedded from Seed/*.csv,
/// plus Hong Kong 81, Macao 82 and Taiwan 71, which the source files lack.
/// </summary>
public static class RegionSeed
{
    public static IReadOnlyList<Region> Load()
    {
        var regions = new List<Region>(3400);
        foreach (var row in ReadCsv("provinces"))
            regions.Add(new Region { Code = row[0], Name = row[1], Level = RegionLevel.Province });
        regions.Add(new Region { Code = "71", Name = "台湾省", Level = RegionLevel.Province });
        regions.Add(new Region { Code = "81", Name = "香港特别行政区", Level = RegionLevel.Province });
        regions.Add(new Region { Code = "82", Name = "澳门特别行政区", Level = RegionLevel.Province });
        foreach (var row in ReadCsv("cities"))
            regions.Add(new Region { Code = row[0], Name = row[1], ParentCode = row[2], Level = RegionLevel.City });
        foreach (var row in ReadCsv("areas"))
            regions.Add(new Region { Code = row[0], Name = row[1], ParentCode = row[2], Level = RegionLevel.County });
        return regions;
    }

    /// <summary>Inserts the regions the database lacks; running it again changes nothing.</summary>
    public static async Task<int> EnsureSeededAsync(QualityWatchDbContext db, CancellationToken ct = default)
    {
        var existing = (await db.Regions.Select(r => r.Code).ToListAsync(ct)).ToHashSet();
        var missing = Load().Where(r => !existing.Contains(r.Code)).ToList();
        if (missing.Count == 0)
            return 0;
        db.Regions.AddRange(missing);
        await db.SaveChangesAsync(ct);
        return missing.Count;
    }

    private static IEnumerable<string[]> ReadCsv(string name)
    {
        using var stream = typeof(RegionSeed).Assembly.GetManifestResourceStream($"QualityWatch.Regions.{name}.csv")
            ?? throw new InvalidOperationException($"Embedded region seed {name}.csv is missing");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            yield return line.Split(',').Select(f => f.Trim('"')).ToArray();
        }
    }
}
