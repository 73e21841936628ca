using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Integration;

/// <summary>Where no Service Bus is configured (locally): the event is logged by type and ids, and goes nowhere.</summary>
internal sealed partial class LoggingIntegrationEventPublisher(ILogger<LoggingIntegrationEventPublisher> logger) : IIntegrationEventPublisher
{
    public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken ct)
    {
        LogEvent(integrationEvent.Type, integrationEvent.ProgramId, integrationEvent.PairId);
        return Task.CompletedTask;
    }

    [LoggerMessage(7201, LogLevel.Information, "Integration event {Type} for pair {ProgramId}/{PairId} (no Service Bus configured)")]
    private partial void LogEvent(string type, string programId, string pairId);
}
