using System.Text.Json.Serialization;

namespace Mentoring.Application.Ingest.Graph;

/// <summary>One entry of a Graph change or lifecycle notification's <c>value</c> array.</summary>
internal sealed record GraphNotification(
    [property: JsonPropertyName("subscriptionId")] string? SubscriptionId,
    [property: JsonPropertyName("clientState")] string? ClientState,
    [property: JsonPropertyName("changeType")] string? ChangeType,
    [property: JsonPropertyName("resource")] string? Resource,
    [property: JsonPropertyName("resourceData")] GraphResourceData? ResourceData,
    [property: JsonPropertyName("tenantId")] string? TenantId,
    [property: JsonPropertyName("lifecycleEvent")] string? LifecycleEvent,
    [property: JsonPropertyName("subscriptionExpirationDateTime")] DateTimeOffset? SubscriptionExpirationDateTime);

internal sealed record GraphResourceData(
    [property: JsonPropertyName("@odata.type")] string? ODataType,
    [property: JsonPropertyName("@odata.id")] string? ODataId,
    [property: JsonPropertyName("id")] string? Id);

internal sealed record GraphNotificationCollection(
    [property: JsonPropertyName("value")] IReadOnlyList<GraphNotification?>? Value);
