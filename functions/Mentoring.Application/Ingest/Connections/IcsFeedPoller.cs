using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Mentoring.Application.Ingest.Ics;
using Mentoring.Application.Roster;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Ingest.Connections;

/// <summary>
/// The <c>IcsPollSchedule</c> timer: GETs every registered iCalendar feed with <c>If-None-Match</c> /
/// <c>If-Modified-Since</c>; a 304 changes nothing; a 200 goes through <see cref="IcsHistory"/> (as <c>replay</c> reads a
/// file) and its changes are appended to the pair's ledger (insert-if-absent by change id, so an unchanged event adds
/// nothing). Failures are recorded on the feed's row as for the other connections.
/// </summary>
/// <remarks>
/// Series are expanded up to <see cref="Ahead"/> past the poll, so the window moves with time although the text does
/// not: the feed is read in full (no conditional headers) once its last full read is <see cref="Reread"/> old, and a
/// delivery's id names the changes it carries, not the text, so occurrences that entered the window since reach the
/// ledger while an unchanged window still adds nothing.
/// </remarks>
internal sealed partial class IcsFeedPoller(
    IHttpClientFactory http,
    ConnectionStore connections,
    PairStore pairs,
    ParticipantStore participants,
    CalendarChangeHandler changes,
    ConnectionMaintenance maintenance,
    TimeProvider time,
    ILogger<IcsFeedPoller> logger)
{
    public const string HttpClientName = "ics-feeds";
    public static readonly int MaxFeedBytes = HistoryLimits.Feed.MaxChars;

    /// <summary>How long a feed has to arrive, headers and body; reading it has <see cref="HistoryLimits.Feed"/>'s budget.</summary>
    public static readonly TimeSpan FetchDeadline = TimeSpan.FromSeconds(10);

    /// <summary>How far past a poll a feed's series are expanded.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(30);

    /// <summary>How old the last full read may be before the feed is read in full again, unchanged or not.</summary>
    public static readonly TimeSpan Reread = TimeSpan.FromDays(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var feed in await connections.ListAsync(CalendarConnection.Ics, ct))
        {
            if (feed.PairId is null)
                continue; // a participant's own feed is read once it is tied to a pair
            await maintenance.GuardAsync(feed, now, () => PollAsync(feed, now, ct), ct);
        }
    }

    /// <summary>One conditional GET; returns how many ledger changes were new.</summary>
    public async Task<int> PollAsync(CalendarConnection feed, DateTimeOffset now, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, feed.Resource);
        if (feed.ReadAt is { } readAt && now - readAt < Reread)
        {
            if (feed.Cursor is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
                request.Headers.IfNoneMatch.Add(tag);
            if (feed.LastModified is { } modified && DateTimeOffset.TryParse(modified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
                request.Headers.IfModifiedSince = since;
        }

        // A feed that drips its bytes or never ends is cut at the deadline (recorded as a timeout), not after the client's 60 s.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(FetchDeadline);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            LogNotModified(feed.ConnectionId);
            return 0;
        }

        response.EnsureSuccessStatusCode();
        var text = await ReadCappedAsync(response.Content, deadline.Token);

        var pair = await pairs.GetAsync(feed.ProgramId, feed.PairId!, ct) ?? throw new InvalidOperationException("The feed's pair no longer exists.");
        var mentor = await participants.GetAsync(feed.ProgramId, pair.Pair.MentorId, ct);
        var mentee = await participants.GetAsync(feed.ProgramId, pair.Pair.MenteeId, ct);
        var ledger = Read(text, pair.Pair.StartedAt, now, mentor?.Email, mentee?.Email, ct);
        foreach (var chunk in ledger.Chunk(500))
        {
            // The same changes give the same unit id: a rerun after a failure, or an unchanged window, changes nothing twice.
            await changes.HandleAsync(new CalendarChanges($"ics/{feed.ConnectionId}/{DeliveryVersion(chunk)}", feed.ProgramId, feed.PairId!, chunk), ct);
        }

        await connections.UpdateAsync(feed.Provider, feed.ConnectionId, c => c with
        {
            Cursor = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.LastModified?.ToString("R"),
            ReadAt = now,
        }, ct);
        LogPolled(feed.ConnectionId, ledger.Count);
        return ledger.Count;
    }

    /// <summary>
    /// The feed as the pair's ledger, within <see cref="HistoryLimits.Feed"/>: size, line length, nesting, components,
    /// occurrences, and a time budget; series are read from a month before the pair started.
    /// </summary>
    internal static IReadOnlyList<Engine.Ledger.LedgerChange> Read(string text, DateTimeOffset pairStartedAt, DateTimeOffset now, string? mentorEmail, string? menteeEmail, CancellationToken ct)
    {
        var budget = new HistoryBudget(HistoryLimits.Feed, ct: ct);
        var from = HistoryBudget.InRange(pairStartedAt) ? pairStartedAt - TimeSpan.FromDays(31) : (DateTimeOffset?)null;
        return IcsHistory.Parse(text, budget: budget).Read(new IcsLedgerOptions(now + Ahead, mentorEmail, menteeEmail, from)).Changes;
    }

    /// <summary>A hash of the change ids a delivery carries.</summary>
    private static string DeliveryVersion(IEnumerable<Engine.Ledger.LedgerChange> chunk)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var change in chunk)
            hash.AppendData(Encoding.UTF8.GetBytes(change.ChangeId + "\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..24];
    }

    /// <summary>The body as text, refused past <see cref="MaxFeedBytes"/> whether or not a Content-Length said so.</summary>
    private static async Task<string> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength > MaxFeedBytes)
            throw new InvalidDataException("The feed is larger than a pair's calendar should be.");
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFeedBytes)
                throw new InvalidDataException("The feed is larger than a pair's calendar should be.");
            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    [LoggerMessage(4401, LogLevel.Debug, "ICS feed {ConnectionId}: not modified")]
    private partial void LogNotModified(string connectionId);

    [LoggerMessage(4402, LogLevel.Information, "ICS feed {ConnectionId}: {Changes} ledger changes read")]
    private partial void LogPolled(string connectionId, int changes);
}
