namespace Mentoring.Application.Email;

/// <summary>The boundary to the mail service: SendGrid in Azure (its own issue), an .eml outbox folder locally.</summary>
internal interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}
