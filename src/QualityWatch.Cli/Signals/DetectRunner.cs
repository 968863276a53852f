using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using QualityWatch.Signals;

namespace QualityWatch.Cli.Signals;

/// <summary>One validated, date-sorted series.</summary>
internal sealed record SeriesData(string Name, DateOnly[] Dates, double[] Observed, double[] Population, SeriesFrequency Frequency);

/// <summary>What <c>qw signals detect</c> runs.</summary>
internal sealed record DetectSettings(
    Func<SeriesFrequency, ISeriesDetector> DetectorFactory,
    SeriesFrequency? Frequency,
    DateOnly? From,
    DateOnly? To,
    bool NeedsPopulation);

/// <summary>Summary of a run.</summary>
internal sealed record DetectSummary(long Series, long Rows, long Alarms, bool Spilled);

/// <summary>
/// Streams series from the input CSV to the output CSV. Input grouped by series (rows of a series contiguous, dates in
/// any order) is processed in one pass holding a few thousand series at a time. If a series reappears later, the run
/// restarts and first partitions the rows by a hash of the series name into temporary files (spill), then processes
/// one partition at a time; output is then grouped by partition.
/// </summary>
internal static class DetectRunner
{
    private const int BatchSize = 2048;
    private const long SpillPartitionBytes = 64L << 20;

    public static DetectSummary Run(string input, string output, DetectSettings settings)
    {
        var tmp = output + ".partial";
        try
        {
            DetectSummary summary;
            try
            {
                using var reader = new SeriesCsvReader(input, checkGrouping: true);
                summary = Process(Read(reader, settings), tmp, settings, spilled: false);
            }
            catch (InputNotGroupedException)
            {
                summary = RunSpilled(input, tmp, settings);
            }
            catch (SignalInputException) when (!IsGrouped(input))
            {
                // the "bad" series was only a fragment of a series that reappears later
                summary = RunSpilled(input, tmp, settings);
            }

            File.Move(tmp, output, overwrite: true);
            return summary;
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }

    private static bool IsGrouped(string input)
    {
        try
        {
            using var reader = new SeriesCsvReader(input, checkGrouping: true);
            var rows = new SeriesRows();
            while (reader.TryReadSeries(rows))
            {
            }

            return true;
        }
        catch (InputNotGroupedException)
        {
            return false;
        }
    }

    private static DetectSummary RunSpilled(string input, string tmp, DetectSettings settings)
    {
        var dir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(tmp))!, ".qw-spill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var parts = (int)Math.Clamp((new FileInfo(input).Length + SpillPartitionBytes - 1) / SpillPartitionBytes, 1, 256);
            var writers = new StreamWriter[parts];
            bool hasPop;
            using (var reader = new SeriesCsvReader(input, checkGrouping: false))
            {
                hasPop = reader.HasPopulation;
                for (var i = 0; i < parts; i++)
                {
                    writers[i] = new StreamWriter(Path.Combine(dir, $"{i}.csv"), false, new UTF8Encoding(false), 1 << 16);
                    writers[i].Write(hasPop ? "series,date,observed,population\n" : "series,date,observed\n");
                }

                var rows = new SeriesRows();
                while (reader.TryReadSeries(rows))
                {
                    var w = writers[(int)(SeriesCsvReader.Hash(rows.Name) % (ulong)parts)];
                    var name = SeriesCsvReader.Quote(rows.Name);
                    for (var i = 0; i < rows.Dates.Count; i++)
                    {
                        w.Write(name);
                        w.Write(',');
                        w.Write(rows.Dates[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        w.Write(',');
                        w.Write(Format(rows.Observed[i]));
                        if (hasPop)
                        {
                            w.Write(',');
                            w.Write(Format(rows.Population[i]));
                        }

                        w.Write('\n');
                    }
                }
            }

            foreach (var w in writers)
            {
                w.Dispose();
            }

            IEnumerable<SeriesData> AllParts()
            {
                for (var i = 0; i < parts; i++)
                {
                    var merged = new Dictionary<string, SeriesRows>(StringComparer.Ordinal);
                    var order = new List<string>();
                    using (var r = new SeriesCsvReader(Path.Combine(dir, $"{i}.csv"), checkGrouping: false))
                    {
                        var rows = new SeriesRows();
                        while (r.TryReadSeries(rows))
                        {
                            if (!merged.TryGetValue(rows.Name, out var acc))
                            {
                                acc = new SeriesRows { Name = rows.Name };
                                merged[rows.Name] = acc;
                                order.Add(rows.Name);
                            }

                            acc.Dates.AddRange(rows.Dates);
                            acc.Observed.AddRange(rows.Observed);
                            acc.Population.AddRange(rows.Population);
                            acc.Lines.AddRange(rows.Lines);
                        }
                    }

                    foreach (var name in order)
                    {
                        yield return ToSeries(merged[name], settings, hasPop);
                    }
                }
            }

            return Process(AllParts(), tmp, settings, spilled: true);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IEnumerable<SeriesData> Read(SeriesCsvReader reader, DetectSettings settings)
    {
        var rows = new SeriesRows();
        while (reader.TryReadSeries(rows))
        {
            yield return ToSeries(rows, settings, reader.HasPopulation);
        }
    }

    private static SeriesData ToSeries(SeriesRows rows, DetectSettings settings, bool hasPop)
    {
        var n = rows.Dates.Count;
        var dates = rows.Dates.ToArray();
        var y = rows.Observed.ToArray();
        var pop = hasPop ? rows.Population.ToArray() : [];
        var sorted = true;
        for (var i = 1; i < n && sorted; i++)
        {
            sorted = dates[i] > dates[i - 1];
        }

        if (!sorted)
        {
            var idx = Enumerable.Range(0, n).ToArray();
            Array.Sort((DateOnly[])dates.Clone(), idx);
            dates = idx.Select(i => rows.Dates[i]).ToArray();
            y = idx.Select(i => rows.Observed[i]).ToArray();
            if (hasPop)
            {
                pop = idx.Select(i => rows.Population[i]).ToArray();
            }
        }

        if (settings.NeedsPopulation && !hasPop)
        {
            throw new SignalInputException(rows.Name, null, "the population offset needs a population column");
        }

        var freq = SeriesValidation.Validate(rows.Name, dates, y, settings.NeedsPopulation ? pop : [], settings.Frequency);
        return new SeriesData(rows.Name, dates, y, pop, freq);
    }

    private static DetectSummary Process(IEnumerable<SeriesData> source, string output, DetectSettings settings, bool spilled)
    {
        using var queue = new BlockingCollection<List<SeriesData>>(boundedCapacity: 2);
        Exception? readError = null;
        var producer = new Thread(() =>
        {
            try
            {
                var batch = new List<SeriesData>(BatchSize);
                foreach (var s in source)
                {
                    batch.Add(s);
                    if (batch.Count == BatchSize)
                    {
                        queue.Add(batch);
                        batch = new List<SeriesData>(BatchSize);
                    }
                }

                if (batch.Count > 0)
                {
                    queue.Add(batch);
                }
            }
            catch (Exception e)
            {
                readError = e;
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "qw-signals-reader" };
        producer.Start();

        var detectors = new ThreadLocal<Dictionary<SeriesFrequency, ISeriesDetector>>(() => new());
        long nSeries = 0, nRows = 0, nAlarms = 0;
        using (var writer = new StreamWriter(output, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("series,date,observed,expected,threshold,alarm,note\n");
            foreach (var batch in queue.GetConsumingEnumerable())
            {
                var results = new (int From, SignalPoint[] Points)[batch.Count];
                Parallel.For(0, batch.Count, i =>
                {
                    var s = batch[i];
                    var cache = detectors.Value!;
                    if (!cache.TryGetValue(s.Frequency, out var det))
                    {
                        det = settings.DetectorFactory(s.Frequency);
                        cache[s.Frequency] = det;
                    }

                    var (from, to) = Range(s, det, settings);
                    var pts = new SignalPoint[Math.Max(0, to - from + 1)];
                    if (pts.Length > 0)
                    {
                        det.Detect(s.Observed, s.Population, from, to, pts);
                    }

                    results[i] = (from, pts);
                });

                for (var i = 0; i < batch.Count; i++)
                {
                    var s = batch[i];
                    var name = SeriesCsvReader.Quote(s.Name);
                    var (from, pts) = results[i];
                    for (var j = 0; j < pts.Length; j++)
                    {
                        WriteRow(writer, name, s.Dates[from + j], pts[j]);
                        nAlarms += pts[j].Alarm ? 1 : 0;
                    }

                    nRows += pts.Length;
                }

                nSeries += batch.Count;
            }
        }

        producer.Join();
        if (readError is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(readError).Throw();
        }

        return new DetectSummary(nSeries, nRows, nAlarms, spilled);
    }

    private static (int From, int To) Range(SeriesData s, ISeriesDetector det, DetectSettings settings)
    {
        var n = s.Dates.Length;
        var from = settings.From is { } f ? LowerBound(s.Dates, f) : Math.Min(det.MinimumHistory, n - 1);
        var to = settings.To is { } t ? LowerBound(s.Dates, t.AddDays(1)) - 1 : n - 1;
        return (from, to);
    }

    private static int LowerBound(DateOnly[] dates, DateOnly value)
    {
        var i = Array.BinarySearch(dates, value);
        return i >= 0 ? i : ~i;
    }

    private static void WriteRow(StreamWriter w, string name, DateOnly date, in SignalPoint p)
    {
        Span<char> buf = stackalloc char[32];
        w.Write(name);
        w.Write(',');
        date.TryFormat(buf, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        w.Write(buf[..n]);
        w.Write(',');
        WriteNumber(w, p.Observed, buf);
        w.Write(',');
        WriteNumber(w, p.Expected, buf);
        w.Write(',');
        WriteNumber(w, p.Threshold, buf);
        w.Write(p.Alarm ? ",1," : ",0,");
        if (p.Note is not null)
        {
            w.Write(SeriesCsvReader.Quote(p.Note));
        }

        w.Write('\n');
    }

    private static void WriteNumber(StreamWriter w, double v, Span<char> buf)
    {
        if (double.IsNaN(v))
        {
            return;
        }

        v.TryFormat(buf, out var n, "R", CultureInfo.InvariantCulture);
        w.Write(buf[..n]);
    }

    internal static string Format(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);
}
