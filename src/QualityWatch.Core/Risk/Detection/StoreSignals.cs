using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Risk.Detection;

/// <summary>
/// Stores a scan's alarms. The same series and period found again (a re-run, or late records) updates the
/// stored signal instead of adding one, so scans are idempotent and a signal keeps its warning.
/// </summary>
public sealed class StoreSignals(QualityWatchDbContext db)
{
    public sealed record Stored(IReadOnlyList<RiskSignal> New, IReadOnlyList<RiskSignal> Updated);

    public async Task<Stored> SaveAsync(IReadOnlyList<SignalDraft> drafts, CancellationToken ct)
    {
        if (drafts.Count == 0)
            return new Stored([], []);
        var now = db.Clock.GetUtcNow();
        var periods = drafts.Select(d => d.PeriodStart).Distinct().ToList();
        var keys = drafts.Select(d => d.Series.Key).ToHashSet(StringComparer.Ordinal);
        var existing = (await db.RiskSignals.Where(s => periods.Contains(s.PeriodStart)).ToListAsync(ct))
            .Where(s => keys.Contains(s.SeriesKey))
            .ToDictionary(s => (s.SeriesKey, s.PeriodStart));
        var created = new List<RiskSignal>();
        var updated = new List<RiskSignal>();
        foreach (var d in drafts)
        {
            var evidence = RecordRef.ToJson(d.Evidence);
            if (existing.TryGetValue((d.Series.Key, d.PeriodStart), out var s))
            {
                if (s.Observed == d.Observed && s.Evidence == evidence)
                    continue;
                Apply(s, d, evidence);
                updated.Add(s);
                continue;
            }
            s = new RiskSignal
            {
                SeriesKey = d.Series.Key,
                Source = d.Series.Source,
                RegionCode = d.Series.RegionCode,
                Frequency = d.Series.Frequency,
                Method = d.Method,
                PeriodStart = d.PeriodStart,
                DetectedAt = now,
            };
            Apply(s, d, evidence);
            db.RiskSignals.Add(s);
            created.Add(s);
        }
        await db.SaveChangesAsync(ct);
        return new Stored(created, updated);
    }

    private static void Apply(RiskSignal s, SignalDraft d, string evidence)
    {
        s.Kind = d.Kind;
        s.ProductCategory = d.Series.Category;
        s.Problem = d.Series.Problem;
        s.EnterpriseId = d.EnterpriseId;
        s.Observed = d.Observed;
        s.Expected = d.Expected is { } e && double.IsFinite(e) ? e : null;
        s.Threshold = d.Threshold is { } t && double.IsFinite(t) ? t : null;
        s.Method = d.Method;
        s.Strength = d.Strength;
        s.Severity = d.Severity;
        s.Vulnerable = d.Vulnerable;
        s.Evidence = evidence;
        s.Note = d.Note;
    }
}
