using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Risk.Detection;

/// <summary>Finds the records a count or rate signal counted, so an officer can open each of them.</summary>
public static class Evidence
{
    /// <summary>More records than this are summarised by the count; the page lists the first ones.</summary>
    public const int MaxRecords = 200;

    private sealed record Row(long Id, VulnerableGroups Vulnerable);

    public static async Task AttachAsync(QualityWatchDbContext db, IReadOnlyList<SignalDraft> drafts, CancellationToken ct)
    {
        foreach (var d in drafts)
        {
            // Convergence already holds its records and their flags.
            if (d.Kind == SignalKind.Convergence)
                continue;
            var s = d.Series;
            var prefix = RegionCodes.ToPrefix(s.RegionCode);
            var rows = s.Source switch
            {
                "complaint" => await FindAsync(db.Complaints, d, prefix, ct),
                "inspection" => await FindAsync(db.InspectionResults.Where(i => i.Verdict == InspectionVerdict.Fail), d, prefix, ct, anyProblem: d.Kind == SignalKind.FailureRate),
                "case" => await FindAsync(db.EnforcementCases, d, prefix, ct),
                "opinion" => await FindAsync(db.OpinionItems, d, prefix, ct),
                _ => [],
            };
            d.Evidence.AddRange(rows.Select(r => new RecordRef(s.Source, r.Id)));
            foreach (var r in rows)
                d.Vulnerable |= r.Vulnerable;
        }
    }

    private static async Task<List<Row>> FindAsync<T>(IQueryable<T> set, SignalDraft d, string? prefix, CancellationToken ct, bool anyProblem = false) where T : SourceRecord
    {
        var q = set.Where(r => r.Day >= d.FromDay && r.Day <= d.ToDay && r.ProductCategory == d.Series.Category);
        if (!anyProblem)
            q = q.Where(r => r.Problem == d.Series.Problem);
        if (prefix is not null)
            q = q.Where(r => r.RegionCode.StartsWith(prefix));
        return await q.OrderBy(r => r.Id).Take(MaxRecords).Select(r => new Row(r.Id, r.Vulnerable)).ToListAsync(ct);
    }
}
