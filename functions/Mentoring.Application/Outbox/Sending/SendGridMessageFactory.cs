using SendGrid.Helpers.Mail;

namespace Mentoring.Application.Outbox.Sending;

/// <summary>Builds the v3 mail/send request for one <see cref="RenderedEmail"/>.</summary>
internal static class SendGridMessageFactory
{
    public const int MaxCategories = 10;

    public static SendGridMessage Create(RenderedEmail email, SendGridOptions options)
    {
        var message = new SendGridMessage();
        var fromName = email.FromName ?? options.FromName;
        message.SetFrom(new EmailAddress(options.FromAddress, string.IsNullOrEmpty(fromName) ? null : fromName));
        if (email.ReplyTo is { } replyTo)
            message.SetReplyTo(new EmailAddress(replyTo));
        message.AddTo(new EmailAddress(email.ToAddress, string.IsNullOrEmpty(email.ToName) ? null : email.ToName));
        message.SetSubject(email.Subject);
        if (email.Invite is { } invite)
        {
            // A content of type "text/calendar; method=…" after the text and HTML is what makes clients show an invitation
            // (the library drops added contents when PlainTextContent/HtmlContent are set, so all three go as contents);
            // an attachment's type may carry no parameters (SendGrid refuses ';'), so the .ics goes as application/ics.
            message.AddContents([new Content("text/plain", email.Text), new Content("text/html", email.Html), new Content(invite.PartType, invite.Ics)]);
            message.AddAttachment(invite.FileName, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(invite.Ics)), CalendarInvite.AttachmentType, "attachment");
        }
        else
        {
            message.PlainTextContent = email.Text; // serialised before the HTML part, as v3 requires
            message.HtmlContent = email.Html;
        }

        foreach (var (key, value) in email.CustomArgs)
        {
            if (value.Contains('@', StringComparison.Ordinal))
                throw new ArgumentException($"custom_args carry ids only; '{key}' looks like an address.", nameof(email));
            message.AddCustomArg(key, value);
        }

        var categories = new List<string> { email.Category };
        categories.AddRange(options.Categories.Where(c => !categories.Contains(c, StringComparer.Ordinal)));
        message.AddCategories(categories.Take(MaxCategories).ToList());

        var unsubscribe = new List<string>(2);
        if (!string.IsNullOrEmpty(email.UnsubscribeMailto))
            unsubscribe.Add("<mailto:" + email.UnsubscribeMailto + ">");
        if (!string.IsNullOrEmpty(email.OneClickUnsubscribeUrl))
            unsubscribe.Add("<" + email.OneClickUnsubscribeUrl + ">");
        if (unsubscribe.Count > 0)
            message.AddGlobalHeader("List-Unsubscribe", string.Join(", ", unsubscribe));
        if (!string.IsNullOrEmpty(email.OneClickUnsubscribeUrl))
            message.AddGlobalHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // Not one of v3's reserved headers (To, From, Subject, Reply-To, Content-Type, ...): it goes as given.
        message.AddGlobalHeader("Content-Language", email.ContentLanguage);

        if (options.SandboxMode)
            message.SetSandBoxMode(true);
        return message;
    }
}
