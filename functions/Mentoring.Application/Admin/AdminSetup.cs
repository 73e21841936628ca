using Mentoring.Application.Admin.Participants;
using Mentoring.Application.Admin.Programs;
using Mentoring.Application.Admin.Reading;
using Mentoring.Application.Auth;
using Mentoring.Application.Integration;
using Mentoring.Application.Integration.Subscriptions;
using Mentoring.Application.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mentoring.Application.Admin;

public static class AdminSetup
{
    /// <summary>The admin API: auth, its stores and tables, and integration subscriptions (after AddIntegrationEvents).</summary>
    public static TBuilder AddAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddAdminAuth();
        var services = builder.Services;
        services.AddOptions<AdminOptions>()
            .BindConfiguration(AdminOptions.Section)
            .Validate(o => o.IsValid, "Admin: caps must be positive (MaxCsvRecordBytes at least 1024); MaxPageSize ≥ DefaultPageSize and ≤ 1000.")
            .ValidateOnStart();
        services.AddHostedService<AdminTablesInitializer>();
        services.AddSingleton<ProgramProfileStore>();
        services.AddSingleton<ParticipantRows>();
        services.AddSingleton<PairReader>();
        services.AddAdminHandlers();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<WebhookDeliveryHandler>();
        services.AddUserTargetClient(WebhookDeliveryHandler.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));

        // Every integration event also goes to the program's subscribers: decorate the publisher the host chose.
        var chosen = services.LastOrDefault(d => d.ServiceType == typeof(IIntegrationEventPublisher))
            ?? throw new InvalidOperationException("AddIntegrationEvents must run before AddAdmin.");
        services.Remove(chosen);
        services.AddSingleton<IIntegrationEventPublisher>(sp => new SubscriptionPublisher(
            (IIntegrationEventPublisher)(chosen.ImplementationInstance
                ?? chosen.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, chosen.ImplementationType!)),
            sp.GetRequiredService<SubscriptionStore>(),
            sp.GetRequiredService<Queues.MessageQueues>()));
        return builder;
    }

    /// <summary>The route handlers <see cref="AdminEndpoints"/> resolves per request (<see cref="AdminEndpoint.Define{THandler}"/>).</summary>
    private static void AddAdminHandlers(this IServiceCollection services)
    {
        services.AddSingleton<ProgramHandlers>();
        services.AddSingleton<ParticipantHandlers>();
        services.AddSingleton<Privacy.PrivacyHandlers>();
        services.AddSingleton<Pairs.PairHandlers>();
        services.AddSingleton<ReadingHandlers>();
        services.AddSingleton<HistoryHandler>();
        services.AddSingleton<PreviewHandlers>();
        services.AddSingleton<OutboxHandlers>();
        services.AddSingleton<Templates.TemplateHandlers>();
        services.AddSingleton<Calendars.CalendarHandlers>();
        services.AddSingleton<Poison.PoisonHandlers>();
        services.AddSingleton<ApiKeys.KeyHandlers>();
        services.AddSingleton<Import.CsvImport>();
        services.AddSingleton<SubscriptionHandlers>();
        services.AddSingleton<UserTargets>();
    }
}
