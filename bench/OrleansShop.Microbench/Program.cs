using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/OrleansShop.Microbench -- --filter '*' --job short
// See README.md, "Benchmark", "In-process hot paths (BenchmarkDotNet)".
BenchmarkSwitcher.FromAssembly(typeof(OrleansShop.Microbench.Payloads).Assembly).Run(args);
