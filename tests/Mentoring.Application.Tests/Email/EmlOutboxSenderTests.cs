using Mentoring.Application.Email;

namespace Mentoring.Tests.Email;

public sealed class EmlOutboxSenderTests
{
    private static readonly EmailMessage Message = new(
        "abc@mentoring.local", "Mentoring <m@example.org>", "ana@example.org", "Ana Müller", "Zeit für Mentoring", "Hallo\nZeile 2\n",
        new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero), new Dictionary<string, string> { ["X-Mentoring-Template"] = "ladder-nudge" });

    [Fact]
    public void Format_NonAsciiHeaders_AreEncodedWordsAndLinesEndInCrLf()
    {
        var eml = EmlOutboxSender.Format(Message);

        Assert.Contains("Subject: =?utf-8?B?", eml, StringComparison.Ordinal);
        Assert.Contains("Date: Wed, 04 Mar 2026 10:00:00 +0000\r\n", eml, StringComparison.Ordinal);
        Assert.Contains("\r\n\r\nHallo\r\nZeile 2\r\n", eml, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", eml.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_SameMessageTwice_LeavesOneFile()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var sender = new EmlOutboxSender(Microsoft.Extensions.Options.Options.Create(new EmailOptions { OutboxDirectory = directory }));

        await sender.SendAsync(Message, default);
        await sender.SendAsync(Message, default);

        Assert.Single(Directory.GetFiles(directory));
        Directory.Delete(directory, recursive: true);
    }
}
