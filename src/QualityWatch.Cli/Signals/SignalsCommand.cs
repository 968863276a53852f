using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using QualityWatch.Signals;

namespace QualityWatch.Cli.Signals;

public static class SignalsCommand
{
    /// <summary>Exit code for bad input (the message names the series and the date).</summary>
    public const int BadInput = 2;

    public static Command Create()
    {
        var command = new Command("signals", "Statistical signal detection on count series (see docs/signals.md)");
        command.Subcommands.Add(CreateDetect());
        command.Subcommands.Add(DisproportionalityCommand.Create());
        return command;
    }

    private static Command CreateDetect()
    {
        var method = new Option<string>("--method")
        {
            Required = true,
            Description = "farrington-flexible | farrington | ears-c1 | ears-c2 | ears-c3 | cusum | glrnb | modified-z",
        };
        method.AcceptOnlyFromAmong("farrington-flexible", "farrington", "ears-c1", "ears-c2", "ears-c3", "cusum", "glrnb", "modified-z");
        var preset = new Option<string?>("--preset") { Description = "Farrington preset: farrington1996 | noufaily | qualitywatch (default: R's farringtonFlexible defaults; 'farrington' defaults to farrington1996)" };
        preset.AcceptOnlyFromAmong("farrington1996", "noufaily", "qualitywatch");
        var b = new Option<int?>("--b") { Description = "Farrington: years back" };
        var w = new Option<int?>("--w") { Description = "Farrington: half-window in steps" };
        var alpha = new Option<double?>("--alpha") { Description = "One-sided error (Farrington, EARS); for glrnb the NB dispersion (0 = Poisson; default: estimated)" };
        var thresholdMethod = new Option<string?>("--threshold-method") { Description = "Farrington: delta | nbPlugin | muan" };
        thresholdMethod.AcceptOnlyFromAmong("delta", "nbPlugin", "muan");
        var noPeriods = new Option<int?>("--no-periods") { Description = "Farrington: levels of the seasonal factor" };
        var pastWeeks = new Option<int?>("--past-weeks-not-included") { Description = "Farrington: most recent steps left out of the fit" };
        var weightsThreshold = new Option<double?>("--weights-threshold") { Description = "Farrington: Anscombe residual cut-off for reweighting" };
        var pTrend = new Option<double?>("--p-threshold-trend") { Description = "Farrington: keep the trend only if p < this" };
        var trend = new Option<bool>("--trend") { Description = "Farrington: allow a linear trend" };
        var noTrend = new Option<bool>("--no-trend") { Description = "Farrington: no trend" };
        var reweight = new Option<bool>("--reweight") { Description = "Farrington: down-weight past outbreaks" };
        var noReweight = new Option<bool>("--no-reweight") { Description = "Farrington: no reweighting" };
        var powertrans = new Option<string?>("--powertrans") { Description = "Farrington delta method: 2/3 | 1/2 | none" };
        powertrans.AcceptOnlyFromAmong("2/3", "1/2", "none");
        var populationOffset = new Option<bool>("--population-offset") { Description = "Farrington: offset(log(population)); needs a population column" };
        var limit54 = new Option<string?>("--limit54") { Description = "Farrington minimum-case rule CASES,WEEKS (default 5,4)" };
        var aggregateWeeks = new Option<int?>("--aggregate-weeks") { Description = "Farrington nbPlugin/muan: also test sums over the last 2..N steps (QualityWatch extension; 1 = off)" };
        var baseline = new Option<int?>("--baseline") { Description = "EARS baseline (default 7); modified-z baseline (default 52)" };
        var minSigma = new Option<double?>("--min-sigma") { Description = "EARS: floor on the baseline standard deviation (default 0)" };
        var k = new Option<double?>("--k") { Description = "CUSUM reference value (default 1.04)" };
        var h = new Option<double?>("--h") { Description = "CUSUM decision boundary (default 2.26)" };
        var cArl = new Option<double?>("--c-arl") { Description = "GLR alarm threshold (default 5)" };
        var glrWindow = new Option<int?>("--glr-window") { Description = "GLR: maximum change-window length M in steps (default 52; -1 = all points since the last alarm, R's default, slow)" };
        var zThreshold = new Option<double?>("--z-threshold") { Description = "modified-z alarm threshold (default 3.5)" };
        var rCompat = new Option<bool>("--r-compat") { Description = "Reproduce R surveillance 1.20.3 including its quirks" };
        var frequency = new Option<string?>("--frequency") { Description = "weekly | monthly | daily (default: inferred per series)" };
        frequency.AcceptOnlyFromAmong("weekly", "monthly", "daily");
        var from = new Option<string?>("--from") { Description = "First date to evaluate (default: first date with enough history)" };
        var to = new Option<string?>("--to") { Description = "Last date to evaluate (default: last date)" };
        var input = new Option<FileInfo>("--input") { Required = true, Description = "CSV with header series,date,observed[,population]" };
        var output = new Option<FileInfo>("--output") { Required = true, Description = "CSV series,date,observed,expected,threshold,alarm,note" };

        var detect = new Command("detect", "Aberration detection on count series")
        {
            method, preset, b, w, alpha, thresholdMethod, noPeriods, pastWeeks, weightsThreshold, pTrend, trend, noTrend,
            reweight, noReweight, powertrans, populationOffset, limit54, aggregateWeeks, baseline, minSigma, k, h, cArl, glrWindow, zThreshold, rCompat,
            frequency, from, to, input, output,
        };
        detect.SetAction(parse =>
        {
            var compat = parse.GetValue(rCompat);
            var m = parse.GetValue(method)!;
            Func<SeriesFrequency, ISeriesDetector> factory;
            var needsPop = false;
            try
            {
                switch (m)
                {
                    case "farrington-flexible":
                    case "farrington":
                        {
                            var name = parse.GetValue(preset) ?? (m == "farrington" ? "farrington1996" : "default");
                            var o = FarringtonOptions.Preset(name) with { RCompat = compat };
                            o = o with
                            {
                                B = parse.GetValue(b) ?? o.B,
                                W = parse.GetValue(w) ?? o.W,
                                Alpha = parse.GetValue(alpha) ?? o.Alpha,
                                NoPeriods = parse.GetValue(noPeriods) ?? o.NoPeriods,
                                PastWeeksNotIncluded = parse.GetValue(pastWeeks) ?? o.PastWeeksNotIncluded,
                                WeightsThreshold = parse.GetValue(weightsThreshold) ?? o.WeightsThreshold,
                                PThresholdTrend = parse.GetValue(pTrend) ?? o.PThresholdTrend,
                                Trend = parse.GetValue(noTrend) ? false : parse.GetValue(trend) || o.Trend,
                                Reweight = parse.GetValue(noReweight) ? false : parse.GetValue(reweight) || o.Reweight,
                                PopulationOffset = parse.GetValue(populationOffset),
                                AggregateWeeks = parse.GetValue(aggregateWeeks) ?? (compat ? 1 : o.AggregateWeeks),
                                ThresholdMethod = parse.GetValue(thresholdMethod) switch
                                {
                                    "delta" => FarringtonThresholdMethod.Delta,
                                    "nbPlugin" => FarringtonThresholdMethod.NbPlugin,
                                    "muan" => FarringtonThresholdMethod.Muan,
                                    _ => o.ThresholdMethod,
                                },
                                PowerTransform = parse.GetValue(powertrans) switch
                                {
                                    "1/2" => FarringtonPowerTransform.Half,
                                    "none" => FarringtonPowerTransform.None,
                                    "2/3" => FarringtonPowerTransform.TwoThirds,
                                    _ => o.PowerTransform,
                                },
                            };
                            if (parse.GetValue(limit54) is { } l)
                            {
                                var parts = l.Split(',');
                                o = o with
                                {
                                    Limit54Cases = int.Parse(parts[0], CultureInfo.InvariantCulture),
                                    Limit54Weeks = int.Parse(parts[1], CultureInfo.InvariantCulture),
                                };
                            }

                            needsPop = o.PopulationOffset;
                            _ = new FarringtonFlexible(o, 52); // validate options now
                            factory = f => new FarringtonFlexible(o, SeriesValidation.StepsPerYear(f));
                            break;
                        }

                    case "ears-c1":
                    case "ears-c2":
                    case "ears-c3":
                        {
                            var o = new EarsOptions
                            {
                                Method = m switch { "ears-c1" => EarsMethod.C1, "ears-c2" => EarsMethod.C2, _ => EarsMethod.C3 },
                                Baseline = parse.GetValue(baseline) ?? 7,
                                MinSigma = parse.GetValue(minSigma) ?? 0,
                                Alpha = parse.GetValue(alpha),
                                RCompat = compat,
                            };
                            _ = new Ears(o);
                            factory = _ => new Ears(o);
                            break;
                        }

                    case "cusum":
                        {
                            var o = new CusumOptions { K = parse.GetValue(k) ?? 1.04, H = parse.GetValue(h) ?? 2.26, RCompat = compat };
                            factory = f => new Cusum(o with { Training = SeriesValidation.StepsPerYear(f) }, SeriesValidation.StepsPerYear(f));
                            break;
                        }

                    case "glrnb":
                        {
                            var o = new GlrOptions { CArl = parse.GetValue(cArl) ?? 5, Alpha = parse.GetValue(alpha), M = parse.GetValue(glrWindow) ?? 52, Output = GlrOutput.Cases };
                            factory = f => new Glr(o with { Training = SeriesValidation.StepsPerYear(f) }, SeriesValidation.StepsPerYear(f));
                            break;
                        }

                    default:
                        {
                            var o = new ModifiedZScoreOptions { Baseline = parse.GetValue(baseline) ?? 52, Threshold = parse.GetValue(zThreshold) ?? 3.5 };
                            _ = new ModifiedZScore(o);
                            factory = _ => new ModifiedZScore(o);
                            break;
                        }
                }
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"signals detect: {e.Message}");
                return BadInput;
            }

            SeriesFrequency? freq = parse.GetValue(frequency) switch
            {
                "weekly" => SeriesFrequency.Weekly,
                "monthly" => SeriesFrequency.Monthly,
                "daily" => SeriesFrequency.Daily,
                _ => null,
            };
            if (!TryDate(parse.GetValue(from), "--from", out var fromDate) || !TryDate(parse.GetValue(to), "--to", out var toDate))
            {
                return BadInput;
            }

            var settings = new DetectSettings(factory, freq, fromDate, toDate, needsPop);
            var sw = Stopwatch.StartNew();
            try
            {
                var s = DetectRunner.Run(parse.GetValue(input)!.FullName, parse.GetValue(output)!.FullName, settings);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Series:N0} series, {s.Rows:N0} rows, {s.Alarms:N0} alarms in {sw.Elapsed.TotalSeconds:0.0} s{(s.Spilled ? " (input not grouped by series: spilled to disk)" : "")}"));
                return 0;
            }
            catch (SignalInputException e)
            {
                Console.Error.WriteLine($"signals detect: {e.Message}");
                return BadInput;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"signals detect: {e.Message}");
                return BadInput;
            }
        });
        return detect;
    }

    private static bool TryDate(string? s, string option, out DateOnly? date)
    {
        date = null;
        if (s is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }

        Console.Error.WriteLine($"signals detect: {option} '{s}' is not a date (yyyy-MM-dd)");
        return false;
    }
}
