using Mentoring.Application.Outbox.Rendering;

namespace Mentoring.Application.Outbox;

/// <summary>One email ready to hand to a sender: the envelope, the rendered content and what ties it back to us.</summary>
/// <remarks>
/// <see cref="CustomArgs"/> come back in the provider's event webhook: ids only (message, pair, program), never an
/// address or a name. <see cref="OneClickUnsubscribeUrl"/> is the signed RFC 8058 POST target;
/// <see cref="UnsubscribeMailto"/> the mailto alternative that List-Unsubscribe also names. <see cref="IdempotencyKey"/>
/// is the outbox row's key, written into the local .eml only (it may hold ids SendGrid's custom args should not carry).
/// <see cref="Invite"/> is a meeting invitation (a booking's REQUEST or CANCEL) the email carries, if any.
/// <see cref="ContentLanguage"/> is the language the email is written in (RFC 3282 <c>Content-Language</c>).
/// </remarks>
public sealed record RenderedEmail(
    string ToAddress,
    string ToName,
    string Subject,
    string Html,
    string Text,
    string MessageId,
    string TemplateId,
    string Category,
    string UnsubscribeUrl,
    string OneClickUnsubscribeUrl,
    string? UnsubscribeMailto,
    IReadOnlyDictionary<string, string> CustomArgs,
    string? IdempotencyKey = null,
    CalendarInvite? Invite = null,
    string? FromName = null,
    string? ReplyTo = null,
    string ContentLanguage = ReaderLanguage.DefaultLanguage)
{
    /// <summary>
    /// The program's own voice: its name as the sender's name and its admin's address for replies (none when the admin is
    /// the one reading). The deployment's sender address stays, since that is the domain SendGrid authenticates.
    /// </summary>
    internal RenderedEmail InVoiceOf(Roster.ProgramRecord program) => this with
    {
        FromName = OneLine(program.Name) is { Length: > 0 } name ? name : null,
        ReplyTo = System.Net.Mail.MailAddress.TryCreate(program.AdminEmail, out var admin)
            && !string.Equals(admin.Address, ToAddress, StringComparison.OrdinalIgnoreCase) ? admin.Address : null,
    };

    private static string OneLine(string? text) => new((text ?? "").Where(c => !char.IsControl(c)).ToArray());

    /// <summary>Puts a rendering into an envelope: the category is the template id, the custom args carry our ids.</summary>
    public static RenderedEmail Create(
        RenderedContent content,
        string toAddress,
        string toName,
        string messageId,
        EmailLinks links,
        string? unsubscribeMailto,
        string? pairId,
        string? programId)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["messageId"] = messageId,
            ["templateId"] = content.TemplateId,
        };
        if (!string.IsNullOrEmpty(pairId))
            args["pairId"] = pairId;
        if (!string.IsNullOrEmpty(programId))
            args["programId"] = programId;
        return new RenderedEmail(
            toAddress, toName, content.Subject, content.Html, content.Text, messageId, content.TemplateId,
            content.TemplateId, links.Unsubscribe, links.OneClickUnsubscribe, unsubscribeMailto, args, ContentLanguage: content.Language);
    }
}
