using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Mentoring.Benchmarks.EngineBenchmarks).Assembly).Run(args);
