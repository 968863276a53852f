Console.WriteLine("QualityWatch benchmarks: see bench/README.md");
