using System.Globalization;
using QualityWatch.Cli.Signals;

namespace QualityWatch.Signals.Tests;

/// <summary>The CSV streaming of <c>qw signals detect</c> (source files linked from src/QualityWatch.Cli/Signals).</summary>
public sealed class CliStreamingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qw-signals-tests-" + Guid.NewGuid().ToString("N"));

    public CliStreamingTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DetectSettings Noufaily = new(
        f => new FarringtonFlexible(FarringtonOptions.Noufaily with { RCompat = true }, SeriesValidation.StepsPerYear(f)), null, null, null, false);

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static List<string> GoldenRows(params string[] series)
    {
        var rows = new List<string>();
        foreach (var s in series)
        {
            var g = GoldenData.Series[s];
            for (var t = 0; t < g.Y.Length; t++)
            {
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"{s},{new DateOnly(2000, 1, 3).AddDays(7 * t):yyyy-MM-dd},{g.Y[t]}"));
            }
        }

        return rows;
    }

    [Fact]
    public void GroupedAndShuffledInputGiveTheSameRowsAsTheGoldenFile()
    {
        var rows = GoldenRows("sim_example", "salmNewport_Saarland", "campyDE");
        var grouped = Write("grouped.csv", rows.Prepend("series,date,observed"));
        var shuffled = Write("shuffled.csv", rows.OrderBy(r => r.GetHashCode(StringComparison.Ordinal)).Prepend("series,date,observed"));
        var outA = Path.Combine(_dir, "a.csv");
        var outB = Path.Combine(_dir, "b.csv");
        var a = DetectRunner.Run(grouped, outA, Noufaily);
        var b = DetectRunner.Run(shuffled, outB, Noufaily);
        Assert.False(a.Spilled);
        Assert.True(b.Spilled);
        Assert.Equal(3, a.Series);
        var linesA = File.ReadAllLines(outA);
        Assert.Equal("series,date,observed,expected,threshold,alarm,note", linesA[0]);
        Assert.Equal(linesA.Skip(1).Order(StringComparer.Ordinal), File.ReadAllLines(outB).Skip(1).Order(StringComparer.Ordinal));

        var golden = GoldenData.Rows("farringtonFlexible__noufaily.csv").Where(r => r.Series is "sim_example" or "salmNewport_Saarland" or "campyDE")
            .ToDictionary(r => (r.Series, new DateOnly(2000, 1, 3).AddDays(7 * (r.T - 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var compared = 0;
        foreach (var line in linesA.Skip(1))
        {
            var f = line.Split(',');
            if (!golden.TryGetValue((f[0], f[1]), out var g))
            {
                continue;
            }

            compared++;
            Assert.True(GoldenData.Close(g.UpperBound, GoldenData.Num(f[4])), line);
            Assert.Equal(g.Alarm ? "1" : "0", f[5]);
            Assert.Equal(double.IsNaN(g.UpperBound), f[6].Length > 0); // NA rows carry a note
        }

        Assert.True(compared > 300);
    }

    [Fact]
    public void NumbersRoundTripAndNaIsEmpty()
    {
        var path = Write("in.csv", GoldenRows("sim_example").Prepend("series,date,observed"));
        var output = Path.Combine(_dir, "out.csv");
        DetectRunner.Run(path, output, Noufaily);
        var any = false;
        foreach (var line in File.ReadLines(output).Skip(1))
        {
            var f = line.Split(',');
            if (f[3].Length > 0)
            {
                var v = double.Parse(f[3], CultureInfo.InvariantCulture);
                Assert.Equal(f[3], v.ToString("R", CultureInfo.InvariantCulture));
                any = true;
            }
            else
            {
                Assert.Equal("", f[4]);
                Assert.Equal("0", f[5]);
                Assert.NotEqual("", f[6]);
            }
        }

        Assert.True(any);
    }

    [Theory]
    [InlineData("b,2024-01-15,x", "series 'b', date 2024-01-15", "not a number")]
    [InlineData("b,2024-01-15,-3", "series 'b', date 2024-01-15", "negative")]
    [InlineData("b,2024-01-16,3", "series 'b', date 2024-01-16", "irregular step")]
    [InlineData("b,2024-01-08,3", "series 'b', date 2024-01-08", "duplicate date")]
    [InlineData("b,2024-13-01,3", "series 'b'", "invalid date")]
    public void BadInputNamesSeriesAndDateAndLeavesNoOutput(string badRow, string where, string problem)
    {
        var path = Write("bad.csv", ["series,date,observed", "a,2024-01-01,1", "a,2024-01-08,2", "b,2024-01-01,1", "b,2024-01-08,2", badRow]);
        var output = Path.Combine(_dir, "out.csv");
        var ex = Assert.Throws<SignalInputException>(() => DetectRunner.Run(path, output, Noufaily));
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
    }

    [Fact]
    public void FromAndToSelectTheEvaluatedDatesAndShortSeriesGetANote()
    {
        var rows = GoldenRows("sim_example").Prepend("series,date,observed").Append("short,2024-01-01,3").Append("short,2024-01-08,4");
        var path = Write("in.csv", rows);
        var output = Path.Combine(_dir, "out.csv");
        var settings = Noufaily with { From = new DateOnly(2009, 6, 1), To = new DateOnly(2009, 6, 30) };
        DetectRunner.Run(path, output, settings);
        var lines = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(5, lines.Count(f => f[0] == "sim_example")); // the Mondays 1, 8, 15, 22 and 29 June 2009
        Assert.All(lines.Where(f => f[0] == "sim_example"), f => Assert.InRange(f[1], "2009-06-01", "2009-06-30"));

        DetectRunner.Run(path, output, Noufaily);
        var shortRow = Assert.Single(File.ReadAllLines(output), l => l.StartsWith("short,", StringComparison.Ordinal));
        Assert.Equal("short,2024-01-08,4,,,0,insufficient history for this method", shortRow);
    }
}
