using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Mentoring.Application.Integration;
using Moq;

namespace Mentoring.Tests.Integration;

public sealed class ServiceBusPublisherTests
{
    [Fact]
    public async Task Publish_AtRiskEvent_SendsOneMessageWithStableIdAndSubject()
    {
        var sent = new List<ServiceBusMessage>();
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((message, _) => sent.Add(message))
            .Returns(Task.CompletedTask);
        var publisher = new ServiceBusIntegrationEventPublisher(sender.Object);
        var e = new IntegrationEvent("prog/pair-1/pair.at_risk/ep-start/AtRisk", IntegrationEvent.PairAtRisk, "prog", "pair-1",
            new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero), new Dictionary<string, string> { ["riskLevel"] = "AtRisk" });

        await publisher.PublishAsync(e, default);

        var message = Assert.Single(sent);
        // As a subscriber would receive it.
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: message.Body, messageId: message.MessageId, subject: message.Subject, contentType: message.ContentType,
            properties: message.ApplicationProperties);
        Assert.Equal(e.EventId, received.MessageId);
        Assert.Equal("pair.at_risk", received.Subject);
        Assert.Equal("pair-1", received.ApplicationProperties["pairId"]);
        Assert.Equal("AtRisk", JsonDocument.Parse(received.Body.ToString()).RootElement.GetProperty("data").GetProperty("riskLevel").GetString());
    }

    [Fact]
    public void MessageIdOf_LongEventId_FitsServiceBusLimit() =>
        Assert.Equal(64, ServiceBusIntegrationEventPublisher.MessageIdOf(new string('e', 300)).Length);
}
