using System.Globalization;
using Mentoring.Application.Ingest.Ics;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Replay;

namespace Mentoring.Application.Tests.Calendars.Ics;

/// <summary>
/// Calendar files in the shapes Google, Outlook/Exchange, Thunderbird, Apple and iTIP exchanges write them (Corpus/),
/// each read as the pair's ledger and compared, change by change, with the .expected file beside it: "horizon", the
/// ledger's counts ("expect meetings= moves= cancellations="), what the engine makes of it replayed up to the horizon
/// as <c>replay</c> does ("engine meetings= held= cancelled= moves= postponements= signals="), then every change in
/// meeting order.
/// </summary>
public sealed class IcsCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Calendars", "Ics", "Corpus");

    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder, "*.ics").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void CorpusFile_ReadsAsExpected(string file)
    {
        var expected = Expectation.Read(Path.Combine(Folder, Path.ChangeExtension(file, ".expected")));

        var ledger = IcsHistory.Parse(File.ReadAllText(Path.Combine(Folder, file))).ToLedger(new IcsLedgerOptions(expected.Horizon));

        Assert.Equal(expected.Changes, ledger.OrderBy(c => c.ChangeId, StringComparer.Ordinal).Select(Describe));
        Assert.Equal(
            expected.Counts,
            (ledger.Select(c => c.MeetingId).Distinct(StringComparer.Ordinal).Count(),
                ledger.Count(c => c.Kind == ChangeKind.Rescheduled),
                ledger.Count(c => c.Kind == ChangeKind.Cancelled)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void CorpusFile_EngineCountsAsExpected(string file)
    {
        var expected = Expectation.Read(Path.Combine(Folder, Path.ChangeExtension(file, ".expected")));
        var calendar = IcsHistory.Parse(File.ReadAllText(Path.Combine(Folder, file)));
        var ledger = calendar.ToLedger(new IcsLedgerOptions(expected.Horizon));

        var result = PairReplay.Run(PairOf(ledger, calendar.Zone ?? TimeZoneInfo.Utc), ledger, EngagementPolicy.Default, expected.Horizon);

        var signals = result.Signals.Select(s => s.Kind.ToString()).Distinct().ToList();
        var counted = string.Create(CultureInfo.InvariantCulture, $"meetings={result.Meetings.Count} held={result.Meetings.Count(m => m.Status == MeetingStatus.Held)} cancelled={result.Meetings.Count(m => m.Status == MeetingStatus.Cancelled)} moves={result.Meetings.Sum(m => m.TimesMoved)} postponements={result.Meetings.Sum(m => m.Postponements)} signals={(signals.Count == 0 ? "none" : string.Join(',', signals))}");
        Assert.True(expected.Engine == counted, $"{file}: the .expected file says 'engine {expected.Engine}'; the engine counts 'engine {counted}'.");
    }

    [Fact]
    public void Corpus_HasTheShapesTheIssueNames()
    {
        var files = Directory.GetFiles(Folder, "*.ics").Select(f => Path.GetFileName(f)).ToList();

        Assert.All(["google-", "outlook-", "exchange-", "thunderbird-", "apple-", "itip-"], prefix => Assert.Contains(files, f => f.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(Folder, Path.ChangeExtension(f, ".expected"))), $"{f} has no .expected file"));
    }

    /// <summary>The pair as <c>replay</c> takes it from a file: started at its first meeting, both people in the file's zone.</summary>
    private static PairContext PairOf(IReadOnlyList<LedgerChange> ledger, TimeZoneInfo zone) => new(
        "corpus",
        "corpus",
        new Participant("mentor", Party.Mentor, zone),
        new Participant("mentee", Party.Mentee, zone),
        ledger.Where(c => c is { Kind: ChangeKind.Scheduled, Start: not null }).Min(c => c.Start!.Value),
        Cycle: null,
        ProgramTimeZone: zone);

    private static string Describe(LedgerChange change) => change.Kind switch
    {
        ChangeKind.Cancelled => $"cancelled {change.MeetingId} {Time(change.Start)} @{Time(change.ChangedAt)}",
        ChangeKind.Rescheduled => $"rescheduled {change.MeetingId} {Time(change.Start)}/{Time(change.End)} from {Time(change.PreviousStart)} @{Time(change.ChangedAt)}",
        _ => $"{change.Kind.ToString().ToLowerInvariant()} {change.MeetingId} {Time(change.Start)}/{Time(change.End)} @{Time(change.ChangedAt)}",
    };

    private static string Time(DateTimeOffset? instant) =>
        instant is { } i ? i.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) : "-";

    private sealed record Expectation(DateTimeOffset Horizon, (int Meetings, int Moves, int Cancellations) Counts, string? Engine, IReadOnlyList<string> Changes)
    {
        public static Expectation Read(string path)
        {
            var lines = File.ReadAllLines(path).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            var horizon = DateTimeOffset.Parse(lines.Single(l => l.StartsWith("horizon ", StringComparison.Ordinal))["horizon ".Length..], CultureInfo.InvariantCulture);
            var counts = lines.Single(l => l.StartsWith("expect ", StringComparison.Ordinal))["expect ".Length..].Split(' ')
                .Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
            return new Expectation(
                horizon,
                (counts["meetings"], counts["moves"], counts["cancellations"]),
                lines.SingleOrDefault(l => l.StartsWith("engine ", StringComparison.Ordinal))?["engine ".Length..],
                [.. lines.Where(l => !l.StartsWith("horizon ", StringComparison.Ordinal) && !l.StartsWith("expect ", StringComparison.Ordinal) && !l.StartsWith("engine ", StringComparison.Ordinal))]);
        }
    }
}
