using System.Globalization;
using Mentoring.Application.Calendars.Ics;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Tests.Calendars.Ics;

/// <summary>
/// Calendar files in the shapes Google, Outlook/Exchange, Thunderbird, Apple and iTIP exchanges write them (Corpus/),
/// each read as the pair's ledger and compared, change by change, with the .expected file beside it: "horizon", the
/// counts ("expect meetings= moves= cancellations="), then every change in meeting order.
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

    [Fact]
    public void Corpus_HasTheShapesTheIssueNames()
    {
        var files = Directory.GetFiles(Folder, "*.ics").Select(f => Path.GetFileName(f)).ToList();

        Assert.All(["google-", "outlook-", "exchange-", "thunderbird-", "apple-", "itip-"], prefix => Assert.Contains(files, f => f.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(Folder, Path.ChangeExtension(f, ".expected"))), $"{f} has no .expected file"));
    }

    private static string Describe(LedgerChange change) => change.Kind switch
    {
        ChangeKind.Cancelled => $"cancelled {change.MeetingId} {Time(change.Start)} @{Time(change.ChangedAt)}",
        ChangeKind.Rescheduled => $"rescheduled {change.MeetingId} {Time(change.Start)}/{Time(change.End)} from {Time(change.PreviousStart)} @{Time(change.ChangedAt)}",
        _ => $"{change.Kind.ToString().ToLowerInvariant()} {change.MeetingId} {Time(change.Start)}/{Time(change.End)} @{Time(change.ChangedAt)}",
    };

    private static string Time(DateTimeOffset? instant) =>
        instant is { } i ? i.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) : "-";

    private sealed record Expectation(DateTimeOffset Horizon, (int Meetings, int Moves, int Cancellations) Counts, IReadOnlyList<string> Changes)
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
                [.. lines.Where(l => !l.StartsWith("horizon ", StringComparison.Ordinal) && !l.StartsWith("expect ", StringComparison.Ordinal))]);
        }
    }
}
