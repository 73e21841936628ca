using System.Net;
using System.Net.Http.Headers;

namespace Mentoring.Tests.Email;

/// <summary>
/// The pages a link opens speak their reader's language, as their emails do: Ana (de-DE) books, checks in and chooses
/// what to unsubscribe from in German; Ben (en-GB) reads the same pages in English.
/// </summary>
public sealed partial class BookingTests
{
    private const string GermanAndEnglish =
        """
        id,name,email,role,timeZone,culture
        ana,Ana Lima,ana@example.com,mentor,Europe/Berlin,de-DE
        ben,Ben Okafor,ben@example.com,mentee,Europe/London,en-GB

        """;

    [Fact]
    public async Task GermanReadersBookingLink_PageAndAnswerInGerman_WithGermanDates_EnglishPartnersPageInEnglish()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(host.Api, "book-de", GermanAndEnglish);
        await FirstNudgeAsync(host, () => host.Emails().Where(e => e.Template == "ladder-nudge").Select(e => e.Text));
        var nudges = host.Emails().Where(e => e.Template == "ladder-nudge").ToList();
        var anas = BookingLink(nudges.First(e => e.To.Contains("ana@example.com", StringComparison.Ordinal)).Text);
        var bens = BookingLink(nudges.First(e => e.To.Contains("ben@example.com", StringComparison.Ordinal)).Text);
        using var anonymous = host.Api.Client(key: null);

        var (german, germanLanguage) = await PageAndLanguageAsync(anonymous, anas);
        Assert.Equal("de", germanLanguage);
        Assert.Contains("<html lang=\"de\">", german, StringComparison.Ordinal);
        Assert.Contains("Zeiten, die Ihnen beiden passen", german, StringComparison.Ordinal);
        Assert.Contains("Wählen Sie eine Zeit für Ihr nächstes Treffen mit Ben.", System.Net.WebUtility.HtmlDecode(german), StringComparison.Ordinal);
        Assert.Contains("Diese Zeit buchen", german, StringComparison.Ordinal);
        Assert.DoesNotContain("Times that suit you both", german, StringComparison.Ordinal);
        var proposals = await ProposalsAsync(anonymous, anas);
        var first = proposals[0];
        var weekday = first.ToOffset(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").GetUtcOffset(first)).ToString("dddd", new System.Globalization.CultureInfo("de-DE"));
        Assert.Contains(weekday, System.Net.WebUtility.HtmlDecode(german), StringComparison.Ordinal);

        var (english, englishLanguage) = await PageAndLanguageAsync(anonymous, bens);
        Assert.Equal("en", englishLanguage);
        Assert.Contains("Times that suit you both", english, StringComparison.Ordinal);
        Assert.Contains("Choose a time for your next meeting with Ana.", english, StringComparison.Ordinal);

        using var booked = await PostAsync(anonymous, anas, "start=" + Iso(first), html: true);
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        var answer = System.Net.WebUtility.HtmlDecode(await booked.Content.ReadAsStringAsync());
        Assert.Contains("<title>Gebucht</title>", answer, StringComparison.Ordinal);
        Assert.Contains("Ihr Treffen mit Ben ist gebucht", answer, StringComparison.Ordinal);

        using var outOfRange = await PostAsync(anonymous, anas, "start=2031-01-01T10:00", html: true);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Contains("Wählen Sie eine Zeit zwischen", System.Net.WebUtility.HtmlDecode(await outOfRange.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GermanReadersCheckInAndUnsubscribeLinks_PagesAndAnswersInGerman()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(host.Api, "links-de", GermanAndEnglish);
        await FirstNudgeAsync(host, () => host.Emails().Where(e => e.Template == "ladder-nudge").Select(e => e.Text));
        var nudges = host.Emails().Where(e => e.Template == "ladder-nudge").ToList();
        var anas = nudges.First(e => e.To.Contains("ana@example.com", StringComparison.Ordinal)).Text;
        var bens = nudges.First(e => e.To.Contains("ben@example.com", StringComparison.Ordinal)).Text;
        using var anonymous = host.Api.Client(key: null);

        var (met, metLanguage) = await PageAndLanguageAsync(anonymous, Link(anas, "checkin", 0));
        Assert.Equal("de", metLanguage);
        Assert.Contains("<title>Haben Sie sich getroffen?</title>", met, StringComparison.Ordinal);
        Assert.Contains("Ja, wir haben uns getroffen", met, StringComparison.Ordinal);
        var (postponed, _) = await PageAndLanguageAsync(anonymous, Link(anas, "checkin", 1));
        Assert.Contains("Mussten Sie es verschieben?", postponed, StringComparison.Ordinal);
        Assert.Contains("Eine Frist kam dazwischen", postponed, StringComparison.Ordinal);
        var (bensMet, bensLanguage) = await PageAndLanguageAsync(anonymous, Link(bens, "checkin", 0));
        Assert.Equal("en", bensLanguage);
        Assert.Contains("<title>Did you meet?</title>", bensMet, StringComparison.Ordinal);

        using var recorded = await PostAsync(anonymous, Link(anas, "checkin", 0), "", html: true);
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Contains("Festgehalten. Danke, dass Sie sich die Zeit fürs Mentoring nehmen.", await recorded.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unsubscribe = Link(anas, "unsubscribe", 0);
        var (choose, chooseLanguage) = await PageAndLanguageAsync(anonymous, unsubscribe);
        Assert.Equal("de", chooseLanguage);
        Assert.Contains("Welche E-Mails sollen aufhören?", choose, StringComparison.Ordinal);
        Assert.Contains("Erinnerungen, wenn Ihr Paar sich nicht trifft", choose, StringComparison.Ordinal);
        using var stopped = await PostAsync(anonymous, unsubscribe, "", html: true);
        var answer = await stopped.Content.ReadAsStringAsync();
        Assert.Contains("<title>Sie sind von einigen E-Mails abgemeldet</title>", answer, StringComparison.Ordinal);
        Assert.Contains("Abbestellt: Erinnerungen, wenn Ihr Paar sich nicht trifft.", answer, StringComparison.Ordinal);
        Assert.Contains("Ändern, was Sie erhalten", answer, StringComparison.Ordinal);
    }

    /// <summary>The <paramref name="index"/>th link of a kind (<c>checkin</c>: "we met", then "we postponed") in an email's text, as a path.</summary>
    private static string Link(string text, string kind, int index) =>
        new Uri(System.Text.RegularExpressions.Regex.Matches(text, $@"https?://\S+/api/{kind}/[A-Za-z0-9_\-.]+")[index].Value).AbsolutePath;

    private static async Task<(string Html, string? Language)> PageAndLanguageAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentLanguage.SingleOrDefault());
    }
}
