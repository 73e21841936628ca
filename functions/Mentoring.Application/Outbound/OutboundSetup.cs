using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Outbound;

public static class OutboundSetup
{
    /// <summary>The <c>Network</c> options and the address rule the clients below apply.</summary>
    public static IServiceCollection AddNetworkOptions(this IServiceCollection services)
    {
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<NetworkOptions>>().Value.AllowPrivateTargets ? TargetRule.Any : TargetRule.Public);
        return services;
    }

    /// <summary>
    /// Every <c>IHttpClientFactory</c> client logs through <see cref="OutboundHttpLogger"/> (origin, status, duration)
    /// instead of the factory's own lines, which carry the full URI.
    /// </summary>
    public static IServiceCollection AddOutboundHttpLogging(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboundHttpLogger>();
        services.ConfigureHttpClientDefaults(client => client.RemoveAllLoggers().AddLogger<OutboundHttpLogger>());
        return services;
    }

    /// <summary>A named client for URLs users give us (ICS feeds, integration subscriptions): public addresses only.</summary>
    public static IHttpClientBuilder AddUserTargetClient(this IServiceCollection services, string name, Action<HttpClient> configure) =>
        services.AddHttpClient(name, configure)
            .ConfigurePrimaryHttpMessageHandler(sp => PublicTargets.Handler(sp.GetRequiredService<TargetRule>()));
}
