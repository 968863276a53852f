using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Access;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Risk.Detection;

namespace QualityWatch.Core.Risk.Warnings;

/// <summary>
/// Turns new signals into candidate warnings (state 发现): signals about the same enterprise, or the same
/// category and problem in one province, join the open warning of that group, whose score and level are then
/// recomputed. A level only rises automatically; lowering it is an officer's judgement at 研判.
/// </summary>
public sealed class RaiseWarnings(QualityWatchDbContext db, IOptions<RiskOptions> options)
{
    public async Task<(int Created, int Updated)> RunAsync(IReadOnlyList<RiskSignal> signals, CancellationToken ct)
    {
        if (signals.Count == 0)
            return (0, 0);
        var run = new Run(db.Clock.GetUtcNow(), await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, ct), await LastNumberAsync(db.Clock.GetUtcNow(), ct));
        // National groups go last so that they can find the provincial warning this same run created. Each phase is
        // saved once, not once per group: every save inspects every tracked entity (the audit trail, the name index),
        // and a national scan hands over thousands of tracked signals, so saving per group grew with groups × signals.
        var groups = signals.GroupBy(WarningRules.GroupKey).ToLookup(g => IsNational(g.Key));
        await PhaseAsync(groups[false], run, ct);
        await PhaseAsync(groups[true], run, ct);
        return (run.Created, run.Updated);
    }

    private sealed class Run(DateTimeOffset now, Dictionary<string, string> regionNames, int lastNumber)
    {
        public DateTimeOffset Now { get; } = now;
        public Dictionary<string, string> RegionNames { get; } = regionNames;
        public int LastNumber { get; set; } = lastNumber;
        public int Created { get; set; }
        public int Updated { get; set; }
    }

    private async Task PhaseAsync(IEnumerable<IGrouping<string, RiskSignal>> groups, Run run, CancellationToken ct)
    {
        var joined = new List<(RiskWarning Warning, IGrouping<string, RiskSignal> Signals)>();
        foreach (var group in groups)
        {
            var warning = await db.RiskWarnings.FirstOrDefaultAsync(w => w.GroupKey == group.Key && WarningRules.OpenStates.Contains(w.State), ct)
                ?? (IsNational(group.Key) ? await SingleProvincialAsync(group.Key, ct) : null);
            var all = group.ToList();
            if (warning is not null && warning.Id != 0)
                all.AddRange(await db.RiskSignals.Where(s => s.WarningId == warning.Id).ToListAsync(ct));
            var score = WarningRules.Score(all);
            if (warning is null)
            {
                var first = group.First();
                if (!WarningRules.RaisesWarning(score, first.Problem))
                    continue;
                warning = new RiskWarning
                {
                    Number = Number(run),
                    GroupKey = group.Key,
                    Title = "",
                    RegionCode = RegionOf(all),
                    ProductCategory = first.ProductCategory,
                    Problem = first.Problem,
                    EnterpriseId = first.EnterpriseId,
                    CreatedAt = run.Now,
                    State = WarningState.Detected,
                    Level = WarningLevel.Blue,
                };
                db.RiskWarnings.Add(warning);
                run.Created++;
            }
            else
            {
                run.Updated++;
            }
            var level = WarningRules.Level(score.Value, score.Severity);
            var raised = level < warning.Level || warning.Id == 0;
            warning.Score = Math.Max(warning.Score, score.Value);
            warning.Severity = Math.Max(warning.Severity, score.Severity);
            warning.ScoreBreakdown = JsonSerializer.Serialize(score.Contributions);
            if (raised)
            {
                warning.Level = level;
                if (warning.State is WarningState.Detected or WarningState.Assessing)
                    warning.DueAt = options.Value.Calendar.AddWorkingDays(run.Now, options.Value.AssessWorkingDays[(int)level - 1]);
            }
            warning.Title = await TitleAsync(warning, run.RegionNames, ct);
            warning.UpdatedAt = run.Now;
            joined.Add((warning, group));
        }
        if (joined.Count == 0)
            return;
        await SaveNumberedAsync(joined.Select(j => j.Warning).ToList(), run, ct);
        foreach (var (warning, group) in joined)
        {
            foreach (var s in group)
                s.WarningId = warning.Id;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Saves, renumbering the new warnings when another scan, certification scan or lead review took the same numbers
    /// at the same moment (numbers are read before the save, so concurrent runs can pick the same next number; the
    /// unique index refuses the second). The failed save changed nothing, so it can be repeated.
    /// </summary>
    private async Task SaveNumberedAsync(List<RiskWarning> warnings, Run run, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException e) when (attempt < 10 && IsNumberConflict(e))
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
                run.LastNumber = await LastNumberAsync(run.Now, ct);
                foreach (var w in warnings.Where(w => db.Entry(w).State == EntityState.Added))
                    w.Number = Number(run);
            }
        }
    }

    private static bool IsNumberConflict(DbUpdateException e) =>
        e.InnerException?.Message is { } m && m.Contains("risk_warnings", StringComparison.Ordinal) && m.Contains("Number", StringComparison.Ordinal);

    private static bool IsNational(string groupKey) => groupKey.EndsWith("|10", StringComparison.Ordinal) && !groupKey.StartsWith("enterprise|", StringComparison.Ordinal);

    /// <summary>
    /// A national series rises whenever one province's does, so a national alarm while exactly one province has an
    /// open warning for the same category and problem is that province's risk seen from above: it joins that
    /// warning as corroboration instead of asking a second officer for a second judgement. With two or more
    /// provinces open (or none) the national alarm is a national risk and gets its own warning.
    /// </summary>
    private async Task<RiskWarning?> SingleProvincialAsync(string nationalKey, CancellationToken ct)
    {
        var prefix = nationalKey[..^2];
        var open = await db.RiskWarnings
            .Where(w => w.GroupKey.StartsWith(prefix) && w.GroupKey != nationalKey && WarningRules.OpenStates.Contains(w.State))
            .OrderBy(w => w.Id).Take(2).ToListAsync(ct);
        return open.Count == 1 ? open[0] : null;
    }

    /// <summary>The one city all city-level signals lie in, else their province, else the nation.</summary>
    private static string RegionOf(List<RiskSignal> signals)
    {
        if (signals.Any(s => s.EnterpriseId is not null))
            return signals.First(s => s.EnterpriseId is not null).RegionCode;
        var cities = signals.Select(s => s.RegionCode).Where(c => !c.EndsWith("0000", StringComparison.Ordinal)).Distinct().ToList();
        if (cities.Count == 1)
            return cities[0];
        var province = signals[0].RegionCode[..2];
        return province == "10" ? RegionCodes.National : province + "0000";
    }

    private async Task<string> TitleAsync(RiskWarning w, Dictionary<string, string> regionNames, CancellationToken ct)
    {
        var place = RegionCodes.ToPrefix(w.RegionCode) is { } prefix
            ? (prefix.Length == 4 && regionNames.TryGetValue(prefix[..2], out var p) && regionNames.TryGetValue(prefix, out var c) ? p + c
                : regionNames.GetValueOrDefault(prefix, w.RegionCode))
            : "全国";
        var category = ProductCategories.Find(w.ProductCategory)?.NameZh ?? "防疫用品";
        if (w.EnterpriseId is { } id)
        {
            var name = await db.Enterprises.IgnoreQueryFilters().Where(e => e.Id == id).Select(e => e.Name).FirstOrDefaultAsync(ct);
            return $"{name ?? place}：多源线索指向同一企业（{category}，{ProblemSeverity.NameZh(w.Problem)}）";
        }
        var problem = w.Problem == "failure-rate" ? "抽检不合格率上升" : ProblemSeverity.NameZh(w.Problem) + "异常增多";
        return $"{place}{category}{problem}";
    }

    private static string Number(Run run)
    {
        run.LastNumber++;
        return Prefix(run.Now) + run.LastNumber.ToString("D5", CultureInfo.InvariantCulture);
    }

    private static string Prefix(DateTimeOffset now) => $"YJ-{now.ToOffset(Sources.SourceRecord.ChinaOffset).Year.ToString(CultureInfo.InvariantCulture)}-";

    /// <summary>The last warning number of the year; numbers are national, so across every region, not the caller's.</summary>
    private async Task<int> LastNumberAsync(DateTimeOffset now, CancellationToken ct)
    {
        var prefix = Prefix(now);
        var last = await db.RiskWarnings.IgnoreQueryFilters().Where(w => w.Number.StartsWith(prefix))
            .OrderByDescending(w => w.Number).Select(w => w.Number).FirstOrDefaultAsync(ct);
        return last is null ? 0 : int.Parse(last[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
