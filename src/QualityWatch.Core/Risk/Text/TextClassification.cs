namespace QualityWatch.Core.Risk.Text;

/// <summary>What went wrong according to a complaint, inspection, case or news text.</summary>
public enum ProblemType
{
    /// <summary>Counterfeit product, or a forged certificate, registration or mark.</summary>
    Counterfeit = 0,
    /// <summary>Filtration, protection or accuracy below the standard.</summary>
    Substandard = 1,
    /// <summary>Unlicensed production or trading, 黑作坊, 三无产品.</summary>
    Unlicensed = 2,
    FalseAdvertising = 3,
    /// <summary>Recycled, refurbished or used products sold as new.</summary>
    Recycled = 4,
    Labelling = 5,
    Price = 6,
    /// <summary>Injury or adverse reaction (allergy, rash, burns).</summary>
    Injury = 7,
    Other = 8,
}

/// <summary>Which classification a matched term spoke for.</summary>
public enum TermTarget
{
    ProductCategory = 0,
    Problem = 1,
}

/// <summary>
/// A rule term found in the text. Start and Length are in the ORIGINAL text (for highlighting);
/// Supports is the category code or problem-type name; a negative weight speaks against it.
/// </summary>
public sealed record MatchedTerm(string Term, int Start, int Length, TermTarget Target, string Supports, double Weight, bool Negated);

public sealed record TextClassification(
    string? ProductCategory,
    ProblemType Problem,
    double Confidence,
    IReadOnlyList<MatchedTerm> Terms,
    string RulesVersion)
{
    /// <summary>Confidence of the product category (the record-level Confidence is the problem type's).</summary>
    public double CategoryConfidence { get; init; }

    /// <summary>"rules", "model" or "rules+model": which part decided the problem type.</summary>
    public string DecidedBy { get; init; } = "model";
}
