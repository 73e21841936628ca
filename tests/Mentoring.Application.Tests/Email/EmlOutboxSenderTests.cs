using Mentoring.Application.Outbox;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Engine.Messages;
using Microsoft.Extensions.Time.Testing;

namespace Mentoring.Tests.Email;

public sealed class EmlOutboxSenderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly EmailOptions Options = new() { FromAddress = "mentoring@example.org", FromName = "Mentoring program" };

    private static RenderedEmail Email()
    {
        var model = Samples.For(TemplateIds.Nudge);
        return RenderedEmail.Create(
            EmailRenderer.Render(model), "ana@example.org", "Ana Müller", "p~pair/msg~key", model.Links,
            "unsubscribe@example.org", "pair-17", "prog-eng") with
        { IdempotencyKey = "key-1" };
    }

    [Fact]
    public void Format_RenderedEmail_IsMultipartAlternativeWithTextThenHtml()
    {
        var eml = EmlOutboxSender.Format(Email(), Options, Now);

        Assert.Contains("Content-Type: multipart/alternative; boundary=", eml, StringComparison.Ordinal);
        var text = eml.IndexOf("Content-Type: text/plain; charset=utf-8", StringComparison.Ordinal);
        var html = eml.IndexOf("Content-Type: text/html; charset=utf-8", StringComparison.Ordinal);
        Assert.True(text > 0 && html > text);
        Assert.Contains("Date: Wed, 04 Mar 2026 10:00:00 +0000\r\n", eml, StringComparison.Ordinal);
        Assert.Matches(@"Message-ID: <[0-9a-f]{32}@example\.org>\r\n", eml);
        Assert.Contains("X-Mentoring-Idempotency-Key: key-1\r\n", eml, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_RenderedEmail_CarriesRfc8058Headers()
    {
        var eml = EmlOutboxSender.Format(Email(), Options, Now);

        Assert.Contains("List-Unsubscribe: <mailto:unsubscribe@example.org>,\r\n <https://mentoring.example.com/api/unsubscribe/one-click?t=sig-unsub>\r\n", eml, StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", eml, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_RenderedEmail_SaysItsLanguage()
    {
        var eml = EmlOutboxSender.Format(Email() with { ContentLanguage = "de" }, Options, Now);

        Assert.Contains("Content-Language: de\r\n", eml[..eml.IndexOf("\r\n\r\n", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void Format_NonAscii_EncodedWordsCrLfAndShortLines()
    {
        var eml = EmlOutboxSender.Format(Email(), Options, Now);

        Assert.Contains("To: =?utf-8?B?", eml, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", eml.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(eml.Split("\r\n"), line => Assert.True(line.Length <= 998, line));
        Assert.All(eml.Split("\r\n").SkipWhile(l => l.Length > 0), line => Assert.True(line.Length <= 76, line));
        Assert.All(eml, c => Assert.True(c < 128));
    }

    [Theory]
    [InlineData("Grüße = mehr\tals nur Text ", "Gr=C3=BC=C3=9Fe =3D mehr\tals nur Text=20")]
    [InlineData("a\nb", "a\r\nb")]
    public void QuotedPrintable_EncodesPerRfc2045(string text, string expected) =>
        Assert.Equal(expected, EmlOutboxSender.QuotedPrintable(text));

    [Fact]
    public void QuotedPrintable_LongLine_SoftBreaksAndRoundTrips()
    {
        var text = string.Concat(Enumerable.Repeat("Zeit für Mentoring = Arbeitszeit. ", 20));

        var encoded = EmlOutboxSender.QuotedPrintable(text);

        Assert.All(encoded.Split("\r\n"), line => Assert.True(line.Length <= 76));
        Assert.Equal(text, Decode(encoded));
    }

    [Fact]
    public async Task Send_SameMessageTwice_LeavesOneFile()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var options = new EmailOptions { OutboxDirectory = directory, FromAddress = Options.FromAddress, FromName = Options.FromName };
        var time = new FakeTimeProvider(Now);
        var sender = new EmlOutboxSender(Microsoft.Extensions.Options.Options.Create(options), time);

        Assert.IsType<SendOutcome.Sent>(await sender.SendAsync(Email()));
        time.Advance(TimeSpan.FromMinutes(3));
        await sender.SendAsync(Email());

        Assert.Single(Directory.GetFiles(directory));
        Directory.Delete(directory, recursive: true);
    }

    private static string Decode(string quotedPrintable)
    {
        var joined = quotedPrintable.Replace("=\r\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=')
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)joined[i]);
            }
        }

        return System.Text.Encoding.UTF8.GetString([.. bytes]);
    }
}
