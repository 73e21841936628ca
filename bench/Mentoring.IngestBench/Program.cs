using Mentoring.IngestBench;

// dotnet run -c Release --project bench/Mentoring.IngestBench -- [--rate 200] [--seconds 30] [--concurrency 16]
// dotnet run -c Release --project bench/Mentoring.IngestBench -- soak [--minutes 10] [--rate 40] [--interval 60]
var arguments = BenchArguments.Parse(args);
return arguments.Soak
    ? await Soak.RunAsync(arguments, Console.Out)
    : await IngestBenchmark.RunAsync(arguments, Console.Out);
