using System.Globalization;
using QualityWatch.Linking.Bench;

// Benchmarks and tuning of enterprise linking (see bench/linking/README.md and docs/risk-linking.md).
//   speed [enterprises] [queries]             directory build time and memory, per-link time by method
//   evaluate [seed] [enterprises] [queries]   precision/recall tables on a synthetic labelled set
//   tune [seed] [enterprises] [queries]       grid search of the fuzzy thresholds on the tuning seed
var ci = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentCulture = ci;
CultureInfo.CurrentCulture = ci;
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], ci) : fallback;
return args.Length == 0 ? Usage() : args[0] switch
{
    "speed" => Speed.Run(Arg(1, 100_000), Arg(2, 200_000)),
    "evaluate" => Tuning.Evaluate(Arg(1, 2), Arg(2, 20_000), Arg(3, 2_000)),
    "tune" => Tuning.Tune(Arg(1, 1), Arg(2, 20_000), Arg(3, 4_000)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: speed [enterprises] [queries] | evaluate [seed] [enterprises] [queries] | tune [seed] [enterprises] [queries]");
    return 2;
}
