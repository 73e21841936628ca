using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Integration.Subscriptions;

/// <summary>An HTTPS endpoint registered for some integration event types of one program.</summary>
internal sealed record Subscription(string ProgramId, string Id, Uri Url, IReadOnlyList<string> EventTypes, string Secret, DateTimeOffset CreatedAt)
{
    public bool Wants(string type) => EventTypes.Contains(type, StringComparer.Ordinal) || EventTypes.Contains("*", StringComparer.Ordinal);
}

/// <summary>One attempt at a delivery, as logged.</summary>
internal sealed record DeliveryAttempt(string DeliveryId, string EventType, int Attempt, DateTimeOffset At, int? StatusCode, string Outcome, DateTimeOffset? NextAttemptAt);

/// <summary>Tables <c>subscriptions</c> (PK = program) and <c>webhookdeliveries</c> (PK = program~subscription, newest first).</summary>
internal sealed class SubscriptionStore(TableServiceClient tables)
{
    private readonly TableClient _subscriptions = tables.GetTableClient(Admin.AdminTables.Subscriptions);
    private readonly TableClient _deliveries = tables.GetTableClient(Admin.AdminTables.Deliveries);

    public async Task AddAsync(Subscription s, CancellationToken ct) =>
        await _subscriptions.AddEntityAsync(
            new TableEntity(Keys.Encode(s.ProgramId), Keys.Encode(s.Id))
            {
                ["ProgramId"] = s.ProgramId,
                ["SubscriptionId"] = s.Id,
                ["Url"] = s.Url.AbsoluteUri,
                ["EventTypes"] = JsonSerializer.Serialize(s.EventTypes, StorageJson.Options),
                ["Secret"] = s.Secret,
                ["CreatedAt"] = s.CreatedAt,
            },
            ct);

    public async Task<Subscription?> GetAsync(string programId, string id, CancellationToken ct)
    {
        var row = await _subscriptions.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(programId), Keys.Encode(id), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? ToSubscription(e) : null;
    }

    public async Task<List<Subscription>> ListAsync(string programId, CancellationToken ct)
    {
        var rows = await _subscriptions.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(programId)}"), ct);
        return [.. rows.Select(ToSubscription)];
    }

    public async Task<bool> DeleteAsync(string programId, string id, CancellationToken ct)
    {
        var response = await _subscriptions.DeleteEntityAsync(Keys.Encode(programId), Keys.Encode(id), ETag.All, ct);
        return response.Status != 404;
    }

    public async Task LogAsync(string programId, string subscriptionId, DeliveryAttempt attempt, CancellationToken ct)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - attempt.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        await _deliveries.UpsertEntityAsync(
            new TableEntity(Keys.Encode(programId) + Keys.Separator + Keys.Encode(subscriptionId), $"{inverted}{Keys.Separator}{Keys.Encode(attempt.DeliveryId)}{Keys.Separator}{attempt.Attempt}")
            {
                ["DeliveryId"] = attempt.DeliveryId,
                ["EventType"] = attempt.EventType,
                ["Attempt"] = attempt.Attempt,
                ["At"] = attempt.At,
                ["StatusCode"] = attempt.StatusCode,
                ["Outcome"] = attempt.Outcome,
                ["NextAttemptAt"] = attempt.NextAttemptAt,
            },
            TableUpdateMode.Replace,
            ct);
    }

    public async Task<List<DeliveryAttempt>> DeliveriesAsync(string programId, string subscriptionId, int max, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(programId) + Keys.Separator + Keys.Encode(subscriptionId)}");
        var list = new List<DeliveryAttempt>();
        await foreach (var e in _deliveries.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: ct))
        {
            list.Add(new DeliveryAttempt(e.GetString("DeliveryId"), e.GetString("EventType"), e.GetInt32("Attempt") ?? 0, e.GetDateTimeOffset("At") ?? default,
                e.GetInt32("StatusCode"), e.GetString("Outcome") ?? "", e.GetDateTimeOffset("NextAttemptAt")));
            if (list.Count >= max)
                break;
        }

        return list;
    }

    private static Subscription ToSubscription(TableEntity e) => new(
        e.GetString("ProgramId"),
        e.GetString("SubscriptionId"),
        new Uri(e.GetString("Url")),
        JsonSerializer.Deserialize<List<string>>(e.GetString("EventTypes") ?? "[]", StorageJson.Options) ?? [],
        e.GetString("Secret"),
        e.GetDateTimeOffset("CreatedAt") ?? default);
}
