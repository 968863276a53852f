using System.Globalization;
using QualityWatch.Signals;

/// <summary>Research commands: the oracle ceiling (true mean and dispersion known).</summary>
internal static class Research
{
    public static int Oracle(string dir, int[] reps, string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        var data = NoufailyBench.Load(dir, reps);
        var ob = NoufailyBench.Current(dir);
        var phiBySc = File.ReadLines(Path.Combine(dir, "scenarios.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => int.Parse(f[6], ci), f => double.Parse(f[5], ci));
        // args: lists a1=..., a2=..., a3=... (0 = window off); every combination
        var g = args.Select(x => x.Split('=')).ToDictionary(x => x[0], x => x[1].Split(',').Select(v => double.Parse(v, ci)).ToArray());
        double[] L(string key, params double[] fallback) => g.TryGetValue(key, out var v) ? v : fallback;
        var bySet = L("bySet", 0)[0] > 0;
        var supp = L("supp", 0)[0] > 0;
        var cur = L("cur", 0)[0];
        Console.WriteLine("a1,a2,a3,FPR,POD,POD1w");
        foreach (var a1 in L("a1", 0.01))
        {
            foreach (var a2 in L("a2", 0))
            {
                foreach (var a3 in L("a3", 0))
                {
                    var alphas = new[] { a1, a2, a3 };
                    var per = new (int Sc, double Fa, double Fw, double Det, double D1)[data.Count];
                    Parallel.For(0, data.Count, i =>
                    {
                        var s = data[i];
                        var phi = phiBySc[s.Scenario];
                        // Raw(y, t, 0): the current week alone at a1; Raw(y, t, 1): the 2- and 3-week sums at a2, a3.
                        // With supp, the sum tests are skipped when week t − 1 signalled (as SeasonalGlm).
                        bool Alarm(double[] y, int t) => supp ? Raw(y, t, 0) || (Raw(y, t, 1) && !Raw(y, t - 1, 0) && !Raw(y, t - 1, 1)) : Raw(y, t, 0) || Raw(y, t, 1);

                        bool Raw(double[] y, int t, int fromLag)
                        {
                            double mu = 0, sum = 0;
                            for (var lag = 0; lag < 3; lag++)
                            {
                                if ((fromLag == 0 && lag > 0) || (fromLag == 1 && lag == 0))
                                {
                                    mu += s.Mu[t - lag];
                                    sum += y[t - lag];
                                    continue;
                                }

                                mu += s.Mu[t - lag];
                                sum += y[t - lag];
                                var alpha = alphas[lag];
                                if (alpha <= 0)
                                {
                                    continue;
                                }

                                var u = phi > 1 ? Distributions.QNBinom(1 - alpha, mu / (phi - 1), 1 / phi) : Distributions.QPois(1 - alpha, mu);
                                var curOk = lag == 0 || cur <= 0 || y[t] > (phi > 1 ? Distributions.QNBinom(1 - cur, s.Mu[t] / (phi - 1), 1 / phi) : Distributions.QPois(1 - cur, s.Mu[t]));
                                if (sum > u && y[t] > 0 && curOk)
                                {
                                    return true;
                                }
                            }

                            return false;
                        }

                        var n = NoufailyBench.Weeks - NoufailyBench.First + 1;
                        var fa = 0;
                        for (var t = NoufailyBench.First - 1; t < NoufailyBench.Weeks; t++)
                        {
                            fa += Alarm(s.Past, t) ? 1 : 0;
                        }

                        var o = ob[(s.Scenario, s.Rep)];
                        var hit = false;
                        for (var t = o.Start; t <= o.End; t++)
                        {
                            hit |= Alarm(s.Full, t - 1);
                        }

                        per[i] = (s.Scenario, fa, n, hit ? 1 : 0, Alarm(s.Full, o.Start - 1) ? 1 : 0);
                    });
                    var by = per.GroupBy(p => p.Sc).Select(g => (Sc: g.Key, Fpr: g.Sum(x => x.Fa) / g.Sum(x => x.Fw), Pod: g.Average(x => x.Det), Pod1: g.Average(x => x.D1))).ToList();
                    Console.WriteLine(string.Create(ci, $"{a1},{a2},{a3},{by.Average(x => x.Fpr):F4},{by.Average(x => x.Pod):F3},{by.Average(x => x.Pod1):F3}"));
                    if (L("perScenario", 0)[0] > 0)
                    {
                        foreach (var x in by)
                        {
                            Console.WriteLine(string.Create(ci, $"S,{a1},{a2},{a3},{x.Sc},{x.Fpr:F5},{x.Pod:F4}"));
                        }
                    }

                    if (bySet)
                    {
                        foreach (var set in by.GroupBy(x => (x.Sc - 1) / 6))
                        {
                            Console.WriteLine(string.Create(ci, $"   set {set.Key + 1}: FPR {set.Average(x => x.Fpr):F4} POD {set.Average(x => x.Pod):F3}"));
                        }
                    }
                }
            }
        }

        return 0;
    }
}

/// <summary>Grid search of <see cref="SeasonalGlm"/> on tuning replicates.</summary>
internal static class TuneGlm
{
    private static readonly string[] Keys = ["years", "pwni", "harm", "trend", "ptrend", "rw", "c", "a1", "agg", "a2", "supp", "pu", "limit", "midp", "passes"];

    public static int Run(string dir, int[] reps, string[] grid)
    {
        var ci = CultureInfo.InvariantCulture;
        var g = grid.Select(x => x.Split('=')).ToDictionary(x => x[0], x => x[1].Split(',').Select(v => double.Parse(v, ci)).ToArray());
        foreach (var key in g.Keys.Where(k => !Keys.Contains(k)))
        {
            throw new ArgumentException($"unknown key {key}");
        }

        var d = SeasonalGlmOptions.Default;
        var defaults = new Dictionary<string, double>
        {
            ["years"] = d.Years,
            ["pwni"] = d.PastStepsNotIncluded,
            ["harm"] = d.Harmonics,
            ["trend"] = d.Trend ? 1 : 0,
            ["ptrend"] = d.PThresholdTrend,
            ["rw"] = d.Reweight ? 1 : 0,
            ["c"] = d.WeightsThreshold,
            ["a1"] = d.SingleStepAlpha,
            ["agg"] = d.AggregateSteps,
            ["a2"] = d.Alpha,
            ["supp"] = d.SuppressRepeatedSum ? 1 : 0,
            ["pu"] = d.PredictionUncertainty ? 1 : 0,
            ["limit"] = d.Limit54Cases,
            ["midp"] = d.MidP ? 1 : 0,
            ["passes"] = d.ReweightPasses,
        };
        var axes = Keys.Select(k => g.TryGetValue(k, out var v) ? v : [defaults[k]]).ToArray();
        var data = NoufailyBench.Load(dir, reps);
        var ob = NoufailyBench.Current(dir);
        Console.WriteLine(string.Join(",", Keys) + ",FPR,POD,POD1w,secs");
        var idx = new int[Keys.Length];
        while (true)
        {
            var v = Keys.Select((k, i) => axes[i][idx[i]]).ToArray();
            var o = new SeasonalGlmOptions
            {
                Years = (int)v[0],
                PastStepsNotIncluded = (int)v[1],
                Harmonics = (int)v[2],
                Trend = v[3] > 0,
                PThresholdTrend = v[4],
                Reweight = v[5] > 0,
                WeightsThreshold = v[6],
                SingleStepAlpha = v[7],
                AggregateSteps = (int)v[8],
                Alpha = v[9],
                SuppressRepeatedSum = v[10] > 0,
                PredictionUncertainty = v[11] > 0,
                Limit54Cases = (int)v[12],
                MidP = v[13] > 0,
                ReweightPasses = (int)v[14],
            };
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var by = NoufailyBench.ScoreByScenario(data, ob, () => new SeasonalGlm(o, 52));
            var (fpr, pod, pod1) = (by.Average(x => x.Fpr), by.Average(x => x.Pod), by.Average(x => x.Pod1));
            Console.WriteLine(string.Join(",", v.Select(x => x.ToString(ci))) + string.Create(ci, $",{fpr:F4},{pod:F3},{pod1:F3},{sw.Elapsed.TotalSeconds:F1}"));
            if (Environment.GetEnvironmentVariable("QW_BYSET") == "1")
            {
                foreach (var set in by.GroupBy(x => (x.Scenario - 1) / 6))
                {
                    Console.WriteLine(string.Create(ci, $"#  set {set.Key + 1}: FPR {set.Average(x => x.Fpr):F4} POD {set.Average(x => x.Pod):F3}"));
                }
            }
            var pos = Keys.Length - 1;
            while (pos >= 0 && ++idx[pos] == axes[pos].Length)
            {
                idx[pos] = 0;
                pos--;
            }

            if (pos < 0)
            {
                break;
            }
        }

        return 0;
    }
}

/// <summary>Single-thread timing of one detector on generated series (latest week only).</summary>
internal static class GlmSpeed
{
    public static int Run(int nSeries, int weeks, string preset)
    {
        var pool = new double[Math.Min(nSeries, 2000)][];
        for (var s = 0; s < pool.Length; s++)
        {
            pool[s] = new double[weeks];
            Million.Generate(s, pool[s]);
        }

        var o = FarringtonOptions.Preset(preset);
        var det = new FarringtonFlexible(o, 52);
        var res = new SignalPoint[1];
        for (var s = 0; s < 200; s++)
        {
            det.Detect(pool[s % pool.Length], default, weeks - 1, weeks - 1, res);
        }

        var cpu0 = Environment.ProcessorCount > 0 ? System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime : TimeSpan.Zero;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var alarms = 0;
        for (var s = 0; s < nSeries; s++)
        {
            det.Detect(pool[s % pool.Length], default, weeks - 1, weeks - 1, res);
            alarms += res[0].Alarm ? 1 : 0;
        }

        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{preset}: {nSeries} series x latest week ({weeks} weeks): wall {1e6 * sw.Elapsed.TotalSeconds / nSeries:F1} us/series, CPU {1e6 * cpu.TotalSeconds / nSeries:F1} us/series, {alarms} alarms"));
        return 0;
    }
}
