using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Ingest.Connections;

/// <summary>
/// Connecting and disconnecting a calendar (the admin routes). Connecting saves the connection first, then does its first
/// work at once (Graph: create the subscription and read the window with delta; Google: open a channel and run a full
/// sync; ICS: the first poll) under <see cref="ConnectionMaintenance.GuardAsync"/>: a provider failure leaves the
/// connection saved with the failure on its health, and the timers retry. Disconnecting stops the subscription or channel
/// (best effort) and removes the rows.
/// </summary>
internal sealed partial class ConnectionOnboarding(
    ConnectionStore connections,
    GraphConnections graph,
    GoogleConnections google,
    IcsFeedPoller feeds,
    ConnectionMaintenance maintenance,
    TimeProvider time,
    ILogger<ConnectionOnboarding> logger)
{
    /// <summary>The saved connection with its health after the first attempt; null when it was connected already.</summary>
    public async Task<CalendarConnection?> ConnectAsync(CalendarConnection connection, CancellationToken ct)
    {
        if (!await connections.AddAsync(connection, ct))
            return null;
        var now = time.GetUtcNow();
        await maintenance.GuardAsync(connection, now, () => connection.Provider switch
        {
            CalendarConnection.Graph => graph.RecreateAsync(connection, ct),
            CalendarConnection.Google => OpenGoogleAsync(connection, now, ct),
            _ => feeds.PollAsync(connection, now, ct),
        }, ct);
        return await connections.GetAsync(connection.Provider, connection.ConnectionId, ct);
    }

    public async Task DisconnectAsync(CalendarConnection connection, CancellationToken ct)
    {
        try
        {
            if (connection.Provider == CalendarConnection.Graph)
                await graph.StopAsync(connection, ct);
            else if (connection.Provider == CalendarConnection.Google)
                await google.StopAsync(connection, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Best effort: an unreachable provider must not keep a connection an admin removed; the subscription or
            // channel expires by itself and its notifications no longer find a connection.
            LogStopFailed(connection.Provider, connection.ConnectionId, ConnectionMaintenance.KindOf(e));
        }

        await connections.DeleteAsync(connection, ct);
    }

    private async Task OpenGoogleAsync(CalendarConnection connection, DateTimeOffset now, CancellationToken ct)
    {
        await google.RenewAsync(connection, ct);
        var opened = await connections.GetAsync(connection.Provider, connection.ConnectionId, ct) ?? connection;
        await google.SyncAsync($"google-connect/{connection.ConnectionId}/{now.UtcTicks}", opened, ct);
    }

    [LoggerMessage(4303, LogLevel.Warning, "Could not stop the {Provider} subscription of connection {ConnectionId} ({Kind}); removed anyway")]
    private partial void LogStopFailed(string provider, string connectionId, string kind);
}
