using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Registry.Regions;
using QualityWatch.Core.Risk.Linking;

namespace QualityWatch.Core.Tests.Risk.Linking;

/// <summary>
/// The hand-written evaluation set: 52 registered firms (fixture-registry.csv, codes built with the GB 32100 checks)
/// and labelled queries written the way complaints and inspection reports quote firms (fixture-queries.csv).
/// The files are read from the source tree so they stay plain CSV that reviewers can edit.
/// </summary>
public static class FixtureSet
{
    public static EnterpriseDirectory Directory() => EnterpriseDirectory.Build(Registry(), RegionSeed.Load());

    public static IReadOnlyList<EnterpriseRow> Registry() =>
        Rows("fixture-registry.csv").Select(f => new EnterpriseRow(long.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), f[1], f[2],
            EnterpriseName.Normalise(f[2]), f[3], f[4].Length == 0 ? [] : f[4].Split('|'))).ToList();

    public static IReadOnlyList<LabelledQuery> Queries() =>
        Rows("fixture-queries.csv").Select(f => new LabelledQuery(f[0],
            new LinkQuery(Empty(f[1]), Empty(f[2]), Empty(f[3]), Empty(f[4])),
            f[5].Length == 0 ? null : long.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture))).ToList();

    private static string? Empty(string s) => s.Length == 0 ? null : s;

    // Fields hold no commas or quotes, so a split is a faithful reader.
    private static IEnumerable<string[]> Rows(string file) => File.ReadLines(Find(file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));

    private static string Find(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "QualityWatch.Core.Tests", "Risk", "Linking", file);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"{file} not found above {AppContext.BaseDirectory}");
    }
}
