namespace QualityWatch.Core.Certification.Snapshot;

/// <summary>
/// A name known to appear on misleading or worthless conformity documents (e.g. the ESF 2020–2021 list), with the
/// evidence, so a verdict can quote it.
/// </summary>
public sealed record MisleadingIssuer
{
    public required string Name { get; init; }
    /// <summary>Other spellings and short names matched against claimed issuers (word-bounded for Latin names).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Its own notified-body number when it has one (ECM is 1282): the number itself is genuine, its use on PPE is not.</summary>
    public string? NotifiedBodyNumber { get; init; }
    public string? Country { get; init; }
    /// <summary>Legislation the body is notified for; a claim outside it is the misuse.</summary>
    public IReadOnlyList<string> NotifiedFor { get; init; } = [];
    public required string EvidenceZh { get; init; }
    public required string EvidenceEn { get; init; }
    public required string Source { get; init; }
    /// <summary>Date of the source's statement.</summary>
    public DateOnly? AsOf { get; init; }
}
