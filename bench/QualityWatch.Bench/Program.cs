using QualityWatch.Bench;

// Bench entry points; each prints its figures. See bench/README.md.
return args.FirstOrDefault() switch
{
    "search-load" => await SearchLoad.RunAsync(args[1..]),
    "verify-load" => await VerifyLoad.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bench search-load [--enterprises N] [--concurrency C] [--seconds S] [--postgres CONNECTION]");
    Console.Error.WriteLine("       bench verify-load [--certificates N] [--concurrency C] [--seconds S] [--warmup S] [--queries Q] [--rate R] [--anonymous] [--sqlite KEEP.db | --postgres CONNECTION]");
    return 2;
}
