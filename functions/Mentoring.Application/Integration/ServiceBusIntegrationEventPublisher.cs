using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Integration;

/// <summary>
/// Publishes to a Service Bus topic. The message id is derived from the event id, so the topic's duplicate detection
/// drops a republish after a crash between publishing and removing the pending event row.
/// </summary>
internal sealed class ServiceBusIntegrationEventPublisher(ServiceBusSender sender) : IIntegrationEventPublisher
{
    public async Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken ct)
    {
        var message = new ServiceBusMessage(BinaryData.FromString(JsonSerializer.Serialize(integrationEvent, StorageJson.Options)))
        {
            MessageId = MessageIdOf(integrationEvent.EventId),
            Subject = integrationEvent.Type,
            ContentType = "application/json",
            ApplicationProperties =
            {
                ["type"] = integrationEvent.Type,
                ["programId"] = integrationEvent.ProgramId,
                ["pairId"] = integrationEvent.PairId,
            },
        };
        await sender.SendMessageAsync(message, ct);
    }

    /// <summary>Service Bus message ids are at most 128 characters: long ids become their SHA-256.</summary>
    internal static string MessageIdOf(string eventId) =>
        eventId.Length <= 128 ? eventId : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));
}
