using System.Text;
using System.Text.RegularExpressions;

namespace Mentoring.Tests.Email;

/// <summary>
/// One .eml file of the outbox as a reader sees it: who it went to, the template, the subject, the plain text, who it is
/// from, where replies go and the language it is written in.
/// </summary>
internal sealed partial record Eml(string To, string Template, string Subject, string Text, string From = "", string ReplyTo = "", string ContentLanguage = "")
{
    public static Eml Read(string path)
    {
        var raw = File.ReadAllText(path);
        var headerEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = raw[..headerEnd];
        string Header(string name) => Regex.Match(headers, "^" + name + ": (.*)$", RegexOptions.Multiline).Groups[1].Value.TrimEnd('\r');
        var plain = raw.IndexOf("Content-Type: text/plain", StringComparison.Ordinal);
        var bodyStart = raw.IndexOf("\r\n\r\n", plain, StringComparison.Ordinal) + 4;
        var bodyEnd = raw.IndexOf("\r\n--=_alt_", bodyStart, StringComparison.Ordinal);
        return new Eml(Header("To"), Header("X-Mentoring-Template"), DecodeWord(Header("Subject")), QuotedPrintable(raw[bodyStart..bodyEnd]), Header("From"), Header("Reply-To"), Header("Content-Language"));
    }

    private static string DecodeWord(string value)
    {
        var word = EncodedWord().Match(value);
        return word.Success ? Encoding.UTF8.GetString(Convert.FromBase64String(word.Groups[1].Value)) : value;
    }

    private static string QuotedPrintable(string encoded)
    {
        var bytes = new List<byte>();
        var text = encoded.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^=\?utf-8\?B\?(.*)\?=$")]
    private static partial Regex EncodedWord();
}
