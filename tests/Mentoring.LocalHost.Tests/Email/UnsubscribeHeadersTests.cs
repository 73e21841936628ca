using System.Net;
using System.Text.RegularExpressions;
using Mentoring.Testing;
using Mentoring.Tests.Admin;

namespace Mentoring.Tests.Email;

/// <summary>
/// RFC 8058: a List-Unsubscribe must work. The admin digest goes to a program's admins whatever their unsubscribes
/// (docs/email.md), so it carries no List-Unsubscribe headers and no unsubscribe link; participants' emails carry both,
/// and the one-click target they name does unsubscribe. Read from the .eml outbox of a host whose clock the test moves.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed partial class UnsubscribeHeadersTests
{
    /// <summary>Tuesday 10 March 2026, 09:00 UTC; the program's cycle started the day before.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AdminDigest_HasNoListUnsubscribe_ParticipantEmails_HaveOneThatWorks()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await host.Api.SendAsync(HttpMethod.Post, "programs", AdminApi.Json(new
        {
            id = "headers",
            name = "Header Mentoring",
            businessGoal = "Ship sooner.",
            timeZone = "Europe/Berlin",
            admins = new[] { "Priya Shah <hr.lead@example.com>" },
        }));
        await host.Api.SendAsync(HttpMethod.Post, "programs/headers/cycles", AdminApi.Json(new { id = "c1", start = Now.AddDays(-1), end = Now.AddDays(90) }));
        await host.Api.SendAsync(HttpMethod.Post, "programs/headers/participant-imports", AdminApi.Csv(
            "id,name,email,role,timeZone\nana,Ana Lima,ana@example.com,mentor,Europe/Berlin\nben,Ben Okafor,ben@example.com,mentee,Europe/Berlin\n"));
        await host.Api.SendAsync(HttpMethod.Post, "programs/headers/pair-imports", AdminApi.Csv("id,mentorId,menteeId\nana-ben,ana,ben\n"));
        await host.DrainAsync();

        await host.LiveDaysAsync(6); // Monday 16 March: the digest day (the default policy)

        var emails = Directory.GetFiles(host.OutboxDirectory, "*.eml").Select(File.ReadAllText).ToList();
        var digest = Assert.Single(emails, e => Header(e, "X-Mentoring-Template") == "admin-digest");
        Assert.Equal("", Header(digest, "List-Unsubscribe"));
        Assert.Equal("", Header(digest, "List-Unsubscribe-Post"));
        Assert.DoesNotContain("/api/unsubscribe/", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("Unsubscribe", digest, StringComparison.Ordinal);

        var participant = emails.First(e => Header(e, "To").Contains("ben@example.com", StringComparison.Ordinal));
        Assert.Equal("List-Unsubscribe=One-Click", Header(participant, "List-Unsubscribe-Post"));
        var oneClick = OneClickUrl().Match(Header(participant, "List-Unsubscribe")).Groups[1].Value;
        using var client = new HttpClient();
        using var response = await client.PostAsync(
            new Uri(host.Api.Address, new Uri(oneClick).PathAndQuery), new StringContent("List-Unsubscribe=One-Click", null, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("unsubscribed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A header's value with its folded continuation lines, or "" when the email has none.</summary>
    private static string Header(string eml, string name)
    {
        var headers = eml[..eml.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Replace("\r\n ", " ", StringComparison.Ordinal);
        return Regex.Match(headers, "^" + Regex.Escape(name) + ": (.*)$", RegexOptions.Multiline).Groups[1].Value.TrimEnd('\r');
    }

    [GeneratedRegex("<(https?://[^>]+)>")]
    private static partial Regex OneClickUrl();
}
