using System.Globalization;
using System.Text;

namespace QualityWatch.Signals.Tests;

/// <summary>Runs a detector over the golden rows of one file and reports every mismatch.</summary>
internal static class GoldenComparer
{
    /// <param name="file">Golden file name.</param>
    /// <param name="detectorFor">Builds the detector for a series; the range start (0-based) is passed for range-dependent methods.</param>
    /// <param name="compareExpected">Whether R reports an expected value for this method.</param>
    public static void Check(string file, Func<GoldenSeries, int, ISeriesDetector> detectorFor, bool compareExpected)
    {
        var rows = GoldenData.Rows(file);
        Assert.NotEmpty(rows);
        var failures = new StringBuilder();
        var nFail = 0;
        var compared = 0;
        foreach (var group in rows.GroupBy(r => r.Series))
        {
            var s = GoldenData.Series[group.Key];
            var list = group.ToList();
            var from = list[0].T - 1;
            var to = list[^1].T - 1;
            Assert.Equal(to - from + 1, list.Count);
            var det = detectorFor(s, from);
            var res = new SignalPoint[list.Count];
            det.Detect(s.Y, s.Population, from, to, res);
            for (var i = 0; i < list.Count; i++)
            {
                var g = list[i];
                var r = res[i];
                compared++;
                var ok = GoldenData.Close(g.UpperBound, r.Threshold) && g.Alarm == r.Alarm
                    && (!compareExpected || GoldenData.Close(g.Expected, r.Expected));
                if (!ok)
                {
                    nFail++;
                    if (nFail <= 15)
                    {
                        failures.AppendLine(string.Create(CultureInfo.InvariantCulture,
                            $"{g.Series} t={g.T}: R ub={g.UpperBound:R} exp={g.Expected:R} alarm={g.Alarm}; ours ub={r.Threshold:R} exp={r.Expected:R} alarm={r.Alarm} note={r.Note}"));
                    }
                }
            }
        }

        Assert.True(nFail == 0, $"{file}: {nFail} of {compared} points differ\n{failures}");
    }
}
