using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Risk.Warnings;

/// <summary>
/// Working days in Beijing time: Monday–Friday, minus the configured public holidays, plus the weekend days that
/// the State Council's annual notice makes working days (调休). The calendar is configuration, not code, because
/// the notice is published each year and a deployment must be able to load it without a release.
/// </summary>
public sealed class WorkingCalendar(IEnumerable<DateOnly>? holidays = null, IEnumerable<DateOnly>? workingWeekendDays = null)
{
    private readonly HashSet<DateOnly> _holidays = [.. holidays ?? []];
    private readonly HashSet<DateOnly> _workingWeekends = [.. workingWeekendDays ?? []];

    public static WorkingCalendar WeekdaysOnly { get; } = new();

    public bool IsWorkingDay(DateOnly day) =>
        _workingWeekends.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));

    /// <summary>The same time of day <paramref name="days"/> working days later.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        var d = from;
        while (days > 0)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(DateOnly.FromDateTime(d.ToOffset(SourceRecord.ChinaOffset).DateTime)))
                days--;
        }
        return d;
    }
}
