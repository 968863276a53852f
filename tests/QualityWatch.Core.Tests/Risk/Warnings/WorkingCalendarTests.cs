using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Warnings;

namespace QualityWatch.Core.Tests.Risk.Warnings;

public sealed class WorkingCalendarTests
{
    private static DateTimeOffset Beijing(int y, int m, int d, int h = 10) => new(y, m, d, h, 0, 0, SourceRecord.ChinaOffset);

    [Fact]
    public void Weekends_are_skipped_and_the_time_of_day_is_kept()
    {
        // Friday 10:00 + 1 working day = Monday 10:00.
        Assert.Equal(Beijing(2026, 12, 7), WorkingCalendar.WeekdaysOnly.AddWorkingDays(Beijing(2026, 12, 4), 1));
        Assert.Equal(Beijing(2026, 12, 11), WorkingCalendar.WeekdaysOnly.AddWorkingDays(Beijing(2026, 12, 4), 5));
    }

    [Fact]
    public void Holidays_are_skipped_and_working_weekend_days_count()
    {
        // A made-up three-day holiday Wed–Fri with the Sunday before the next week worked (调休).
        var cal = new WorkingCalendar(
            [new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 11)],
            [new DateOnly(2026, 12, 13)]);
        Assert.False(cal.IsWorkingDay(new DateOnly(2026, 12, 10)));
        Assert.True(cal.IsWorkingDay(new DateOnly(2026, 12, 13)));
        Assert.False(cal.IsWorkingDay(new DateOnly(2026, 12, 12)));
        // Tuesday + 1 → Sunday the 13th (worked), + 2 → Monday the 14th.
        Assert.Equal(Beijing(2026, 12, 13), cal.AddWorkingDays(Beijing(2026, 12, 8), 1));
        Assert.Equal(Beijing(2026, 12, 14), cal.AddWorkingDays(Beijing(2026, 12, 8), 2));
    }

    [Fact]
    public void Days_are_counted_in_Beijing_time_not_UTC()
    {
        // Friday 23:00 UTC is already Saturday 07:00 in Beijing: the next working day is Monday, Beijing time.
        var fridayUtcLate = new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero);
        var due = WorkingCalendar.WeekdaysOnly.AddWorkingDays(fridayUtcLate, 1);
        Assert.Equal(new DateOnly(2026, 12, 7), SourceRecord.ChinaDate(due));
    }
}
