namespace QualityWatch.Core.Risk.Linking;

/// <summary>
/// The probability that a fuzzy best candidate is the right enterprise: a logistic regression on its similarity, its
/// lead over the runner-up (capped: beyond 0.3 a lead says nothing more) and whether the search had to leave the
/// record's region. Fitted on the seed-1 synthetic set (`bench/linking … tune 1`), checked on seed 2 and the
/// hand-written set; see docs/risk-linking.md. Refit when <see cref="NameSimilarity"/> changes.
/// </summary>
public static class FuzzyConfidence
{
    public const double Intercept = -42.91;
    public const double PerScore = 50.37;
    public const double PerLead = 16.37;
    public const double Nationwide = -2.52;

    public static double Of(double score, double lead, bool national)
    {
        var z = Intercept + PerScore * score + PerLead * Math.Min(lead, 0.3) + (national ? Nationwide : 0);
        return 1 / (1 + Math.Exp(-z));
    }
}
