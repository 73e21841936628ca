using Mentoring.Application.Admin;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Integration;
using Mentoring.Application.Outbound;
using Mentoring.Application.Outbox;
using Mentoring.Application.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Hosting;

public static class ApplicationSetup
{
    /// <summary>Everything both hosts run: storage, the engagement handlers, email, integration events, HTTP handlers.</summary>
    public static TBuilder AddMentoringApplication<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<UnresolvedReferences>()
            .Configure<IConfiguration>((o, configuration) => o.Read(configuration))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<UnresolvedReferences>, UnresolvedReferencesValidation>();
        builder.Services.AddNetworkOptions();
        builder.Services.AddOutboundHttpLogging();
        builder.Logging.AddRequestPathRedaction();
        builder.AddStorage();
        builder.AddEngagement();
        builder.AddCalendars();
        builder.AddEmail();
        builder.AddIntegrationEvents();
        builder.AddAdmin();
        builder.Services.AddSingleton<HealthHandler>();
        builder.Services.AddProblemDetails();
        return builder;
    }
}
