namespace QualityWatch.Signals.Tests;

public class ValidationTests
{
    private static DateOnly[] Weeks(int n) => Enumerable.Range(0, n).Select(i => new DateOnly(2024, 1, 1).AddDays(7 * i)).ToArray();

    [Theory]
    [InlineData(-1.0, "negative")]
    [InlineData(2.5, "not an integer")]
    [InlineData(double.NaN, "not a finite number")]
    public void BadCountNamesSeriesAndDate(double bad, string problem)
    {
        var y = new double[] { 1, 2, bad, 4 };
        var ex = Assert.Throws<SignalInputException>(() => SeriesValidation.Validate("masks/GD", Weeks(4), y, default));
        Assert.Equal("masks/GD", ex.Series);
        Assert.Equal(new DateOnly(2024, 1, 15), ex.Date);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Contains("2024-01-15", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateUnsortedAndIrregularDatesAreRejected()
    {
        var y = new double[] { 1, 2, 3 };
        var d = Weeks(3);
        Assert.Contains("duplicate", Assert.Throws<SignalInputException>(() =>
            SeriesValidation.Validate("s", new[] { d[0], d[1], d[1] }, y, default)).Message, StringComparison.Ordinal);
        Assert.Contains("not sorted", Assert.Throws<SignalInputException>(() =>
            SeriesValidation.Validate("s", new[] { d[0], d[2], d[1] }, y, default)).Message, StringComparison.Ordinal);
        var irregular = Assert.Throws<SignalInputException>(() =>
            SeriesValidation.Validate("s", new[] { d[0], d[1], d[1].AddDays(8) }, y, default));
        Assert.Equal(d[1].AddDays(8), irregular.Date);
    }

    [Fact]
    public void FrequencyIsInferred()
    {
        var y = new double[] { 1, 2, 3 };
        Assert.Equal(SeriesFrequency.Weekly, SeriesValidation.Validate("s", Weeks(3), y, default));
        var months = new[] { new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1) };
        Assert.Equal(SeriesFrequency.Monthly, SeriesValidation.Validate("s", months, y, default));
        var days = new[] { new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 3) };
        Assert.Equal(SeriesFrequency.Daily, SeriesValidation.Validate("s", days, y, default));
        Assert.Throws<SignalInputException>(() => SeriesValidation.Validate("s", days, y, default, SeriesFrequency.Weekly));
    }
}
