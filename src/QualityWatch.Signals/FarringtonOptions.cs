namespace QualityWatch.Signals;

/// <summary>How <see cref="FarringtonFlexible"/> turns the fitted mean into an upper bound (R <c>thresholdMethod</c>).</summary>
public enum FarringtonThresholdMethod
{
    /// <summary>Farrington (1996): normal approximation on a power-transformed scale.</summary>
    Delta,

    /// <summary>Noufaily (2013): negative binomial quantile with the fitted mean plugged in.</summary>
    NbPlugin,

    /// <summary>As <see cref="NbPlugin"/>, with the mean replaced by the upper (1 − α) quantile of the linear predictor.</summary>
    Muan,
}

/// <summary>Power transformation for the delta method (R <c>powertrans</c>).</summary>
public enum FarringtonPowerTransform
{
    /// <summary>"2/3".</summary>
    TwoThirds,

    /// <summary>"1/2".</summary>
    Half,

    /// <summary>"none".</summary>
    None,
}

/// <summary>
/// Control options of <see cref="FarringtonFlexible"/>, with R <c>farringtonFlexible</c> defaults (surveillance 1.20.3)
/// when not set. <see cref="Farrington1996"/> and <see cref="Noufaily"/> are the two published presets.
/// </summary>
public sealed record FarringtonOptions
{
    /// <summary>Years back (<c>b</c>).</summary>
    public int B { get; init; } = 5;

    /// <summary>Half-window in steps (<c>w</c>).</summary>
    public int W { get; init; } = 3;

    /// <summary>Down-weight past outbreaks by Anscombe residuals (<c>reweight</c>).</summary>
    public bool Reweight { get; init; } = true;

    /// <summary>Anscombe-residual cut-off (<c>weightsThreshold</c>).</summary>
    public double WeightsThreshold { get; init; } = 2.58;

    /// <summary>One-sided error (<c>alpha</c>).</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Allow a linear trend (<c>trend</c>).</summary>
    public bool Trend { get; init; } = true;

    /// <summary>Keep the trend only if its p-value is below this (<c>pThresholdTrend</c>).</summary>
    public double PThresholdTrend { get; init; } = 0.05;

    /// <summary>Minimum number of cases in the last <see cref="Limit54Weeks"/> steps, including the current one.</summary>
    public int Limit54Cases { get; init; } = 5;

    /// <summary>Window of the minimum-case rule.</summary>
    public int Limit54Weeks { get; init; } = 4;

    /// <summary>Transformation of the delta method (<c>powertrans</c>).</summary>
    public FarringtonPowerTransform PowerTransform { get; init; } = FarringtonPowerTransform.TwoThirds;

    /// <summary>Add <c>offset(log(population))</c> (<c>populationOffset</c>).</summary>
    public bool PopulationOffset { get; init; }

    /// <summary>Levels of the seasonal factor; 1 uses the reference windows only (<c>noPeriods</c>).</summary>
    public int NoPeriods { get; init; } = 1;

    /// <summary>Most recent steps excluded from the fit; null means <see cref="W"/> (<c>pastWeeksNotIncluded</c>).</summary>
    public int? PastWeeksNotIncluded { get; init; }

    /// <summary>Threshold method (<c>thresholdMethod</c>).</summary>
    public FarringtonThresholdMethod ThresholdMethod { get; init; } = FarringtonThresholdMethod.Delta;

    /// <summary>
    /// QualityWatch extension (not in R; must be 1 in rCompat mode): also test the sums of the last 2..N steps against the
    /// negative binomial quantile of their summed expected counts (nbPlugin/muan only). The threshold is then the smallest
    /// current count that alarms for any window; this catches outbreaks spread over several weeks.
    /// </summary>
    public int AggregateWeeks { get; init; } = 1;

    /// <summary>Reproduce R surveillance 1.20.3 including its quirks (see docs/signals.md).</summary>
    public bool RCompat { get; init; }

    /// <summary>
    /// QualityWatch extension (not in R): when set, <see cref="FarringtonFlexible"/> uses the seasonal GLM of
    /// <see cref="SeasonalGlm"/> instead of Farrington's reference windows. <see cref="B"/> (years of history),
    /// <see cref="PastWeeksNotIncluded"/>, <see cref="Alpha"/> (the main test), <see cref="AggregateWeeks"/>,
    /// <see cref="Reweight"/>, <see cref="WeightsThreshold"/>, <see cref="Trend"/>, <see cref="PThresholdTrend"/> and the
    /// minimum-case rule keep their meaning and are taken from these options; the other settings of the seasonal model
    /// come from this value. <see cref="W"/>, <see cref="NoPeriods"/>, the threshold method and the power transform are
    /// not used; <see cref="RCompat"/> and <see cref="PopulationOffset"/> are not available.
    /// </summary>
    public SeasonalGlmOptions? Seasonal { get; init; }

    /// <summary>R's formal defaults (note: they match neither published preset).</summary>
    public static FarringtonOptions PackageDefaults { get; } = new();

    /// <summary>Farrington et al. (1996) as in the JSS vignette <c>con.farrington</c>, with α = 0.01.</summary>
    public static FarringtonOptions Farrington1996 { get; } = new()
    {
        WeightsThreshold = 1,
        Alpha = 0.01,
        PastWeeksNotIncluded = 3,
    };

    /// <summary>Noufaily et al. (2013) as in the JSS vignette <c>con.noufaily</c>, with α = 0.01.</summary>
    public static FarringtonOptions Noufaily { get; } = new()
    {
        WeightsThreshold = 2.58,
        Alpha = 0.01,
        PThresholdTrend = 1,
        NoPeriods = 10,
        PastWeeksNotIncluded = 26,
        ThresholdMethod = FarringtonThresholdMethod.NbPlugin,
    };

    /// <summary>
    /// QualityWatch default detector (CLI <c>--preset qualitywatch</c>): the seasonal GLM of <see cref="SeasonalGlm"/> with
    /// the tuned <see cref="SeasonalGlmOptions.Default"/> (tuning replicates 5–54 of the Noufaily benchmark, seed
    /// 20130401; evaluated on replicates 1–4 and 55–100; see docs/signals.md §5.3).
    /// </summary>
    public static FarringtonOptions QualityWatch { get; } = FromSeasonal(SeasonalGlmOptions.Default);

    /// <summary>
    /// The previous default detector: the Noufaily model that also tests the 2-week sum, α = 0.0055 (tuned on
    /// replicates 5–34 of the Noufaily benchmark).
    /// </summary>
    public static FarringtonOptions NoufailyWithSums { get; } = Noufaily with { AggregateWeeks = 2, Alpha = 0.0055 };

    /// <summary>Options that select the seasonal GLM with the settings of <paramref name="seasonal"/>.</summary>
    public static FarringtonOptions FromSeasonal(SeasonalGlmOptions seasonal)
    {
        ArgumentNullException.ThrowIfNull(seasonal);
        return new()
        {
            B = seasonal.Years,
            PastWeeksNotIncluded = seasonal.PastStepsNotIncluded,
            Alpha = seasonal.Alpha,
            AggregateWeeks = seasonal.AggregateSteps,
            Reweight = seasonal.Reweight,
            WeightsThreshold = seasonal.WeightsThreshold,
            Trend = seasonal.Trend,
            PThresholdTrend = seasonal.PThresholdTrend,
            Limit54Cases = seasonal.Limit54Cases,
            Limit54Weeks = seasonal.Limit54Weeks,
            ThresholdMethod = FarringtonThresholdMethod.NbPlugin,
            Seasonal = seasonal,
        };
    }

    /// <summary>The seasonal GLM options with the shared settings taken from these options (null without a seasonal model).</summary>
    public SeasonalGlmOptions? EffectiveSeasonal => Seasonal is null ? null : Seasonal with
    {
        Years = B,
        PastStepsNotIncluded = EffectivePastWeeksNotIncluded,
        Alpha = Alpha,
        AggregateSteps = AggregateWeeks,
        Reweight = Reweight,
        WeightsThreshold = WeightsThreshold,
        Trend = Trend,
        PThresholdTrend = PThresholdTrend,
        Limit54Cases = Limit54Cases,
        Limit54Weeks = Limit54Weeks,
    };

    /// <summary>
    /// Looks up a preset by name (<c>farrington1996</c>, <c>noufaily</c>, <c>qualitywatch</c>, <c>noufaily-sums</c>,
    /// <c>default</c>).
    /// </summary>
    public static FarringtonOptions Preset(string name) => name.ToLowerInvariant() switch
    {
        "farrington1996" or "farrington" => Farrington1996,
        "noufaily" or "noufaily2013" => Noufaily,
        "default" or "r-default" => PackageDefaults,
        "qualitywatch" => QualityWatch,
        "noufaily-sums" => NoufailyWithSums,
        _ => throw new ArgumentException($"unknown Farrington preset '{name}' (farrington1996, noufaily, qualitywatch, noufaily-sums)", nameof(name)),
    };

    /// <summary>The effective number of excluded recent steps.</summary>
    public int EffectivePastWeeksNotIncluded => PastWeeksNotIncluded ?? W;

    internal void Check()
    {
        if (B < 1 || W < 0)
        {
            throw new ArgumentException("b must be >= 1 and w >= 0");
        }

        if (!(Alpha > 0 && Alpha < 1))
        {
            throw new ArgumentException("alpha must be in (0, 1)");
        }

        if (NoPeriods < 1)
        {
            throw new ArgumentException("noPeriods must be >= 1");
        }

        if (Limit54Cases < 0 || Limit54Weeks <= 0)
        {
            throw new ArgumentException("The limit54 arguments are out of bounds: cases >= 0 and period > 0.");
        }

        if (AggregateWeeks < 1 || (RCompat && AggregateWeeks != 1))
        {
            throw new ArgumentException("aggregateWeeks must be >= 1, and 1 in rCompat mode");
        }

        if (EffectivePastWeeksNotIncluded < 0)
        {
            throw new ArgumentException("pastWeeksNotIncluded must be >= 0");
        }

        if (Seasonal is not null && (RCompat || PopulationOffset))
        {
            throw new ArgumentException("the qualitywatch seasonal GLM has no R counterpart and no population offset: rCompat and populationOffset are not available (use the noufaily preset)");
        }
    }
}
