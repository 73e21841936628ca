namespace Mentoring.Application.Outbox;

/// <summary>
/// The boundary to the mail service: SendGrid when <c>SendGrid:ApiKey</c> is set, else the .eml outbox folder. A sender
/// sends once and says what became of it; it never retries by itself (the dispatcher delays the queue message).
/// </summary>
internal interface IEmailSender
{
    /// <param name="email">The rendered email with its envelope and headers.</param>
    /// <param name="attempt">1 for the first try; later tries back off further when the provider names no delay.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    Task<SendOutcome> SendAsync(RenderedEmail email, int attempt = 1, CancellationToken cancellationToken = default);
}
