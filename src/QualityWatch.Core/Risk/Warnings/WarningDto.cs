using System.Text.Json;

namespace QualityWatch.Core.Risk.Warnings;

/// <summary>A warning as the API, the CLI and webhooks show it.</summary>
public sealed record WarningDto(
    long Id,
    string Number,
    string Title,
    string Level,
    string LevelZh,
    string State,
    string StateZh,
    string RegionCode,
    string? ProductCategory,
    string? Problem,
    long? EnterpriseId,
    double Score,
    int Severity,
    IReadOnlyList<ScoreContribution> ScoreBreakdown,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    string? Judgement,
    string? AssessedBy,
    DateTimeOffset? IssuedAt,
    IReadOnlyList<string> IssuedTo,
    DateTimeOffset? ClosedAt,
    string? Outcome)
{
    public static WarningDto From(RiskWarning w) => new(w.Id, w.Number, w.Title, w.Level.ToString().ToLowerInvariant(), WarningRules.NameZh(w.Level),
        w.State.ToString().ToLowerInvariant(), WarningRules.StateZh(w.State), w.RegionCode, w.ProductCategory, w.Problem, w.EnterpriseId, w.Score, w.Severity,
        JsonSerializer.Deserialize<List<ScoreContribution>>(w.ScoreBreakdown) ?? [], w.CreatedAt, w.DueAt, w.Judgement, w.AssessedBy, w.IssuedAt, w.IssuedTo,
        w.ClosedAt, w.Outcome);
}
