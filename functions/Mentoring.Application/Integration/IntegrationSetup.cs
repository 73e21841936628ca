using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mentoring.Application.Integration;

/// <summary>Section <c>ServiceBus</c>: a namespace (managed identity) or a connection string, and the topic.</summary>
internal sealed class ServiceBusOptions
{
    public string? FullyQualifiedNamespace { get; set; }

    public string? ConnectionString { get; set; }

    public string Topic { get; set; } = "integration-events";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(FullyQualifiedNamespace) || !string.IsNullOrWhiteSpace(ConnectionString);
}

public static class IntegrationSetup
{
    /// <summary>Integration events go to the Service Bus topic when one is configured, else to the log.</summary>
    public static TBuilder AddIntegrationEvents<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection("ServiceBus").Get<ServiceBusOptions>() ?? new ServiceBusOptions();
        if (!options.IsConfigured)
        {
            builder.Services.AddSingleton<IIntegrationEventPublisher, LoggingIntegrationEventPublisher>();
            return builder;
        }

        builder.Services.AddSingleton(_ => string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new ServiceBusClient(options.FullyQualifiedNamespace!, (TokenCredential)new DefaultAzureCredential())
            : new ServiceBusClient(options.ConnectionString));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateSender(options.Topic));
        builder.Services.AddSingleton<IIntegrationEventPublisher, ServiceBusIntegrationEventPublisher>();
        return builder;
    }
}
