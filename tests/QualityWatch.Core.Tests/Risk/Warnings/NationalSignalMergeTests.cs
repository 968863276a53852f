using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Risk;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Warnings;

namespace QualityWatch.Core.Tests.Risk.Warnings;

public sealed class NationalSignalMergeTests
{
    private static RiskSignal Signal(string region, string key, double strength = 70) => new()
    {
        SeriesKey = key,
        Kind = SignalKind.Count,
        Source = "complaint",
        ProductCategory = "MASK-KN95",
        Problem = "counterfeit",
        RegionCode = region,
        Frequency = "weekly",
        PeriodStart = new DateOnly(2026, 11, 16),
        Observed = 30,
        Expected = 5,
        Threshold = 12,
        Method = "noufaily",
        Strength = strength,
        Severity = 4,
        DetectedAt = DateTimeOffset.UtcNow,
    };

    private static async Task<List<RiskWarning>> RaiseAsync(TestDatabase database, params RiskSignal[] signals)
    {
        await using var db = database.Context();
        db.RiskSignals.AddRange(signals);
        await db.SaveChangesAsync();
        await new RaiseWarnings(db, Options.Create(new RiskOptions())).RunAsync(signals, CancellationToken.None);
        return await db.RiskWarnings.AsNoTracking().OrderBy(w => w.Id).ToListAsync();
    }

    [Fact]
    public async Task A_national_alarm_while_one_province_has_an_open_warning_joins_that_warning()
    {
        await using var database = await TestDatabase.CreateAsync();
        // One scan: Zhejiang, Hangzhou and the nation all alarm on counterfeit KN95.
        var warnings = await RaiseAsync(database,
            Signal("330000", "complaint|MASK-KN95|330000|counterfeit|weekly"),
            Signal("330100", "complaint|MASK-KN95|330100|counterfeit|weekly"),
            Signal("100000", "complaint|MASK-KN95|100000|counterfeit|weekly", strength: 90));

        var w = Assert.Single(warnings);
        Assert.Equal("MASK-KN95|counterfeit|33", w.GroupKey);
        await using var db = database.Context();
        Assert.Equal(3, await db.RiskSignals.CountAsync(s => s.WarningId == w.Id));
        // The national signal counts as the strongest evidence of the provincial warning.
        Assert.Contains("noufaily", w.ScoreBreakdown, StringComparison.Ordinal);
        Assert.True(w.Score >= 90);
    }

    [Fact]
    public async Task A_national_alarm_with_two_provinces_open_is_a_national_warning_of_its_own()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RaiseAsync(database,
            Signal("330000", "complaint|MASK-KN95|330000|counterfeit|weekly"),
            Signal("440000", "complaint|MASK-KN95|440000|counterfeit|weekly"));
        var warnings = await RaiseAsync(database, Signal("100000", "complaint|MASK-KN95|100000|counterfeit|weekly"));

        Assert.Equal(3, warnings.Count);
        Assert.Equal(["MASK-KN95|counterfeit|10", "MASK-KN95|counterfeit|33", "MASK-KN95|counterfeit|44"], warnings.Select(w => w.GroupKey).Order());
        Assert.Equal("100000", warnings.Single(w => w.GroupKey.EndsWith("|10", StringComparison.Ordinal)).RegionCode);
    }
}
