using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Risk.Detection;

/// <summary>
/// Several independent sources naming one enterprise within a window: a complaint, a news item and a case
/// about the same producer are rarely a coincidence, even when no single series has risen.
/// </summary>
public static class Convergence
{
    private sealed record Mention(string Source, long Id, long EnterpriseId, string Problem, string? Category, Sources.VulnerableGroups Vulnerable);

    public static async Task<List<SignalDraft>> FindAsync(QualityWatchDbContext db, RiskOptions o, int week, CancellationToken ct)
    {
        var toDay = (week * 7) + 6;
        var fromDay = toDay - o.ConvergenceWindowDays + 1;
        var mentions = new List<Mention>();
        mentions.AddRange(await db.Complaints.Where(r => r.EnterpriseId != null && r.Day >= fromDay && r.Day <= toDay)
            .Select(r => new Mention("complaint", r.Id, r.EnterpriseId!.Value, r.Problem, r.ProductCategory, r.Vulnerable)).ToListAsync(ct));
        mentions.AddRange(await db.InspectionResults.Where(r => r.EnterpriseId != null && r.Day >= fromDay && r.Day <= toDay && r.Verdict == Sources.InspectionVerdict.Fail)
            .Select(r => new Mention("inspection", r.Id, r.EnterpriseId!.Value, r.Problem, r.ProductCategory, r.Vulnerable)).ToListAsync(ct));
        mentions.AddRange(await db.EnforcementCases.Where(r => r.EnterpriseId != null && r.Day >= fromDay && r.Day <= toDay)
            .Select(r => new Mention("case", r.Id, r.EnterpriseId!.Value, r.Problem, r.ProductCategory, r.Vulnerable)).ToListAsync(ct));
        mentions.AddRange(await db.OpinionItems.Where(r => r.EnterpriseId != null && r.Day >= fromDay && r.Day <= toDay)
            .Select(r => new Mention("opinion", r.Id, r.EnterpriseId!.Value, r.Problem, r.ProductCategory, r.Vulnerable)).ToListAsync(ct));

        // Only records about a safety or fraud problem converge: three price or delivery complaints about one shop are routine.
        mentions.RemoveAll(m => ProblemSeverity.Of(m.Problem) < 3);
        var converging = mentions.GroupBy(m => m.EnterpriseId)
            .Where(g => g.Select(m => m.Source).Distinct().Count() >= o.ConvergenceMinimumSources && g.Count() >= o.ConvergenceMinimumRecords)
            .ToList();
        if (converging.Count == 0)
            return [];
        var ids = converging.Select(g => g.Key).ToList();
        var regions = await db.Enterprises.IgnoreQueryFilters().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.RegionCode, ct);
        var found = new List<SignalDraft>();
        foreach (var g in converging)
        {
            var sources = g.Select(m => m.Source).Distinct().Count();
            // The most frequent problem and category name the signal; the evidence keeps every record.
            var problem = g.GroupBy(m => m.Problem).OrderByDescending(p => p.Count()).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
            var category = g.Where(m => m.Category is not null).GroupBy(m => m.Category).OrderByDescending(c => c.Count()).Select(c => c.Key).FirstOrDefault();
            var id = new SeriesId("convergence", category, regions.GetValueOrDefault(g.Key, "100000"), problem, "window", g.Key);
            var draft = new SignalDraft(id, SignalKind.Convergence, DateOnly.FromDayNumber(week * 7), fromDay, toDay, g.Count(), null,
                o.ConvergenceMinimumRecords, $"convergence({o.ConvergenceWindowDays}d)", SignalStrength.Convergence(sources, g.Count()), g.Key,
                $"{sources} 类来源 {g.Count()} 条记录指向同一企业 ({sources} source types, {g.Count()} records)")
            {
                Severity = g.Max(m => ProblemSeverity.Of(m.Problem)),
                Vulnerable = g.Aggregate(Sources.VulnerableGroups.None, (v, m) => v | m.Vulnerable),
            };
            draft.Evidence.AddRange(g.Select(m => new RecordRef(m.Source, m.Id)));
            found.Add(draft);
        }
        return found;
    }
}
