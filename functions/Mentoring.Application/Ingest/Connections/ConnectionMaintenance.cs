using System.Net;
using Mentoring.Application.Integration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Ingest.Connections;

/// <summary>
/// The <c>SubscriptionRenewalSchedule</c> timer: for every Graph and Google connection, renew the subscription or channel
/// when it expires within <see cref="CalendarClientOptions.RenewBefore"/>, then reconcile (delta / sync token) to catch
/// what notifications dropped. Each connection's outcome is recorded on its row (connected, or failing since when and the
/// kind of error); after <see cref="ConnectionHealth.FailingAfter"/> failures in a row the owner gets one
/// <c>calendar.reconnect_needed</c> integration event. One broken connection never stops the others.
/// </summary>
internal sealed partial class ConnectionMaintenance(
    ConnectionStore connections,
    GraphConnections graph,
    GoogleConnections google,
    LedgerIngest ingest,
    IIntegrationEventPublisher events,
    IOptions<CalendarClientOptions> options,
    TimeProvider time,
    ILogger<ConnectionMaintenance> logger)
{
    public const string ReconnectNeeded = "calendar.reconnect_needed";

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var renewBefore = options.Value.RenewBefore;
        foreach (var connection in await connections.ListAsync(CalendarConnection.Graph, ct))
        {
            await GuardAsync(connection, now, async () =>
            {
                if (connection.ExpiresAt is null || connection.ExpiresAt - now < renewBefore)
                    await graph.RenewAsync(connection, ct);
                if (await connections.GetAsync(connection.Provider, connection.ConnectionId, ct) is { } current)
                    await graph.ResyncAsync(current, ct);
            }, ct);
        }

        foreach (var connection in await connections.ListAsync(CalendarConnection.Google, ct))
        {
            await GuardAsync(connection, now, async () =>
            {
                if (connection.ExpiresAt is null || connection.ExpiresAt - now < renewBefore)
                    await google.RenewAsync(connection, ct);
                if (await connections.GetAsync(connection.Provider, connection.ConnectionId, ct) is { } current)
                    await google.SyncAsync($"google-sweep/{current.ConnectionId}/{now.UtcTicks}", current, ct);
            }, ct);
        }

        // Observations kept because they matched no pair: matched again (a write another instance made), expired ones dropped.
        await ingest.RematchAsync(ct);
    }

    /// <summary>Runs one connection's work and records its health; a failure is recorded (and nudged), never hidden.</summary>
    internal async Task GuardAsync(CalendarConnection connection, DateTimeOffset now, Func<Task> work, CancellationToken ct)
    {
        try
        {
            await work();
            await connections.UpdateAsync(connection.Provider, connection.ConnectionId, c => c with { Health = ConnectionHealth.Succeeded(now) }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var kind = KindOf(e);
            LogFailed(e.GetType().Name, connection.Provider, connection.ConnectionId, kind);
            var updated = await connections.UpdateAsync(connection.Provider, connection.ConnectionId, c => c with { Health = c.HealthOrNew.Failed(now, kind) }, ct);
            if (updated?.HealthOrNew is { IsFailing: true, NudgedAt: null } health)
            {
                await events.PublishAsync(
                    new IntegrationEvent(
                        $"{connection.ProgramId}/{ReconnectNeeded}/{connection.ConnectionId}/{health.FailingSince:O}",
                        ReconnectNeeded,
                        connection.ProgramId,
                        connection.PairId ?? "",
                        now,
                        new SortedDictionary<string, string>(StringComparer.Ordinal)
                        {
                            ["provider"] = connection.Provider,
                            ["connectionId"] = connection.ConnectionId,
                            ["participantId"] = connection.ParticipantId ?? "",
                            ["lastErrorKind"] = kind,
                        }),
                    ct);
                await connections.UpdateAsync(connection.Provider, connection.ConnectionId, c => c with { Health = c.HealthOrNew with { NudgedAt = now } }, ct);
                LogNudged(connection.Provider, connection.ConnectionId, health.Failures);
            }
        }
    }

    /// <summary>The kind of a failure, fit for an admin screen: a status code or a category, never a message.</summary>
    internal static string KindOf(Exception e) => e switch
    {
        Microsoft.Kiota.Abstractions.ApiException { ResponseStatusCode: > 0 and var status } => $"http-{status}",
        _ when Outbound.RefusedTargetException.IsIn(e) => Outbound.RefusedTargetException.Kind,
        HttpRequestException { StatusCode: HttpStatusCode status } => $"http-{(int)status}",
        HttpRequestException => "network",
        OperationCanceledException => "timeout",
        InvalidDataException or System.Text.Json.JsonException or HistoryFormatException => "bad-response",
        _ => e.GetType().Name,
    };

    [LoggerMessage(4301, LogLevel.Warning, "{ExceptionType} on {Provider} connection {ConnectionId} ({Kind}); recorded on the connection")]
    private partial void LogFailed(string exceptionType, string provider, string connectionId, string kind);

    [LoggerMessage(4302, LogLevel.Warning, "{Provider} connection {ConnectionId} failed {Failures} times in a row; the owner was asked to reconnect")]
    private partial void LogNudged(string provider, string connectionId, int failures);
}
