using System.Text;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Mentoring.Application.Queues;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Ingest;

/// <summary>
/// Erasure's part in the calendar pipeline: the raw deliveries parked in <c>calendar-changes-poison</c> and the
/// observations kept because they matched no pair (<see cref="MeetingStore.KeepUnmatchedAsync"/>) that carry the erased
/// address are deleted. Deliveries still waiting in <c>calendar-changes</c> are handled within minutes and expire after
/// <see cref="QueueNames.RawDeliveryLifetime"/> at the latest.
/// </summary>
internal sealed partial class ErasedDeliveries(MessageQueues queues, MeetingStore meetings, ILogger<ErasedDeliveries> logger)
{
    /// <summary>At most this many poison messages are read per erasure (a poison queue is emptied by people, not grown).</summary>
    public const int MaxScanned = 5000;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Deletes what mentions <paramref name="email"/>; returns how many poison messages and kept observations went.</summary>
    public async Task<(int Poison, int Kept)> ForgetAsync(string email, string programId, CancellationToken ct)
    {
        var poison = await ForgetPoisonAsync(email, ct);
        var kept = await meetings.DropKeptMentioningAsync(email, programId, ct);
        LogForgotten(poison, kept);
        return (poison, kept);
    }

    private async Task<int> ForgetPoisonAsync(string email, CancellationToken ct)
    {
        var queue = queues.Client(QueueNames.PoisonOf(QueueNames.CalendarChanges));
        if (!await queue.ExistsAsync(ct))
            return 0;

        // Peek gives no pop receipt: receive each message invisibly, delete what mentions the address, and make the rest
        // visible again at the end (not at once, or the next receive would return them again).
        var others = new List<QueueMessage>();
        var deleted = 0;
        try
        {
            for (var scanned = 0; scanned < MaxScanned;)
            {
                QueueMessage[] batch = await queue.ReceiveMessagesAsync(32, Lease, ct);
                if (batch.Length == 0)
                    break;
                scanned += batch.Length;
                foreach (var message in batch)
                {
                    if (Mentions(message.Body.ToString(), email))
                    {
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                        deleted++;
                    }
                    else
                    {
                        others.Add(message);
                    }
                }
            }
        }
        finally
        {
            foreach (var message in others)
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
        }

        return deleted;
    }

    /// <summary>
    /// Whether a parked message holds the address: in its text, or in the raw provider body a delivery carries base64
    /// (also where the provider escaped it in JSON).
    /// </summary>
    internal static bool Mentions(string message, string email)
    {
        if (message.Contains(email, StringComparison.OrdinalIgnoreCase))
            return true;
        try
        {
            using var document = JsonDocument.Parse(message);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.String)
                return false;
            var raw = Encoding.UTF8.GetString(Convert.FromBase64String(body.GetString()!));
            return raw.Contains(email, StringComparison.OrdinalIgnoreCase) || StringsOf(raw).Any(s => s.Contains(email, StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return false;
        }
    }

    /// <summary>Every string in a JSON text, unescaped; none when it is not JSON.</summary>
    private static List<string> StringsOf(string json)
    {
        var strings = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                    strings.Add(reader.GetString() ?? "");
            }
        }
        catch (JsonException)
        {
            // Not JSON (why it was parked, perhaps): its plain text was searched already.
        }

        return strings;
    }

    [LoggerMessage(4204, LogLevel.Information, "Erasure: {Poison} parked calendar deliveries and {Kept} unmatched observations deleted")]
    private partial void LogForgotten(int poison, int kept);
}
