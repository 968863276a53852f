namespace QualityWatch.Core.Risk.Linking;

/// <summary>Thresholds of <see cref="EnterpriseLinker"/>; the defaults were tuned on the seed-1 evaluation set (docs/risk-linking.md).</summary>
public sealed record LinkerOptions
{
    /// <summary>Confidence a result needs before an enterprise id is attached.</summary>
    public double LinkThreshold { get; init; } = 0.80;

    /// <summary>Fuzzy: how far the best enterprise's score must lead the runner-up's; closer than this is ambiguous.</summary>
    public double MinMargin { get; init; } = 0.05;

    /// <summary>Fuzzy: below this similarity a name is "nothing comparable registered", the unlicensed-producer lead.</summary>
    public double UnregisteredFloor { get; init; } = 0.75;

    /// <summary>A code repair must be corroborated by a name at least this similar (when a name is given).</summary>
    public double NameAgreement { get; init; } = 0.60;

    public int MaxCandidates { get; init; } = 5;

    /// <summary>How many bigram-overlap leaders of a region slice are scored with the string metrics.</summary>
    public int Shortlist { get; init; } = 24;
}
