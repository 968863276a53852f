using System.Globalization;

namespace QualityWatch.Signals;

/// <summary>Sampling frequency of a series: steps per year as R's <c>sts@freq</c>.</summary>
public enum SeriesFrequency
{
    /// <summary>7-day steps, 52 steps per year.</summary>
    Weekly = 52,

    /// <summary>Calendar-month steps, 12 steps per year.</summary>
    Monthly = 12,

    /// <summary>1-day steps, 365 steps per year.</summary>
    Daily = 365,
}

/// <summary>Bad input for a series, naming the series and the date.</summary>
public sealed class SignalInputException : Exception
{
    public SignalInputException()
    {
    }

    public SignalInputException(string message)
        : base(message)
    {
    }

    public SignalInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SignalInputException(string series, DateOnly? date, string problem)
        : base(Format(series, date, problem))
    {
        Series = series;
        Date = date;
        Problem = problem;
    }

    /// <summary>The series identifier.</summary>
    public string? Series { get; }

    /// <summary>The offending date, when there is one.</summary>
    public DateOnly? Date { get; }

    /// <summary>What is wrong.</summary>
    public string? Problem { get; }

    private static string Format(string series, DateOnly? date, string problem) =>
        date is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"series '{series}', date {d:yyyy-MM-dd}: {problem}")
            : $"series '{series}': {problem}";
}

/// <summary>Checks counts and dates of a series before detection.</summary>
public static class SeriesValidation
{
    /// <summary>Steps per year ("one year back").</summary>
    public static int StepsPerYear(SeriesFrequency frequency) => (int)frequency;

    /// <summary>
    /// Validates a series: counts finite, non-negative integers; dates strictly increasing with a regular step.
    /// Returns the frequency (inferred from the first step unless <paramref name="frequency"/> is given).
    /// </summary>
    /// <exception cref="SignalInputException">On the first problem, naming series and date.</exception>
    public static SeriesFrequency Validate(string series, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> observed,
        ReadOnlySpan<double> population, SeriesFrequency? frequency = null)
    {
        if (dates.Length != observed.Length)
        {
            throw new SignalInputException(series, null, "dates and counts differ in length");
        }

        if (!population.IsEmpty && population.Length != observed.Length)
        {
            throw new SignalInputException(series, null, "population and counts differ in length");
        }

        for (var i = 0; i < observed.Length; i++)
        {
            var y = observed[i];
            if (double.IsNaN(y) || double.IsInfinity(y))
            {
                throw new SignalInputException(series, dates[i], "observed count is not a finite number");
            }

            if (y < 0)
            {
                throw new SignalInputException(series, dates[i], string.Create(CultureInfo.InvariantCulture, $"observed count {y} is negative"));
            }

            if (y != Math.Floor(y))
            {
                throw new SignalInputException(series, dates[i], string.Create(CultureInfo.InvariantCulture, $"observed count {y} is not an integer"));
            }

            if (!population.IsEmpty && (!double.IsFinite(population[i]) || population[i] <= 0))
            {
                throw new SignalInputException(series, dates[i], "population must be a positive finite number");
            }
        }

        for (var i = 1; i < dates.Length; i++)
        {
            if (dates[i] == dates[i - 1])
            {
                throw new SignalInputException(series, dates[i], "duplicate date");
            }

            if (dates[i] < dates[i - 1])
            {
                throw new SignalInputException(series, dates[i], "dates are not sorted");
            }
        }

        if (dates.Length < 2)
        {
            return frequency ?? SeriesFrequency.Weekly;
        }

        var freq = frequency ?? Infer(series, dates[0], dates[1]);
        for (var i = 1; i < dates.Length; i++)
        {
            if (Next(dates[i - 1], freq) != dates[i])
            {
                throw new SignalInputException(series, dates[i], string.Create(CultureInfo.InvariantCulture,
                    $"irregular step from {dates[i - 1]:yyyy-MM-dd} (expected {Next(dates[i - 1], freq):yyyy-MM-dd} for {freq.ToString().ToLowerInvariant()} data)"));
            }
        }

        return freq;
    }

    /// <summary>The date one step after <paramref name="date"/>.</summary>
    public static DateOnly Next(DateOnly date, SeriesFrequency frequency) => frequency switch
    {
        SeriesFrequency.Weekly => date.AddDays(7),
        SeriesFrequency.Daily => date.AddDays(1),
        _ => date.AddMonths(1),
    };

    private static SeriesFrequency Infer(string series, DateOnly a, DateOnly b)
    {
        var days = b.DayNumber - a.DayNumber;
        if (days == 7)
        {
            return SeriesFrequency.Weekly;
        }

        if (days == 1)
        {
            return SeriesFrequency.Daily;
        }

        if (a.AddMonths(1) == b)
        {
            return SeriesFrequency.Monthly;
        }

        throw new SignalInputException(series, b, string.Create(CultureInfo.InvariantCulture,
            $"cannot infer the frequency from a step of {days} days (expected 7 days, 1 day or 1 calendar month)"));
    }
}
