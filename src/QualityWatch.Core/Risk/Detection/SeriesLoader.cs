using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Risk.Detection;

/// <summary>
/// Reads grouped counts from the database: the database does the grouping (by week or day, county, category
/// and problem), so a national scan reads one row per non-empty cell, not one per record.
/// </summary>
public static class SeriesLoader
{
    private sealed record Cell(int Step, string RegionCode, string? Category, string Problem, int Count);

    public static async Task LoadAsync(QualityWatchDbContext db, string source, string frequency, SeriesTable table, CancellationToken ct)
    {
        var weekly = frequency == "weekly";
        var fromDay = weekly ? table.FirstStep * 7 : table.FirstStep;
        var toDay = weekly ? ((table.FirstStep + table.Steps) * 7) - 1 : table.FirstStep + table.Steps - 1;
        var cells = source switch
        {
            "complaint" => await GroupAsync(db.Complaints, fromDay, toDay, weekly, ct),
            // An inspection counts as a signal event only when the sample failed; passes feed the failure rate.
            "inspection" => await GroupAsync(db.InspectionResults.Where(i => i.Verdict == InspectionVerdict.Fail), fromDay, toDay, weekly, ct),
            "case" => await GroupAsync(db.EnforcementCases, fromDay, toDay, weekly, ct),
            "opinion" => await GroupAsync(db.OpinionItems, fromDay, toDay, weekly, ct),
            _ => throw new ArgumentException($"unknown source {source}", nameof(source)),
        };
        foreach (var c in cells)
            table.Add(source, c.Category, c.RegionCode, c.Problem, frequency, c.Step, c.Count);
    }

    private static async Task<List<Cell>> GroupAsync<T>(IQueryable<T> records, int fromDay, int toDay, bool weekly, CancellationToken ct) where T : SourceRecord
    {
        var window = records.Where(r => r.Day >= fromDay && r.Day <= toDay);
        if (weekly)
        {
            return await window.GroupBy(r => new { Step = r.Day / 7, r.RegionCode, r.ProductCategory, r.Problem })
                .Select(g => new Cell(g.Key.Step, g.Key.RegionCode, g.Key.ProductCategory, g.Key.Problem, g.Count())).ToListAsync(ct);
        }
        return await window.GroupBy(r => new { Step = r.Day, r.RegionCode, r.ProductCategory, r.Problem })
            .Select(g => new Cell(g.Key.Step, g.Key.RegionCode, g.Key.ProductCategory, g.Key.Problem, g.Count())).ToListAsync(ct);
    }

    /// <summary>The first day with any record of any source, which bounds how many years of history exist.</summary>
    public static async Task<int?> FirstDayAsync(QualityWatchDbContext db, CancellationToken ct)
    {
        int?[] firsts =
        [
            await db.Complaints.MinAsync(r => (int?)r.Day, ct),
            await db.InspectionResults.MinAsync(r => (int?)r.Day, ct),
            await db.EnforcementCases.MinAsync(r => (int?)r.Day, ct),
            await db.OpinionItems.MinAsync(r => (int?)r.Day, ct),
        ];
        return firsts.Where(f => f.HasValue).Min();
    }
}
