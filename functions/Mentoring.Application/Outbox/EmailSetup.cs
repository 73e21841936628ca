using Mentoring.Application.Links;
using Mentoring.Application.Outbox.Preview;
using Mentoring.Application.Outbox.Sending;
using Mentoring.Application.Outbox.Suppressions;
using Mentoring.Application.Outbox.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Outbox;

public static class EmailSetup
{
    /// <summary>
    /// The dispatcher and its sender — SendGrid when <c>SendGrid:ApiKey</c> is set, else the local .eml outbox — the
    /// signed links, the check-in and unsubscribe handlers, the suppression list, SendGrid's event webhook and the preview.
    /// </summary>
    public static TBuilder AddEmail<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<EmailOptions>()
            .BindConfiguration("Email")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LinkOptions>()
            .BindConfiguration(LinkOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SendGridEventOptions>()
            .BindConfiguration(SendGridOptions.Section)
            .Validate(o => o.HasValidKey, $"{SendGridOptions.Section}:EventWebhookPublicKey must be a base64 SubjectPublicKeyInfo (P-256) when set.")
            .ValidateOnStart();

        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{SendGridOptions.Section}:ApiKey"]))
        {
            services.AddOptions<SendGridOptions>()
                .BindConfiguration(SendGridOptions.Section)
                .PostConfigure<IOptions<EmailOptions>>((o, email) =>
                {
                    if (string.IsNullOrEmpty(o.FromAddress))
                        o.FromAddress = email.Value.FromAddress;
                    if (string.IsNullOrEmpty(o.FromName))
                        o.FromName = email.Value.FromName;
                })
                .ValidateDataAnnotations()
                .ValidateOnStart();
            // Mail clients offer one-click unsubscribe only for an https List-Unsubscribe URL (RFC 8058, Gmail's sender rules).
            services.AddOptions<LinkOptions>()
                .Validate(o => o.BaseUrl.Scheme == Uri.UriSchemeHttps, $"{LinkOptions.Section}:BaseUrl must be https when SendGrid sends.");
            services.AddSingleton<IEmailSender>(sp => new SendGridEmailSender(
                new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
                sp.GetRequiredService<IOptions<SendGridOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SendGridEmailSender>>()));
        }
        else
        {
            services.AddSingleton<IEmailSender, EmlOutboxSender>();
        }

        services.AddSingleton<LinkSigner>();
        services.AddSingleton<SuppressionStore>();
        services.AddSingleton<Suppressor>();
        services.AddSingleton<SendLedger>();
        services.AddSingleton<EmailAssembler>();
        services.AddSingleton<EmailDispatchHandler>();
        services.AddSingleton<CheckInHandler>();
        services.AddSingleton<BookingHandler>();
        services.AddSingleton<BookingInvitations>();
        services.AddSingleton<InvitationCalendar>();
        services.AddSingleton<UnsubscribeHandler>();
        services.AddSingleton<SendGridEventHandler>();
        services.AddSingleton<EmailPreviewHandler>();
        return builder;
    }
}
