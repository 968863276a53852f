using System.ComponentModel.DataAnnotations;

namespace QualityWatch.Core.Risk;

/// <summary>How one source's series are scanned.</summary>
public sealed class SourceScanOptions
{
    /// <summary>noufaily (weekly Farrington-flexible, Noufaily 2013 settings), farrington1996, ears-c1/c2/c3 (daily).</summary>
    [Required]
    public string Method { get; set; } = "noufaily";

    /// <summary>weekly or daily.</summary>
    [Required]
    public string Frequency { get; set; } = "weekly";
}

/// <summary>
/// Settings of the risk-monitoring module (section "Risk"); defaults are documented in docs/risk.md and are
/// what `qw serve` uses when the section is absent.
/// </summary>
public sealed class RiskOptions : IValidatableObject
{
    public const string Section = "Risk";

    /// <summary>Method per source type (complaint, inspection, case, opinion).</summary>
    public Dictionary<string, SourceScanOptions> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["complaint"] = new() { Method = "noufaily", Frequency = "weekly" },
        ["inspection"] = new() { Method = "noufaily", Frequency = "weekly" },
        ["case"] = new() { Method = "noufaily", Frequency = "weekly" },
        ["opinion"] = new() { Method = "ears-c2", Frequency = "daily" },
    };

    /// <summary>Years of history the weekly model uses at most (Farrington's b); fewer are used while the data is younger.</summary>
    [Range(1, 10)]
    public int HistoryYears { get; set; } = 3;

    /// <summary>
    /// A series with no count at all in its baseline gives Farrington nothing to fit; this many records in one week
    /// (or day) of a previously silent series raise an "emergence" signal instead.
    /// </summary>
    [Range(1, 1000)]
    public int EmergenceMinimum { get; set; } = 4;

    /// <summary>Multi-source convergence: look-back window in days.</summary>
    [Range(1, 365)]
    public int ConvergenceWindowDays { get; set; } = 28;

    /// <summary>Multi-source convergence: distinct source types that must name the enterprise.</summary>
    [Range(2, 4)]
    public int ConvergenceMinimumSources { get; set; } = 2;

    /// <summary>Multi-source convergence: records that must name the enterprise within the window.</summary>
    [Range(2, 1000)]
    public int ConvergenceMinimumRecords { get; set; } = 3;

    /// <summary>Cron expression (Quartz) of the scheduled scan; default Mondays 02:00 Beijing time.</summary>
    [Required]
    public string ScanSchedule { get; set; } = "0 0 2 ? * MON";

    /// <summary>When false the scheduler does not run scans (tests, read-only replicas); `qw risk scan` still works.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>Working days allowed for assessment (研判), per level 红, 橙, 黄, 蓝.</summary>
    public int[] AssessWorkingDays { get; set; } = [1, 2, 3, 5];

    /// <summary>Working days allowed for disposal tasks, per level 红, 橙, 黄, 蓝.</summary>
    public int[] DisposeWorkingDays { get; set; } = [5, 10, 15, 20];

    /// <summary>Public holidays (法定节假日) from the State Council's annual notice: not working days for deadlines.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Weekend days the same notice makes working days (调休上班).</summary>
    public List<DateOnly> WorkingWeekendDays { get; set; } = [];

    /// <summary>The deadline calendar built from <see cref="Holidays"/> and <see cref="WorkingWeekendDays"/>.</summary>
    public Warnings.WorkingCalendar Calendar => _calendar ??= new(Holidays, WorkingWeekendDays);

    private Warnings.WorkingCalendar? _calendar;

    /// <summary>Public-opinion feeds pulled on <see cref="FeedSchedule"/>.</summary>
    public List<Sources.Feeds.FeedOptions> Feeds { get; set; } = [];

    /// <summary>Cron expression (Quartz) of the feed pull; default every 15 minutes.</summary>
    [Required]
    public string FeedSchedule { get; set; } = "0 0/15 * * * ?";

    /// <summary>Webhook URLs that receive issued and closed warnings (JSON POST); empty for none.</summary>
    public List<string> Webhooks { get; set; } = [];

    /// <summary>Delivery attempts before a webhook message is marked failed; waits double from 30 s.</summary>
    [Range(1, 20)]
    public int WebhookAttempts { get; set; } = 6;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (source, o) in Sources)
        {
            if (source is not ("complaint" or "inspection" or "case" or "opinion"))
                yield return new ValidationResult($"Risk:Sources:{source}: unknown source (complaint, inspection, case, opinion)");
            if (o.Method is not ("noufaily" or "farrington1996" or "ears-c1" or "ears-c2" or "ears-c3"))
                yield return new ValidationResult($"Risk:Sources:{source}:Method '{o.Method}' is not one of noufaily, farrington1996, ears-c1, ears-c2, ears-c3");
            if (o.Frequency is not ("weekly" or "daily"))
                yield return new ValidationResult($"Risk:Sources:{source}:Frequency '{o.Frequency}' is not weekly or daily");
            if (o.Method.StartsWith("ears", StringComparison.Ordinal) != (o.Frequency == "daily"))
                yield return new ValidationResult($"Risk:Sources:{source}: EARS methods run on daily series, Farrington methods on weekly series");
        }
        if (AssessWorkingDays.Length != 4 || AssessWorkingDays.Any(d => d < 1))
            yield return new ValidationResult("Risk:AssessWorkingDays needs four positive values (红, 橙, 黄, 蓝)");
        if (DisposeWorkingDays.Length != 4 || DisposeWorkingDays.Any(d => d < 1))
            yield return new ValidationResult("Risk:DisposeWorkingDays needs four positive values (红, 橙, 黄, 蓝)");
        foreach (var day in WorkingWeekendDays.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
            yield return new ValidationResult($"Risk:WorkingWeekendDays: {day:yyyy-MM-dd} is not a Saturday or Sunday");
        foreach (var feed in Feeds)
        {
            if (string.IsNullOrWhiteSpace(feed.Name))
                yield return new ValidationResult("Risk:Feeds: every feed needs a Name");
            if (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                yield return new ValidationResult($"Risk:Feeds:{feed.Name}: '{feed.Url}' is not an http(s) URL");
            if (feed.Format is not ("rss" or "atom" or "jsonl"))
                yield return new ValidationResult($"Risk:Feeds:{feed.Name}: format '{feed.Format}' is not rss, atom or jsonl");
        }
        foreach (var url in Webhooks)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                yield return new ValidationResult($"Risk:Webhooks: '{url}' is not an http(s) URL");
        }
    }
}
