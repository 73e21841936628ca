namespace Mentoring.Application.Integration;

/// <summary>The boundary to other systems (HR, reporting): a Service Bus topic when configured.</summary>
internal interface IIntegrationEventPublisher
{
    Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken ct);
}
