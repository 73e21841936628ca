using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mentoring.Application.Email;

public static class EmailSetup
{
    /// <summary>The dispatcher and the local .eml sender (SendGrid arrives with the email feature).</summary>
    public static TBuilder AddEmail<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<EmailOptions>()
            .BindConfiguration("Email")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IEmailSender, EmlOutboxSender>();
        builder.Services.AddSingleton<EmailComposer>();
        builder.Services.AddSingleton<EmailDispatchHandler>();
        return builder;
    }
}
