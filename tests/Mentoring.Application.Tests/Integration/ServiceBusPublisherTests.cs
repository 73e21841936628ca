using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Mentoring.Application.Integration;

namespace Mentoring.Tests.Integration;

public sealed class ServiceBusPublisherTests
{
    [Fact]
    public async Task Publish_AtRiskEvent_SendsOneMessageWithStableIdAndSubject()
    {
        var sender = new RecordingSender();
        var publisher = new ServiceBusIntegrationEventPublisher(sender);
        var e = new IntegrationEvent("prog/pair-1/pair.at_risk/ep-start/AtRisk", IntegrationEvent.PairAtRisk, "prog", "pair-1",
            new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero), new Dictionary<string, string> { ["riskLevel"] = "AtRisk" });

        await publisher.PublishAsync(e, default);

        var sent = Assert.Single(sender.Sent);
        // As a subscriber would receive it.
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: sent.Body, messageId: sent.MessageId, subject: sent.Subject, contentType: sent.ContentType,
            properties: sent.ApplicationProperties);
        Assert.Equal(e.EventId, received.MessageId);
        Assert.Equal("pair.at_risk", received.Subject);
        Assert.Equal("pair-1", received.ApplicationProperties["pairId"]);
        Assert.Equal("AtRisk", JsonDocument.Parse(received.Body.ToString()).RootElement.GetProperty("data").GetProperty("riskLevel").GetString());
    }

    [Fact]
    public void MessageIdOf_LongEventId_FitsServiceBusLimit() =>
        Assert.Equal(64, ServiceBusIntegrationEventPublisher.MessageIdOf(new string('e', 300)).Length);

    /// <summary>ServiceBusSender's members are virtual for this: no emulator runs here.</summary>
    private sealed class RecordingSender : ServiceBusSender
    {
        public List<ServiceBusMessage> Sent { get; } = [];

        public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
