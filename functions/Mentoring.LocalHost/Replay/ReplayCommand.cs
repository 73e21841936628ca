using System.Text.Json;
using System.Text.Json.Serialization;
using Mentoring.Application.Ingest;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Replay;

namespace Mentoring.LocalHost.Replay;

/// <summary>
/// <c>replay --history FILE</c>: the engine on a real history, as the live system would have run it, printed as one
/// JSON document. Bad flags or a malformed file give one line on stderr and exit code 2.
/// </summary>
internal static class ReplayCommand
{
    public const int Ok = 0;
    public const int BadInput = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (arguments, error) = ReplayArguments.Parse(args is ["replay", ..] ? args[1..] : args);
        if (arguments is null)
        {
            await stderr.WriteLineAsync("replay: " + error + " (replay --help for usage)");
            return BadInput;
        }

        if (arguments.Help)
        {
            await stdout.WriteLineAsync(ReplayArguments.Usage);
            return Ok;
        }

        HistoryFile history;
        try
        {
            history = await HistoryFile.ReadAsync(arguments);
        }
        catch (HistoryFormatException e)
        {
            await stderr.WriteLineAsync($"replay: {arguments.History}: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"replay: --history: cannot read '{arguments.History}': {e.Message}");
            return BadInput;
        }
        catch (Exception e)
        {
            // A reader fault on some input: still one line, never a stack trace.
            await stderr.WriteLineAsync($"replay: {arguments.History}: the file could not be read ({e.GetType().Name}).");
            return BadInput;
        }

        WriteReport(stdout, arguments, history, Replay(arguments, history));
        await stdout.WriteLineAsync();
        return Ok;
    }

    /// <summary>The engine run over the history read.</summary>
    internal static ReplayResult Replay(ReplayArguments arguments, HistoryFile history) =>
        PairReplay.Run(PairOf(arguments, history), history.Ledger, EngagementPolicy.Default with { CadenceDays = arguments.CadenceDays }, history.AsOf);

    /// <summary>
    /// The JSON document printed for a replay, written as it is serialized: a long history's report is tens of
    /// megabytes, not to be held as a string as well.
    /// </summary>
    internal static void WriteReport(TextWriter stdout, ReplayArguments arguments, HistoryFile history, ReplayResult result)
    {
        var outside = result.SteppedFrom is { } from
            ? [.. history.Notes, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The history changes at {result.Changes.Select(c => c.ChangedAt).Distinct().Count():N0} instants: the engine was run from {from:yyyy-MM-ddTHH:mm:ssZ} (the last {PairReplay.MaxSteppedChangeInstants:N0}); earlier changes were read into the state it started from, but no message or signal before it was replayed.")]
            : history.Notes;
        using var utf8 = new TextWriterStream(stdout);
        JsonSerializer.Serialize(utf8, ReplayReport.From(result, arguments.History, arguments.CadenceDays, outside), Json);
    }

    /// <summary>
    /// The pair as far as a history file tells: started at its first scheduled meeting (else its first change), both
    /// participants in the file's zone (else UTC), no cycle, so quiet hours and caps apply as they would live.
    /// </summary>
    private static PairContext PairOf(ReplayArguments arguments, HistoryFile history)
    {
        var scheduled = history.Ledger.Where(c => c is { Kind: ChangeKind.Scheduled, Start: not null }).Select(c => c.Start!.Value).ToList();
        var startedAt = scheduled.Count > 0 ? scheduled.Min() : history.Ledger.Min(c => c.ChangedAt);
        return new PairContext(
            "replay",
            "replay",
            new Participant(arguments.MentorEmail ?? "mentor", Party.Mentor, history.Zone),
            new Participant(arguments.MenteeEmail ?? "mentee", Party.Mentee, history.Zone),
            startedAt,
            Cycle: null,
            ProgramTimeZone: history.Zone);
    }
}
