using QualityWatch.Core.Access;

namespace QualityWatch.Core.Risk.Detection;

/// <summary>What a count series counts: one source's records of one category and problem in one area.</summary>
public sealed record SeriesId(string Source, string? Category, string RegionCode, string Problem, string Frequency, long? EnterpriseId = null)
{
    public string Key => EnterpriseId is { } e
        ? $"{Source}|{Category ?? "*"}|{RegionCode}|{Problem}|{Frequency}|e{e}"
        : $"{Source}|{Category ?? "*"}|{RegionCode}|{Problem}|{Frequency}";
}

/// <summary>
/// Dense count series built from sparse grouped counts. Each record counts in its city, its province and the
/// nation, so an officer at every level has series at their own resolution.
/// </summary>
public sealed class SeriesTable(int firstStep, int steps)
{
    private readonly Dictionary<SeriesId, double[]> series = [];

    public int FirstStep { get; } = firstStep;
    public int Steps { get; } = steps;
    public IReadOnlyDictionary<SeriesId, double[]> Series => series;

    /// <summary>Adds <paramref name="count"/> records of <paramref name="regionCode"/> (6 digits) at <paramref name="step"/>.</summary>
    public void Add(string source, string? category, string regionCode, string problem, string frequency, int step, double count)
    {
        var i = step - FirstStep;
        if (i < 0 || i >= Steps)
            return;
        foreach (var area in AreasOf(regionCode))
        {
            var id = new SeriesId(source, category, area, problem, frequency);
            if (!series.TryGetValue(id, out var counts))
                series[id] = counts = new double[Steps];
            counts[i] += count;
        }
    }

    /// <summary>440305 → 440300, 440000, 100000; 440000 → 440000, 100000; 100000 → 100000.</summary>
    public static IEnumerable<string> AreasOf(string regionCode)
    {
        if (regionCode.Length == 6 && regionCode != RegionCodes.National)
        {
            if (!regionCode.EndsWith("0000", StringComparison.Ordinal))
                yield return string.Concat(regionCode.AsSpan(0, 4), "00");
            yield return string.Concat(regionCode.AsSpan(0, 2), "0000");
        }
        yield return RegionCodes.National;
    }
}
