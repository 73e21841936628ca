using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Email;

/// <summary>
/// The local sender: each email becomes one RFC 5322 file in the outbox folder, named after its message id, so sending
/// the same message twice leaves one file.
/// </summary>
internal sealed class EmlOutboxSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var directory = Path.GetFullPath(options.Value.OutboxDirectory);
        Directory.CreateDirectory(directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{message.Date:yyyyMMdd'T'HHmmss}-{FileIdOf(message.MessageId)}.eml");
        var path = Path.Combine(directory, name);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, Format(message), new UTF8Encoding(false), ct);
        File.Move(temporary, path, overwrite: true);
    }

    internal static string FileIdOf(string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..16];

    /// <summary>RFC 5322 with a MIME text/plain UTF-8 body; CRLF line ends; non-ASCII header text as RFC 2047 words.</summary>
    internal static string Format(EmailMessage message)
    {
        var eml = new StringBuilder();
        void Header(string name, string value) => eml.Append(name).Append(": ").Append(value).Append("\r\n");

        Header("Message-ID", $"<{message.MessageId}>");
        Header("Date", message.Date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header("From", message.From);
        Header("To", message.ToName is null ? message.To : $"{EncodeWord(Quote(message.ToName))} <{message.To}>");
        Header("Subject", EncodeWord(message.Subject));
        Header("MIME-Version", "1.0");
        Header("Content-Type", "text/plain; charset=utf-8");
        Header("Content-Transfer-Encoding", "8bit");
        foreach (var (name, value) in message.Headers)
            Header(name, EncodeWord(value));
        eml.Append("\r\n");
        eml.Append(message.TextBody.ReplaceLineEndings("\r\n"));
        if (!message.TextBody.EndsWith('\n'))
            eml.Append("\r\n");
        return eml.ToString();
    }

    private static string Quote(string displayName) =>
        displayName.Any(c => "()<>[]:;@\\,.\"".Contains(c, StringComparison.Ordinal))
            ? "\"" + displayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : displayName;

    private static string EncodeWord(string text) =>
        text.All(c => c is >= ' ' and <= '~') ? text : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";
}
