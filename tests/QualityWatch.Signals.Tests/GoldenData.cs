using System.Globalization;

namespace QualityWatch.Signals.Tests;

/// <summary>Loads the R-generated golden files (tools/signals-golden/generate.R).</summary>
internal static class GoldenData
{
    private static readonly Lazy<Dictionary<string, GoldenSeries>> LazySeries = new(LoadSeries);
    private static readonly Lazy<Dictionary<string, (string Method, Dictionary<string, string> Control)>> LazyConfigs = new(LoadConfigs);

    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Golden");

    public static Dictionary<string, GoldenSeries> Series => LazySeries.Value;

    public static Dictionary<string, (string Method, Dictionary<string, string> Control)> Configs => LazyConfigs.Value;

    public static IEnumerable<object[]> FilesOf(string method) =>
        Configs.Where(c => c.Value.Method == method).Select(c => new object[] { c.Key });

    public static List<GoldenRow> Rows(string file)
    {
        var rows = new List<GoldenRow>();
        foreach (var line in File.ReadLines(Path.Combine(Dir, file)).Skip(1))
        {
            var f = line.Split(',');
            rows.Add(new GoldenRow(f[0], int.Parse(f[1], CultureInfo.InvariantCulture), Num(f[2]), Num(f[3]), f[4] == "1"));
        }

        return rows;
    }

    public static double Num(string s) => s.Length == 0 || s == "NA" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>Relative 1e-6, or absolute 1e-9 near zero; NaN only equals NaN.</summary>
    public static bool Close(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected == actual;
        }

        var diff = Math.Abs(expected - actual);
        return diff <= 1e-9 || diff <= 1e-6 * Math.Abs(expected);
    }

    private static Dictionary<string, GoldenSeries> LoadSeries()
    {
        var tmp = new Dictionary<string, (int Freq, List<double> Y, List<double> Pop)>();
        foreach (var line in File.ReadLines(Path.Combine(Dir, "input.csv")).Skip(1))
        {
            var f = line.Split(',');
            if (!tmp.TryGetValue(f[0], out var s))
            {
                s = (int.Parse(f[1], CultureInfo.InvariantCulture), new List<double>(), new List<double>());
                tmp[f[0]] = s;
            }

            s.Y.Add(Num(f[3]));
            if (f[4].Length > 0)
            {
                s.Pop.Add(Num(f[4]));
            }
        }

        return tmp.ToDictionary(kv => kv.Key, kv => new GoldenSeries(kv.Key, kv.Value.Freq, kv.Value.Y.ToArray(), kv.Value.Pop.ToArray()));
    }

    private static Dictionary<string, (string, Dictionary<string, string>)> LoadConfigs()
    {
        var result = new Dictionary<string, (string, Dictionary<string, string>)>();
        foreach (var line in File.ReadLines(Path.Combine(Dir, "configs.csv")).Skip(1))
        {
            var f = line.Split("\",\"");
            var file = f[0].Trim('"');
            var method = f[1];
            var control = new Dictionary<string, string>();
            foreach (var kv in f[3].Trim('"').Split(';', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2)))
            {
                control[kv[0]] = kv[1]; // last wins
            }

            result[file] = (method, control);
        }

        return result;
    }
}

internal sealed record GoldenSeries(string Name, int Freq, double[] Y, double[] Population);

internal sealed record GoldenRow(string Series, int T, double Expected, double UpperBound, bool Alarm);

/// <summary>Helpers to read an R control list written as key=value.</summary>
internal static class ControlExtensions
{
    public static double D(this Dictionary<string, string> c, string key, double fallback) =>
        c.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static int I(this Dictionary<string, string> c, string key, int fallback) =>
        c.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static bool B(this Dictionary<string, string> c, string key, bool fallback) =>
        c.TryGetValue(key, out var v) ? v == "TRUE" : fallback;

    public static string S(this Dictionary<string, string> c, string key, string fallback) =>
        c.TryGetValue(key, out var v) ? v : fallback;
}
