namespace QualityWatch.Signals;

/// <summary>
/// Result of a detector for one time point of one series.
/// <see cref="Expected"/> and <see cref="Threshold"/> are <see cref="double.NaN"/> where the method
/// has no value (R's NA); then <see cref="Alarm"/> is false and <see cref="Note"/> says why.
/// </summary>
/// <param name="Observed">The observed count.</param>
/// <param name="Expected">The baseline expectation (NaN if none).</param>
/// <param name="Threshold">The upper bound; an alarm means <c>Observed &gt; Threshold</c> (NaN if none).</param>
/// <param name="Alarm">Whether the point alarms.</param>
/// <param name="Note">Why values are missing or the point is special; null when nothing to report.</param>
public readonly record struct SignalPoint(double Observed, double Expected, double Threshold, bool Alarm, string? Note)
{
    /// <summary>A point without a result.</summary>
    public static SignalPoint Missing(double observed, string note) => new(observed, double.NaN, double.NaN, false, note);
}

/// <summary>Fixed note texts (no per-point allocation).</summary>
public static class SignalNotes
{
    public const string InsufficientHistory = "insufficient history for this method";
    public const string NotConverged = "GLM did not converge with or without trend";
    public const string Limit54 = "too few cases in the recent weeks (limit54)";
    public const string UpperBoundUndefined = "upper bound undefined";
    public const string ZeroSpread = "baseline has zero spread";
    public const string MissingBaseline = "baseline contains missing values";
    public const string ZeroDispersionDenominator = "no residual degrees of freedom";
    public const string MissingObservation = "observation missing";
    public const string ConstantMeanFallback = "seasonal GLM did not converge: constant mean fitted";
}

/// <summary>A detector for one univariate count series.</summary>
public interface ISeriesDetector
{
    /// <summary>Number of earlier points a time point needs; the first evaluable 0-based index.</summary>
    int MinimumHistory { get; }

    /// <summary>
    /// Evaluates the 0-based indices <paramref name="from"/>..<paramref name="to"/> (inclusive) of a series.
    /// </summary>
    /// <param name="observed">All counts of the series (earlier points are the history).</param>
    /// <param name="population">Population per point, or empty when the series has none.</param>
    /// <param name="from">First index to evaluate.</param>
    /// <param name="to">Last index to evaluate.</param>
    /// <param name="results">Destination, length <c>to - from + 1</c>.</param>
    void Detect(ReadOnlySpan<double> observed, ReadOnlySpan<double> population, int from, int to, Span<SignalPoint> results);
}
