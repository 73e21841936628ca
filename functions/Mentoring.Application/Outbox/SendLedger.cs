using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mentoring.Application.Outbox.Suppressions;
using Mentoring.Application.Storage;
using Mentoring.Engine.Sending;

namespace Mentoring.Application.Outbox;

/// <summary>
/// One person's capped emails, across every program they are in: table <c>sendledger</c>, PK = the keyed hash of their
/// normalised address (the suppression list's hash: the same mailbox in any program, and no address stored), RK =
/// "capped". The row lists each capped email's place — when it went or is booked to go — and its turn (the order in which
/// places were booked), from 7 days back on; a claim names its email by a hash of the outbox row's id.
/// <para>
/// A dispatcher claims its email's place under If-Match: it reads the places, lets the engine's send rules judge with
/// those that count for it (<see cref="CapPlaces"/>, <see cref="SendRules"/>), writes its own place — now when the email
/// goes (moved to when it actually went once the provider took it), the instant it was deferred to when not, none when
/// it is cancelled or skipped — and on 412 (or 409 for a first row) reads again and judges again. So dispatchers racing
/// for one person, in one program or several, never exceed the cap, and deferred emails are sent in the order they were
/// booked: a late wake-up keeps its turn.
/// </para>
/// </summary>
internal sealed class SendLedger(TableServiceClient tables, SuppressionStore suppressions)
{
    private const string Row = "capped";
    private const string PlacesProperty = "Places";
    private const int MaxAttempts = 100;

    /// <summary>Far more than a person's capped emails can book ahead; past it a deferral is judged without booking its place.</summary>
    private const int MaxPlacesLength = 60_000;

    private readonly TableClient _table = tables.GetTableClient(TableNames.SendLedger);

    /// <summary>The claim of one outbox row: stable across retries, and not the row's id (which names the program and pair).</summary>
    public static string ClaimOf(OutboxRef row) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(row.Partition + "/" + row.RowKey)))[..32];

    /// <summary>
    /// Judges the email with the person's other capped emails that count for it (<see cref="CapPlaces.ThatCount"/>) and
    /// records its place as judged, keeping its turn; returns the verdict that was recorded.
    /// </summary>
    public Task<SendVerdict> ClaimAsync(
        string address, string claim, DateTimeOffset now, Func<IReadOnlyList<DateTimeOffset>, SendVerdict> judge, CancellationToken ct) =>
        UpdateAsync<SendVerdict>(
            address,
            now,
            claim,
            (others, own) =>
            {
                var verdict = judge(CapPlaces.ThatCount(others, own?.Turn, now));
                return (verdict, verdict.Kind is SendVerdictKind.Go or SendVerdictKind.Defer ? verdict.At : (DateTimeOffset?)null);
            },
            ct);

    /// <summary>Moves the email's place to when it actually went (after the claim, by the time the provider took it).</summary>
    public Task RecordSentAsync(string address, string claim, DateTimeOffset sentAt, CancellationToken ct) =>
        UpdateAsync(address, sentAt, claim, (_, own) => (true, own is null ? null : (DateTimeOffset?)sentAt), ct);

    /// <summary>The instants booked for the person, in order (tests and diagnostics).</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> PlacesAsync(string address, CancellationToken ct)
    {
        var read = await _table.GetEntityIfExistsAsync<TableEntity>(await suppressions.HashAsync(address, ct), Row, cancellationToken: ct);
        return read.HasValue && read.Value is { } row ? [.. Parse(row.GetString(PlacesProperty)).Select(p => p.At)] : [];
    }

    /// <summary>
    /// Reads the person's row, lets <paramref name="decide"/> say where the claim's place goes (null: nowhere) given the
    /// other places and its own, and writes the row back under If-Match (409 for a first row); on a conflict, again.
    /// </summary>
    private async Task<T> UpdateAsync<T>(
        string address, DateTimeOffset now, string claim, Func<IReadOnlyList<CapPlace>, CapPlace?, (T Result, DateTimeOffset? At)> decide, CancellationToken ct)
    {
        var person = await suppressions.HashAsync(address, ct);
        for (var attempt = 1; ; attempt++)
        {
            var read = await _table.GetEntityIfExistsAsync<TableEntity>(person, Row, cancellationToken: ct);
            var text = read.HasValue ? read.Value!.GetString(PlacesProperty) : null;
            var stored = Parse(text);
            var own = stored.FirstOrDefault(p => p.Claim == claim);
            var others = stored.Where(p => p.Claim != claim && SendWindow.StillCounts(p.At, now)).ToList();
            var (result, at) = decide([.. others.Select(p => new CapPlace(p.At, p.Turn))], own is null ? null : new CapPlace(own.At, own.Turn));
            var places = at is { } placed
                ? [.. others.Append(new Place(claim, placed, own?.Turn ?? NextTurn(stored))).OrderBy(p => p.At)]
                : others;
            var written = JsonSerializer.Serialize(places, StorageJson.Options);
            if (written.Length > MaxPlacesLength)
                written = JsonSerializer.Serialize(others, StorageJson.Options);
            if (read.HasValue ? written == text : places.Count == 0)
                return result;

            try
            {
                var entity = new TableEntity(person, Row) { [PlacesProperty] = written };
                if (read.HasValue)
                    await _table.UpdateEntityAsync(entity, read.Value!.ETag, TableUpdateMode.Replace, ct);
                else
                    await _table.AddEntityAsync(entity, ct);
                return result;
            }
            catch (RequestFailedException e) when (e.IsConcurrencyConflict() && attempt < MaxAttempts)
            {
                // Another dispatcher wrote this person's row since we read it: read it again and judge again, after a
                // moment at random so that many racing for one person do not keep colliding in step.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 + (10 * Math.Min(attempt, 10)))), ct);
            }
        }
    }

    /// <summary>Turns only grow while the row holds places; once every place has aged out, counting starts again.</summary>
    private static long NextTurn(List<Place> stored) => stored.Count == 0 ? 1 : stored.Max(p => p.Turn) + 1;

    private static List<Place> Parse(string? text) =>
        string.IsNullOrEmpty(text) ? [] : JsonSerializer.Deserialize<List<Place>>(text, StorageJson.Options) ?? [];

    private sealed record Place(string Claim, DateTimeOffset At, long Turn);
}
