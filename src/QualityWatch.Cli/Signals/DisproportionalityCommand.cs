using System.CommandLine;
using System.Globalization;
using System.Text;
using QualityWatch.Signals;

namespace QualityWatch.Cli.Signals;

/// <summary><c>qw signals disproportionality</c>: PRR, ROR, χ², IC and MGPS per product × event pair.</summary>
internal static class DisproportionalityCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Required = true, Description = "CSV product,event,n (pair counts) or product,event,a,b,c,d" };
        var output = new Option<FileInfo>("--output") { Required = true, Description = "CSV product,event,a,b,c,d,prr,prr_lower,prr_upper,ror,ror_lower,ror_upper,chi2,ic,ic025,ebgm,eb05,eb95,signal" };
        var preset = new Option<string>("--preset") { Description = "Signal rule: evans (default) | ema | mhra", DefaultValueFactory = _ => "evans" };
        preset.AcceptOnlyFromAmong("evans", "ema", "mhra");
        var command = new Command("disproportionality", "Disproportionality measures on product × problem report tables") { input, output, preset };
        command.SetAction(parse =>
        {
            var p = parse.GetValue(preset) switch
            {
                "ema" => DisproportionalityPreset.Ema,
                "mhra" => DisproportionalityPreset.Mhra,
                _ => DisproportionalityPreset.Evans,
            };
            try
            {
                var rows = Read(parse.GetValue(input)!.FullName);
                var prior = MgpsPrior.Fit(rows.Select(r => r.Table.A).ToArray(), rows.Select(r => r.Table.Expected).ToArray());
                using var w = new StreamWriter(parse.GetValue(output)!.FullName, false, new UTF8Encoding(false));
                w.Write("product,event,a,b,c,d,prr,prr_lower,prr_upper,ror,ror_lower,ror_upper,chi2,ic,ic025,ebgm,eb05,eb95,signal\n");
                var signals = 0;
                foreach (var (product, ev, t) in rows)
                {
                    var r = Disproportionality.Compute(t, prior);
                    var s = r.Signal(p);
                    signals += s ? 1 : 0;
                    w.Write(string.Join(',', SeriesCsvReader.Quote(product), SeriesCsvReader.Quote(ev), F(t.A), F(t.B), F(t.C), F(t.D),
                        F(r.Prr), F(r.PrrLower), F(r.PrrUpper), F(r.Ror), F(r.RorLower), F(r.RorUpper), F(r.Chi2Yates),
                        F(r.Ic), F(r.Ic025), F(r.Ebgm), F(r.Eb05), F(r.Eb95), s ? "1" : "0"));
                    w.Write('\n');
                }

                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{rows.Count:N0} pairs, {signals:N0} signals ({p}); MGPS prior alpha1={prior.Alpha1:G6} beta1={prior.Beta1:G6} alpha2={prior.Alpha2:G6} beta2={prior.Beta2:G6} P={prior.P:G6}"));
                return 0;
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"signals disproportionality: {e.Message}");
                return SignalsCommand.BadInput;
            }
        });
        return command;
    }

    private static string F(double v) => DetectRunner.Format(v);

    private static List<(string Product, string Event, TwoByTwo Table)> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = SeriesCsvReader.SplitSlow(reader.ReadLine() ?? throw new FormatException("input is empty")).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Col(string name) => header.IndexOf(name);
        int product = Col("product"), ev = Col("event"), n = Col("n"), a = Col("a"), b = Col("b"), c = Col("c"), d = Col("d");
        var full = a >= 0 && b >= 0 && c >= 0 && d >= 0;
        if (product < 0 || ev < 0 || (!full && n < 0))
        {
            throw new FormatException("header must be product,event,n or product,event,a,b,c,d");
        }

        var raw = new List<(string, string, double[])>();
        string? line;
        var lineNo = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var f = SeriesCsvReader.SplitSlow(line);
            double Num(int i)
            {
                if (!double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < 0 || v != Math.Floor(v))
                {
                    throw new FormatException($"line {lineNo} ({f[product]} × {f[ev]}): '{f[i]}' is not a non-negative integer count");
                }

                return v;
            }

            raw.Add((f[product], f[ev], full ? [Num(a), Num(b), Num(c), Num(d)] : [Num(n)]));
        }

        if (full)
        {
            return raw.Select(r => (r.Item1, r.Item2, new TwoByTwo(r.Item3[0], r.Item3[1], r.Item3[2], r.Item3[3]))).ToList();
        }

        // pair counts: derive the other cells from the margins
        var byProduct = new Dictionary<string, double>(StringComparer.Ordinal);
        var byEvent = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = 0.0;
        foreach (var (pr, e, v) in raw)
        {
            byProduct[pr] = byProduct.GetValueOrDefault(pr) + v[0];
            byEvent[e] = byEvent.GetValueOrDefault(e) + v[0];
            total += v[0];
        }

        return raw.Select(r =>
        {
            var av = r.Item3[0];
            var bv = byProduct[r.Item1] - av;
            var cv = byEvent[r.Item2] - av;
            return (r.Item1, r.Item2, new TwoByTwo(av, bv, cv, total - av - bv - cv));
        }).ToList();
    }
}
