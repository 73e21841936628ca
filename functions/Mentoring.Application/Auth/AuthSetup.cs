using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mentoring.Application.Auth;

public static class AuthSetup
{
    public static TBuilder AddAdminAuth<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .Validate(o => o.IsValid, $"Auth:BootstrapKey, when set, must be at least {AuthOptions.MinimumKeyLength} characters.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<Authenticator>();
        return builder;
    }
}
