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

    /// <summary>A named client for URLs users give us (ICS feeds, integration subscriptions): public addresses only.</summary>
    public static IHttpClientBuilder AddUserTargetClient(this IServiceCollection services, string name, Action<HttpClient> configure) =>
        services.AddHttpClient(name, configure)
            .ConfigurePrimaryHttpMessageHandler(sp => PublicTargets.Handler(sp.GetRequiredService<TargetRule>()));
}
