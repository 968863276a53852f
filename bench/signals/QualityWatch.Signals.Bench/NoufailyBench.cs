using System.Globalization;
using System.IO.Compression;
using System.Text;
using QualityWatch.Signals;

/// <summary>The 42-scenario Noufaily benchmark of shared/data/signals-bench (weeks 576–624 evaluated).</summary>
internal static class NoufailyBench
{
    internal const int Weeks = 624;
    internal const int First = 576;

    public static int[] Reps(string spec)
    {
        var p = spec.Split('-');
        var a = int.Parse(p[0], CultureInfo.InvariantCulture);
        var b = p.Length > 1 ? int.Parse(p[1], CultureInfo.InvariantCulture) : a;
        return Enumerable.Range(a, b - a + 1).ToArray();
    }

    internal sealed record Series(int Scenario, int Rep, double[] Past, double[] Full, double[] Mu);

    internal sealed record Outbreak(int Start, int End);

    internal static List<Series> Load(string dir, int[] reps)
    {
        var keep = reps.ToHashSet();
        var map = new Dictionary<(int, int), Series>();
        using var gz = new GZipStream(File.OpenRead(Path.Combine(dir, "series.csv.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        reader.ReadLine();
        string? line;
        var ci = CultureInfo.InvariantCulture;
        while ((line = reader.ReadLine()) is not null)
        {
            var f = line.Split(',');
            var rep = int.Parse(f[1], ci);
            if (!keep.Contains(rep))
            {
                continue;
            }

            var sc = int.Parse(f[0], ci);
            if (!map.TryGetValue((sc, rep), out var s))
            {
                s = new Series(sc, rep, new double[Weeks], new double[Weeks], new double[Weeks]);
                map[(sc, rep)] = s;
            }

            var t = int.Parse(f[2], ci) - 1;
            s.Past[t] = double.Parse(f[5], ci);
            s.Full[t] = double.Parse(f[6], ci);
            s.Mu[t] = double.Parse(f[3], ci);
        }

        return map.Values.OrderBy(s => s.Scenario).ThenBy(s => s.Rep).ToList();
    }

    internal static Dictionary<(int, int), Outbreak> Current(string dir)
    {
        var ci = CultureInfo.InvariantCulture;
        return File.ReadLines(Path.Combine(dir, "outbreaks.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[2].Trim('"') == "current")
            .ToDictionary(f => (int.Parse(f[0], ci), int.Parse(f[1], ci)), f => new Outbreak(int.Parse(f[3], ci), int.Parse(f[4], ci)));
    }

    private static readonly (string Name, Func<ISeriesDetector> Make)[] Methods =
    [
        ("farrington1996", () => new FarringtonFlexible(FarringtonOptions.Farrington1996 with { RCompat = true }, 52)),
        ("noufaily2013", () => new FarringtonFlexible(FarringtonOptions.Noufaily with { RCompat = true }, 52)),
        ("earsC1", () => new Ears(new EarsOptions { Method = EarsMethod.C1, Alpha = 0.01, RCompat = true })),
        ("earsC2", () => new Ears(new EarsOptions { Method = EarsMethod.C2, Alpha = 0.01, RCompat = true })),
        ("earsC3", () => new Ears(new EarsOptions { Method = EarsMethod.C3, Alpha = 0.01, RCompat = true })),
        ("qw_farrington1996_corrected", () => new FarringtonFlexible(FarringtonOptions.Farrington1996, 52)),
        ("qw_earsC3_cdc", () => new Ears(new EarsOptions { Method = EarsMethod.C3, Alpha = 0.01 })),
        ("qw_default", () => new FarringtonFlexible(FarringtonOptions.QualityWatch, 52)),
        ("qw_noufaily_sums", () => new FarringtonFlexible(FarringtonOptions.NoufailyWithSums, 52)),
    ];

    public static int Write(string dir, string output, int[] reps)
    {
        var data = Load(dir, reps);
        var rows = new string[data.Count][];
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, data.Count, i =>
        {
            var s = data[i];
            var sb = new List<string>();
            foreach (var (name, make) in Methods)
            {
                var det = make();
                foreach (var (variant, y) in new[] { ("past", s.Past), ("full", s.Full) })
                {
                    var res = new SignalPoint[Weeks - First + 1];
                    det.Detect(y, default, First - 1, Weeks - 1, res);
                    for (var j = 0; j < res.Length; j++)
                    {
                        var ub = double.IsNaN(res[j].Threshold) ? "NA" : res[j].Threshold.ToString("R", CultureInfo.InvariantCulture);
                        sb.Add(string.Create(CultureInfo.InvariantCulture, $"{s.Scenario},{s.Rep},\"{name}\",\"{variant}\",{First + j},{ub},{(res[j].Alarm ? "TRUE" : "FALSE")}"));
                    }
                }
            }

            rows[i] = sb.ToArray();
        });
        var secs = sw.Elapsed.TotalSeconds;
        using (var gz = new GZipStream(File.Create(output), CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz, new UTF8Encoding(false)))
        {
            w.Write("\"scenario\",\"rep\",\"method\",\"variant\",\"t\",\"upperbound\",\"alarm\"\n");
            foreach (var r in rows)
            {
                foreach (var l in r)
                {
                    w.Write(l);
                    w.Write('\n');
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{data.Count} series x {Methods.Length} methods x 2 variants x {Weeks - First + 1} weeks in {secs:F1} s (all methods, 2 threads)"));
        return 0;
    }

    /// <summary>Grid search of the default detector: max POD subject to FPR ≤ 0.9 % (a margin below the 1 % goal).</summary>
    /// <summary>Grid search; <paramref name="grid"/> holds key=v1,v2 items for agg, limit, alpha, b, pwni, noPeriods.</summary>
    public static int Tune(string dir, int[] reps, string[] grid)
    {
        var ci = CultureInfo.InvariantCulture;
        var g = grid.Select(x => x.Split('=')).ToDictionary(x => x[0], x => x[1].Split(',').Select(v => double.Parse(v, ci)).ToArray());
        double[] L(string key, params double[] fallback) => g.TryGetValue(key, out var v) ? v : fallback;
        var data = Load(dir, reps);
        var ob = Current(dir);
        Console.WriteLine("alpha,aggregate,limit54cases,b,pwni,noPeriods,FPR,POD,POD1w");
        foreach (var b in L("b", 5))
        {
            foreach (var pwni in L("pwni", 26))
            {
                foreach (var np in L("noPeriods", 10))
                {
                    foreach (var agg in L("agg", 1, 2, 3))
                    {
                        foreach (var limit in L("limit", 5))
                        {
                            foreach (var alpha in L("alpha", 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01))
                            {
                                var o = FarringtonOptions.Noufaily with
                                {
                                    AggregateWeeks = (int)agg,
                                    Alpha = alpha,
                                    Limit54Cases = (int)limit,
                                    B = (int)b,
                                    PastWeeksNotIncluded = (int)pwni,
                                    NoPeriods = (int)np,
                                    ThresholdMethod = L("muan", 0)[0] > 0 ? FarringtonThresholdMethod.Muan : FarringtonThresholdMethod.NbPlugin,
                                };
                                var (fpr, pod, pod1) = Score(data, ob, () => new FarringtonFlexible(o, 52));
                                Console.WriteLine(string.Create(ci, $"{alpha},{agg},{limit},{b},{pwni},{np},{fpr:F4},{pod:F3},{pod1:F3}"));
                            }
                        }
                    }
                }
            }
        }

        return 0;
    }

    internal static (double Fpr, double Pod, double Pod1) Score(List<Series> data, Dictionary<(int, int), Outbreak> ob, Func<ISeriesDetector> make)
    {
        var by = ScoreByScenario(data, ob, make);
        return (by.Average(x => x.Fpr), by.Average(x => x.Pod), by.Average(x => x.Pod1));
    }

    internal static List<(int Scenario, double Fpr, double Pod, double Pod1)> ScoreByScenario(List<Series> data, Dictionary<(int, int), Outbreak> ob, Func<ISeriesDetector> make)
    {
        var per = new (int Sc, double Fa, double Fw, double Det, double D1)[data.Count];
        Parallel.For(0, data.Count, () => make(), (i, _, det) =>
        {
            var s = data[i];
            var a = new SignalPoint[Weeks - First + 1];
            det.Detect(s.Past, default, First - 1, Weeks - 1, a);

            // detectors are stateless per point: only the outbreak weeks of the full series matter for POD
            var o = ob[(s.Scenario, s.Rep)];
            var b = new SignalPoint[o.End - o.Start + 1];
            det.Detect(s.Full, default, o.Start - 1, o.End - 1, b);
            per[i] = (s.Scenario, a.Count(p => p.Alarm), a.Length, b.Any(p => p.Alarm) ? 1 : 0, b[0].Alarm ? 1 : 0);
            return det;
        }, _ => { });
        return per.GroupBy(p => p.Sc).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Sum(x => x.Fa) / g.Sum(x => x.Fw), g.Average(x => x.Det), g.Average(x => x.D1))).ToList();
    }
}
