using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Outbox;

/// <summary>
/// The local sender: each email becomes one RFC 5322 file in the outbox folder — multipart/alternative, the plain text
/// first and the HTML second (both quoted-printable UTF-8), with the RFC 8058 List-Unsubscribe headers SendGrid would
/// carry. Named after the message id, so sending the same message twice leaves one file.
/// </summary>
internal sealed class EmlOutboxSender(IOptions<EmailOptions> options, TimeProvider time) : IEmailSender
{
    public async Task<SendOutcome> SendAsync(RenderedEmail email, int attempt = 1, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(options.Value.OutboxDirectory);
        Directory.CreateDirectory(directory);
        var now = time.GetUtcNow();
        var name = string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd'T'HHmmss}-{FileIdOf(email.MessageId)}.eml");
        var existing = Directory.GetFiles(directory, "*-" + FileIdOf(email.MessageId) + ".eml");
        var path = existing.Length > 0 ? existing[0] : Path.Combine(directory, name);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, Format(email, options.Value, now), new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return new SendOutcome.Sent(null, Sandbox: false);
    }

    internal static string FileIdOf(string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..16];

    /// <summary>The Message-ID header's value: stable per message, in the sender's domain.</summary>
    internal static string MessageIdHeader(string messageId, string fromAddress)
    {
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 ? fromAddress[(at + 1)..] : "mentoring.local";
        return "<" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..32] + "@" + domain + ">";
    }

    /// <summary>RFC 5322 + MIME: CRLF line ends, non-ASCII header text as RFC 2047 words, bodies quoted-printable.</summary>
    internal static string Format(RenderedEmail email, EmailOptions options, DateTimeOffset date)
    {
        var eml = new StringBuilder();
        void Header(string name, string value) => eml.Append(name).Append(": ").Append(value).Append("\r\n");
        var boundary = "=_alt_" + FileIdOf(email.MessageId);

        Header("Message-ID", MessageIdHeader(email.MessageId, options.FromAddress));
        Header("Date", date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header("From", $"{EncodeWord(Quote(email.FromName ?? options.FromName))} <{options.FromAddress}>");
        if (email.ReplyTo is { } replyTo)
            Header("Reply-To", replyTo);
        Header("To", string.IsNullOrEmpty(email.ToName) ? email.ToAddress : $"{EncodeWord(Quote(email.ToName))} <{email.ToAddress}>");
        Header("Subject", EncodeWord(email.Subject));
        Header("MIME-Version", "1.0");
        Header("Content-Language", email.ContentLanguage);
        var unsubscribe = new List<string>(2);
        if (!string.IsNullOrEmpty(email.UnsubscribeMailto))
            unsubscribe.Add("<mailto:" + email.UnsubscribeMailto + ">");
        if (!string.IsNullOrEmpty(email.OneClickUnsubscribeUrl))
            unsubscribe.Add("<" + email.OneClickUnsubscribeUrl + ">");
        if (unsubscribe.Count > 0)
            Header("List-Unsubscribe", string.Join(",\r\n ", unsubscribe));
        if (!string.IsNullOrEmpty(email.OneClickUnsubscribeUrl))
            Header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        Header("X-Mentoring-Template", email.TemplateId);
        Header("X-Mentoring-Message", email.MessageId);
        if (email.IdempotencyKey is { } key)
            Header("X-Mentoring-Idempotency-Key", EncodeWord(key));
        if (email.Invite is { } invite)
        {
            // RFC 6047 as mail clients send it: mixed { alternative { text, HTML, text/calendar; method=… }, the .ics attachment }.
            var mixed = "=_mix_" + FileIdOf(email.MessageId);
            Header("Content-Type", $"multipart/mixed; boundary=\"{mixed}\"");
            eml.Append("\r\n");
            eml.Append("This is a multi-part message in MIME format.\r\n");
            eml.Append("--").Append(mixed).Append("\r\n");
            eml.Append("Content-Type: multipart/alternative; boundary=\"").Append(boundary).Append("\"\r\n\r\n");
            Alternatives(eml, boundary, email, invite);
            eml.Append("--").Append(mixed).Append("\r\n");
            eml.Append("Content-Type: ").Append(CalendarInvite.AttachmentType).Append("; name=\"").Append(invite.FileName).Append("\"\r\n");
            eml.Append("Content-Disposition: attachment; filename=\"").Append(invite.FileName).Append("\"\r\n");
            eml.Append("Content-Transfer-Encoding: base64\r\n\r\n");
            eml.Append(Base64Lines(invite.Ics)).Append("\r\n");
            eml.Append("--").Append(mixed).Append("--\r\n");
            return eml.ToString();
        }

        Header("Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        eml.Append("\r\n");
        eml.Append("This is a multi-part message in MIME format.\r\n");
        Alternatives(eml, boundary, email, null);
        return eml.ToString();
    }

    private static void Alternatives(StringBuilder eml, string boundary, RenderedEmail email, CalendarInvite? invite)
    {
        Part(eml, boundary, "text/plain", email.Text);
        Part(eml, boundary, "text/html", email.Html);
        if (invite is not null)
        {
            eml.Append("--").Append(boundary).Append("\r\n");
            eml.Append("Content-Type: text/calendar; charset=utf-8; method=").Append(invite.Method).Append("\r\n");
            eml.Append("Content-Transfer-Encoding: base64\r\n\r\n");
            eml.Append(Base64Lines(invite.Ics)).Append("\r\n");
        }

        eml.Append("--").Append(boundary).Append("--\r\n");
    }

    /// <summary>UTF-8 text as base64 in lines of 76 characters (RFC 2045 §6.8).</summary>
    private static string Base64Lines(string text) =>
        string.Join("\r\n", Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).Chunk(76).Select(c => new string(c)));

    private static void Part(StringBuilder eml, string boundary, string mediaType, string body)
    {
        eml.Append("--").Append(boundary).Append("\r\n");
        eml.Append("Content-Type: ").Append(mediaType).Append("; charset=utf-8\r\n");
        eml.Append("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        eml.Append(QuotedPrintable(body)).Append("\r\n");
    }

    /// <summary>RFC 2045 §6.7: lines of at most 76 characters, '=' and non-ASCII as =XX, soft breaks as "=\r\n".</summary>
    internal static string QuotedPrintable(string text)
    {
        var output = new StringBuilder(text.Length + (text.Length / 8));
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var bytes = Encoding.UTF8.GetBytes(lines[l]);
            var column = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                var last = i == bytes.Length - 1;
                var literal = b is >= 33 and <= 126 && b != '=' || (b is (byte)' ' or (byte)'\t' && !last);
                var token = literal ? ((char)b).ToString() : "=" + b.ToString("X2", CultureInfo.InvariantCulture);
                if (column + token.Length > 75)
                {
                    output.Append("=\r\n");
                    column = 0;
                }

                output.Append(token);
                column += token.Length;
            }

            if (l < lines.Length - 1)
                output.Append("\r\n");
        }

        return output.ToString();
    }

    private static string Quote(string displayName) =>
        displayName.Any(c => "()<>[]:;@\\,.\"".Contains(c, StringComparison.Ordinal))
            ? "\"" + displayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : displayName;

    private static string EncodeWord(string text) =>
        text.All(c => c is >= ' ' and <= '~') ? text : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";
}
