using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mentoring.Application.Ingest.Zoom;

/// <summary>Zoom's webhook envelope: <c>{event, event_ts, payload{account_id, object{…}}}</c>.</summary>
internal sealed record ZoomEnvelope(
    [property: JsonPropertyName("event")] string? Event,
    [property: JsonPropertyName("event_ts")] long? EventTs,
    [property: JsonPropertyName("payload")] JsonElement Payload);

/// <summary>The <c>payload.object</c> of <c>meeting.ended</c>.</summary>
internal sealed record ZoomMeetingObject(
    [property: JsonPropertyName("id")] JsonElement Id,
    [property: JsonPropertyName("uuid")] string? Uuid,
    [property: JsonPropertyName("host_id")] string? HostId,
    [property: JsonPropertyName("topic")] string? Topic,
    [property: JsonPropertyName("start_time")] DateTimeOffset? StartTime,
    [property: JsonPropertyName("end_time")] DateTimeOffset? EndTime);

/// <summary>The answer to <c>endpoint.url_validation</c>.</summary>
internal sealed record ZoomUrlValidationAnswer(
    [property: JsonPropertyName("plainToken")] string PlainToken,
    [property: JsonPropertyName("encryptedToken")] string EncryptedToken);
