using System.Text.Json;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Risk.Detection;

/// <summary>An alarm found by a scan before it is stored, with the records behind it.</summary>
public sealed record SignalDraft(
    SeriesId Series,
    SignalKind Kind,
    DateOnly PeriodStart,
    int FromDay,
    int ToDay,
    double Observed,
    double? Expected,
    double? Threshold,
    string Method,
    double Strength,
    long? EnterpriseId = null,
    string? Note = null)
{
    public List<RecordRef> Evidence { get; } = [];
    public VulnerableGroups Vulnerable { get; set; }
    public int Severity { get; set; } = ProblemSeverity.Of(Series.Problem);
}

/// <summary>A source record named as evidence: type (complaint, inspection, case, opinion) and id.</summary>
public sealed record RecordRef(string Type, long Id)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored form of a signal's evidence: <c>[{"type": …, "id": …}]</c>.</summary>
    public static string ToJson(IEnumerable<RecordRef> refs) => JsonSerializer.Serialize(refs, Json);

    /// <summary>Reads <see cref="RiskSignal.Evidence"/>; an unreadable list reads as none rather than failing a page.</summary>
    public static List<RecordRef> ParseList(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize<List<RecordRef>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>Signal strength on the 0–100 scale the risk score adds up (docs/risk.md).</summary>
public static class SignalStrength
{
    /// <summary>50 at the threshold, 100 at twice the threshold or more.</summary>
    public static double OverThreshold(double observed, double threshold) =>
        Math.Clamp(50 * observed / Math.Max(threshold, 1), 50, 100);

    /// <summary>A silent series waking up: 50 at the emergence minimum, +5 per record above it.</summary>
    public static double Emergence(double observed, int minimum) => Math.Min(100, 50 + (5 * (observed - minimum)));

    /// <summary>Convergence: more independent sources and more records make it stronger.</summary>
    public static double Convergence(int sources, int records) => Math.Min(100, 40 + (15 * (sources - 1)) + (2 * records));
}
