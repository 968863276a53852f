namespace QualityWatch.Core.Certification.Snapshot;

public enum CreditListKind
{
    /// <summary>严重违法失信名单 (SAMR list of seriously illegal and dishonest enterprises).</summary>
    SeriousDishonesty,
    /// <summary>经营异常名录 (list of enterprises with abnormal operations).</summary>
    AbnormalOperations,
}

/// <summary>A period during which an enterprise (by credit code) was on a credit list.</summary>
/// <param name="ListedUntil">Scheduled end of the listing, if any.</param>
/// <param name="RestoredOn">Date credit was restored (信用修复) and the listing removed early.</param>
public sealed record CreditListing(
    string CreditCode,
    CreditListKind Kind,
    DateOnly ListedOn,
    DateOnly? ListedUntil = null,
    DateOnly? RestoredOn = null,
    string? Authority = null,
    string? Reason = null)
{
    public bool ActiveOn(DateOnly date) =>
        ListedOn <= date && (ListedUntil is null || date < ListedUntil) && (RestoredOn is null || date < RestoredOn);
}
