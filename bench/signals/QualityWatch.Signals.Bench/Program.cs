using System.Diagnostics;
using System.Globalization;
using System.Text;
using QualityWatch.Signals;

// Benchmarks of QualityWatch.Signals (see bench/signals/README.md and docs/signals.md).
//   speed <dir> [threads]                 same series as bench/signals/speed_r.R: timing and parity against R
//   million [nSeries] [weeks] [threads]   latest week of many generated series: wall time and peak RSS
//   noufaily <benchDir> <out.csv.gz> <reps>   alarms file for tools/r-peer/04_noufaily_benchmark.R score
//   tune <benchDir> <reps> [key=v1,v2 ...]    grid search of the Noufaily model with sums (previous default) on tuning replicates
//   tune-glm <benchDir> <reps> [key=v1,v2 ...]   grid search of the seasonal GLM (qualitywatch preset) on tuning replicates
//   oracle <benchDir> <reps> [a1=.. a2=.. a3=.. supp=1 cur=..]   the same tests with the true mean and dispersion
//   glm-speed <nSeries> <weeks> [preset]  single-thread CPU time per series, latest week
var ci = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentCulture = ci;
CultureInfo.CurrentCulture = ci;
return args.Length == 0 ? Usage() : args[0] switch
{
    "speed" => Speed.Run(args[1], args.Length > 2 ? int.Parse(args[2], ci) : 2),
    "million" => Million.Run(args.Length > 1 ? int.Parse(args[1], ci) : 1_000_000, args.Length > 2 ? int.Parse(args[2], ci) : 264, args.Length > 3 ? int.Parse(args[3], ci) : 2),
    "noufaily" => NoufailyBench.Write(args[1], args[2], NoufailyBench.Reps(args[3])),
    "tune" => NoufailyBench.Tune(args[1], NoufailyBench.Reps(args[2]), args[3..]),
    "oracle" => Research.Oracle(args[1], NoufailyBench.Reps(args[2]), args[3..]),
    "tune-glm" => TuneGlm.Run(args[1], NoufailyBench.Reps(args[2]), args[3..]),
    "glm-speed" => GlmSpeed.Run(int.Parse(args[1], ci), int.Parse(args[2], ci), args.Length > 3 ? args[3] : "qualitywatch"),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: speed <dir> [threads] | million [nSeries] [weeks] [threads] | noufaily <benchDir> <out.csv.gz> <reps> | tune|tune-glm|oracle <benchDir> <reps> [key=v1,v2 ...] | glm-speed <nSeries> <weeks> [preset]");
    return 2;
}

internal static class Speed
{
    public static int Run(string dir, int threads)
    {
        var ci = CultureInfo.InvariantCulture;
        var series = new List<double[]>();
        var cur = new List<double>();
        var last = -1;
        foreach (var line in File.ReadLines(Path.Combine(dir, "speed_series.csv")).Skip(1))
        {
            var f = line.Split(',');
            var s = int.Parse(f[0], ci);
            if (s != last && cur.Count > 0)
            {
                series.Add(cur.ToArray());
                cur.Clear();
            }

            last = s;
            cur.Add(double.Parse(f[2], ci));
        }

        series.Add(cur.ToArray());
        var timingR = File.ReadLines(Path.Combine(dir, "speed_R_timing.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0].Trim('"'), f => (Seconds: double.Parse(f[1], ci), Weeks: int.Parse(f[3], ci), Cores: int.Parse(f[4], ci)));
        var report = new StringBuilder("config,threads,seconds,series,weeks,ms_per_series_week,r_seconds,r_cores,speedup_vs_r_wall,mismatches\n");
        foreach (var (name, options) in new[] { ("farrington1996", FarringtonOptions.Farrington1996), ("noufaily2013", FarringtonOptions.Noufaily) })
        {
            var o = options with { RCompat = true };
            var weeks = timingR[name].Weeks;
            var n = series[0].Length;
            var results = new SignalPoint[series.Count][];
            for (var i = 0; i < series.Count; i++)
            {
                results[i] = new SignalPoint[weeks];
            }

            // warm-up (JIT)
            var warm = new FarringtonFlexible(o, 52);
            for (var i = 0; i < 20; i++)
            {
                warm.Detect(series[i], default, n - weeks, n - 1, results[i]);
            }

            foreach (var th in new[] { 1, threads }.Distinct())
            {
                var sw = Stopwatch.StartNew();
                Parallel.For(0, series.Count, new ParallelOptions { MaxDegreeOfParallelism = th }, () => new FarringtonFlexible(o, 52),
                    (i, _, det) =>
                    {
                        det.Detect(series[i], default, n - weeks, n - 1, results[i]);
                        return det;
                    }, _ => { });
                var secs = sw.Elapsed.TotalSeconds;
                var mismatches = Compare(Path.Combine(dir, $"speed_R_{name}.csv"), results, n - weeks);
                var r = timingR[name];
                var line = string.Create(ci, $"{name},{th},{secs:F3},{series.Count},{weeks},{1000 * secs / (series.Count * weeks):G4},{r.Seconds},{r.Cores},{r.Seconds / secs:F0},{mismatches}");
                Console.WriteLine(line);
                report.AppendLine(line);
            }
        }

        File.WriteAllText(Path.Combine(dir, "speed_csharp.csv"), report.ToString());
        return 0;
    }

    private static int Compare(string file, SignalPoint[][] results, int firstIndex)
    {
        var ci = CultureInfo.InvariantCulture;
        var bad = 0;
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var f = line.Split(',');
            var s = int.Parse(f[0], ci) - 1;
            var t = int.Parse(f[1], ci) - 1;
            var ub = f[2].Length == 0 ? double.NaN : double.Parse(f[2], ci);
            var alarm = f[3] == "1";
            var p = results[s][t - firstIndex];
            var close = double.IsNaN(ub) ? double.IsNaN(p.Threshold) : Math.Abs(ub - p.Threshold) <= Math.Max(1e-9, 1e-6 * Math.Abs(ub));
            if (!close || alarm != p.Alarm)
            {
                bad++;
            }
        }

        return bad;
    }
}

internal static class Million
{
    public static int Run(int nSeries, int weeks, int threads)
    {
        var ci = CultureInfo.InvariantCulture;

        // A pool of 10,000 distinct generated series, cycled through: the timing is detection only (the series a
        // production run would stream from its store), and memory stays bounded (pool 21 MB + one buffer per thread).
        const int Pool = 10_000;
        var pool = new double[Pool][];
        Parallel.For(0, Pool, s =>
        {
            pool[s] = new double[weeks];
            Generate(s, pool[s]);
        });
        foreach (var (name, o) in new[] { ("noufaily", FarringtonOptions.Noufaily), ("qualitywatch", FarringtonOptions.QualityWatch), ("noufaily-sums", FarringtonOptions.NoufailyWithSums), ("farrington1996", FarringtonOptions.Farrington1996) })
        {
            var sw = Stopwatch.StartNew();
            long alarms = 0;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, w =>
            {
                var det = new FarringtonFlexible(o, 52);
                var res = new SignalPoint[1];
                long local = 0;
                for (var s = w; s < nSeries; s += threads)
                {
                    det.Detect(pool[s % Pool], default, weeks - 1, weeks - 1, res);
                    local += res[0].Alarm ? 1 : 0;
                }

                Interlocked.Add(ref alarms, local);
            });
            var secs = sw.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(ci, $"{name}: {nSeries:N0} series x latest week ({weeks} weeks of history) in {secs:F1} s on {threads} threads, {alarms:N0} alarms, {1e6 * secs * threads / nSeries:F1} us CPU per series, peak RSS {PeakRssMb():F0} MB"));
        }

        return 0;
    }

    /// <summary>Deterministic NB series (seeded by the series number) with season and trend.</summary>
    internal static void Generate(int s, double[] y)
    {
        var rng = new Random(s);
        var theta = rng.NextDouble() * 4;
        var phi = 1 + (rng.Next(4) * 0.5);
        var g = rng.NextDouble() * 0.8;
        var beta = rng.Next(2) * 0.0025;
        for (var t = 0; t < y.Length; t++)
        {
            var mu = Math.Exp(theta + (beta * t) + (g * Math.Cos(2 * Math.PI * t / 52)));
            var lambda = phi > 1 ? GammaMean(rng, mu, phi) : mu;
            y[t] = Poisson(rng, lambda);
        }
    }

    private static double GammaMean(Random rng, double mu, double phi)
    {
        // Gamma(shape mu/(phi-1), scale phi-1): mean mu, variance mu(phi-1); Wilson-Hilferty approximation is enough here
        var shape = mu / (phi - 1);
        var z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var c = 1 - (1 / (9 * shape)) + (z * Math.Sqrt(1 / (9 * shape)));
        return Math.Max(0, shape * c * c * c * (phi - 1));
    }

    internal static double Poisson(Random rng, double lambda)
    {
        if (lambda > 50)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            return Math.Max(0, Math.Round(lambda + (z * Math.Sqrt(lambda))));
        }

        var l = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= rng.NextDouble();
        }
        while (p > l);
        return k - 1;
    }

    internal static double PeakRssMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return double.NaN;
    }
}
