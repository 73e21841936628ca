using Mentoring.LocalHost.Replay;

if (args.Length > 0 && args[0] == "replay")
    return await ReplayCommand.RunAsync(args[1..], Console.Out, Console.Error);

await Console.Error.WriteLineAsync("usage: Mentoring.LocalHost replay --history FILE [options]   (replay --help for the options)");
return 2;
