namespace QualityWatch.Core.Risk.Linking;

/// <summary>An enterprise as a complaint, inspection result, case or news item names it; every part may be missing or wrong.</summary>
/// <param name="RegionCode">6-digit GB/T 2260 code (440300 and 440000 are read as their city and province).</param>
/// <param name="RegionText">A place as written, e.g. 东莞市 or 广东省东莞市; used when <paramref name="RegionCode"/> is absent.</param>
public sealed record LinkQuery(string? CreditCode, string? Name, string? RegionCode = null, string? RegionText = null);

public enum LinkMethod
{
    None = 0,
    CreditCode = 1,
    /// <summary>The code failed its check character; a one-edit repair is registered and the name agrees.</summary>
    CreditCodeCorrected = 2,
    ExactName = 3,
    Alias = 4,
    FuzzyName = 5,
}

public sealed record LinkResult
{
    /// <summary>Set only when <see cref="Confidence"/> reaches the link threshold.</summary>
    public long? EnterpriseId { get; init; }
    public LinkMethod Method { get; init; }
    public double Confidence { get; init; }
    public string? Explanation { get; init; }
    /// <summary>Best-scoring enterprises, best first, including the linked one; reviewers pick from these when nothing was linked.</summary>
    public IReadOnlyList<(long Id, double Score)> Candidates { get; init; } = [];
    /// <summary>A possible unlicensed producer: the name reads like a producer and nothing in the registry comes close.</summary>
    public bool IsUnregistered { get; init; }
}

/// <summary>The registry fields linking needs; aliases are former or informal names.</summary>
public sealed record EnterpriseRow(long Id, string CreditCode, string Name, string NormalizedName, string RegionCode, IReadOnlyList<string> Aliases);
