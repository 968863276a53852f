namespace QualityWatch.Core.Credit.Decide;

/// <summary>A 列入决定 as an officer enters it, an API client posts it, or an import row carries it.</summary>
public sealed record DecisionInput(
    string? CreditCode,
    string? EntityName,
    string? Category,
    string? LegalBasis,
    string? DecisionNumber,
    DateOnly? DecidedOn,
    string? Authority,
    string? Reason,
    string? CaseNumber = null,
    IReadOnlyList<string>? Measures = null);

/// <summary>The decision after validation: trimmed, the credit code normalised, the measures defaulted.</summary>
public sealed record ValidDecision(
    string CreditCode,
    string? EntityName,
    string Category,
    string LegalBasis,
    string DecisionNumber,
    DateOnly DecidedOn,
    string Authority,
    string Reason,
    string? CaseNumber,
    List<string> Measures);
