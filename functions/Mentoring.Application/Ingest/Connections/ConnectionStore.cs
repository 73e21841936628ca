using Azure.Data.Tables;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Ingest.Connections;

/// <summary>
/// Table <c>calendarconnections</c>: PK = provider, RK = connection id (the connection, its cursor and its health);
/// PK = <c>{provider}-sub</c>, RK = subscription or channel id → connection id (to find a notification's connection).
/// </summary>
internal sealed class ConnectionStore(TableServiceClient tables)
{
    public const string TableName = "calendarconnections";
    private const string SubscriptionSuffix = "-sub";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public Task CreateTableAsync(CancellationToken ct) => _table.CreateIfNotExistsAsync(ct);

    /// <summary>Writes a connection (and the index row of its subscription or channel id).</summary>
    public async Task SaveAsync(CalendarConnection connection, CancellationToken ct)
    {
        if (connection.SubscriptionId is { } subscription)
        {
            await _table.UpsertEntityAsync(
                new TableEntity(connection.Provider + SubscriptionSuffix, Keys.Encode(subscription)) { ["ConnectionId"] = connection.ConnectionId },
                TableUpdateMode.Replace,
                ct);
        }

        await _table.UpsertEntityAsync(ToEntity(connection), TableUpdateMode.Replace, ct);
    }

    /// <summary>Adds a new connection; false when the program already has this provider's resource connected.</summary>
    public Task<bool> AddAsync(CalendarConnection connection, CancellationToken ct) => _table.TryAddAsync(ToEntity(connection), ct);

    /// <summary>Removes a connection and the index row of its current subscription or channel.</summary>
    public async Task DeleteAsync(CalendarConnection connection, CancellationToken ct)
    {
        if (connection.SubscriptionId is { } subscription)
            await ForgetSubscriptionAsync(connection.Provider, subscription, ct);
        await _table.DeleteEntityAsync(connection.Provider, Keys.Encode(connection.ConnectionId), Azure.ETag.All, ct);
    }

    /// <summary>Drops the index row of a subscription or channel that was replaced or stopped.</summary>
    public async Task ForgetSubscriptionAsync(string provider, string subscriptionId, CancellationToken ct) =>
        await _table.DeleteEntityAsync(provider + SubscriptionSuffix, Keys.Encode(subscriptionId), Azure.ETag.All, ct);

    public async Task<CalendarConnection?> GetAsync(string provider, string connectionId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(provider, Keys.Encode(connectionId), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? ToConnection(e) : null;
    }

    public Task<CalendarConnection?> FindByChannelAsync(string channelId, CancellationToken ct) =>
        FindBySubscriptionAsync(CalendarConnection.Google, channelId, ct);

    /// <summary>The connection a Graph subscription id or Google channel id belongs to, while it is the current one.</summary>
    public async Task<CalendarConnection?> FindBySubscriptionAsync(string provider, string subscriptionId, CancellationToken ct)
    {
        var index = await _table.GetEntityIfExistsAsync<TableEntity>(provider + SubscriptionSuffix, Keys.Encode(subscriptionId), cancellationToken: ct);
        if (!index.HasValue || index.Value?.GetString("ConnectionId") is not { } id)
            return null;
        return await GetAsync(provider, id, ct) is { } connection && connection.SubscriptionId == subscriptionId ? connection : null;
    }

    /// <summary>Every connection of a provider (the renewal timer and the admin status list read these).</summary>
    public async Task<List<CalendarConnection>> ListAsync(string provider, CancellationToken ct)
    {
        var rows = await _table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {provider}"), ct);
        return [.. rows.Select(ToConnection)];
    }

    /// <summary>Every connection of a program with its health: what an admin reads to see a calendar that stopped.</summary>
    public async Task<List<CalendarConnection>> ListForProgramAsync(string programId, CancellationToken ct)
    {
        var all = new List<CalendarConnection>();
        foreach (var provider in new[] { CalendarConnection.Graph, CalendarConnection.Google, CalendarConnection.Ics })
            all.AddRange((await ListAsync(provider, ct)).Where(c => c.ProgramId == programId));
        return all;
    }

    /// <summary>Read-modify-write under If-Match (retried on 412); null when the connection is gone.</summary>
    public async Task<CalendarConnection?> UpdateAsync(
        string provider, string connectionId, Func<CalendarConnection, CalendarConnection> change, CancellationToken ct)
    {
        CalendarConnection? result = null;
        var written = await _table.UpdateAsync(provider, Keys.Encode(connectionId), e =>
        {
            result = change(ToConnection(e));
            foreach (var (key, value) in ToEntity(result))
            {
                if (key is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp"))
                    e[key] = value;
            }

            return true;
        }, ct);
        return written is null ? null : result;
    }

    private static TableEntity ToEntity(CalendarConnection c)
    {
        var health = c.HealthOrNew;
        return new TableEntity(c.Provider, Keys.Encode(c.ConnectionId))
        {
            ["ConnectionId"] = c.ConnectionId,
            ["ProgramId"] = c.ProgramId,
            ["ParticipantId"] = c.ParticipantId,
            ["PairId"] = c.PairId,
            ["Resource"] = c.Resource,
            ["SubscriptionId"] = c.SubscriptionId,
            ["ResourceId"] = c.ResourceId,
            ["ExpiresAt"] = c.ExpiresAt,
            ["Cursor"] = c.Cursor,
            ["LastModified"] = c.LastModified,
            ["Connected"] = health.Connected,
            ["FailingSince"] = health.FailingSince,
            ["LastErrorKind"] = health.LastErrorKind,
            ["Failures"] = health.Failures,
            ["LastSuccessAt"] = health.LastSuccessAt,
            ["NudgedAt"] = health.NudgedAt,
            ["ReadAt"] = c.ReadAt,
        };
    }

    private static CalendarConnection ToConnection(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("ConnectionId"),
        e.GetString("ProgramId"),
        e.GetString("ParticipantId"),
        e.GetString("PairId"),
        e.GetString("Resource"),
        e.GetString("SubscriptionId"),
        e.GetString("ResourceId"),
        e.GetDateTimeOffset("ExpiresAt"),
        e.GetString("Cursor"),
        e.GetString("LastModified"),
        new ConnectionHealth(
            e.GetBoolean("Connected") ?? true,
            e.GetDateTimeOffset("FailingSince"),
            e.GetString("LastErrorKind"),
            e.GetInt32("Failures") ?? 0,
            e.GetDateTimeOffset("LastSuccessAt"),
            e.GetDateTimeOffset("NudgedAt")),
        e.GetDateTimeOffset("ReadAt"))
    {
        ETag = e.ETag,
    };
}
