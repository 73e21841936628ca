using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Mentoring.Application.Links;
using Mentoring.Testing;
using Mentoring.Tests.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// The booking route with what a scanner, a copy-paste or an attacker sends: bad, tampered, expired and wrong-purpose
/// tokens; missing, garbage, past, far-future and calendar-end starts; oversized, binary and JSON bodies; GET and POST,
/// for a browser and for a program. Nothing answers 5xx; each refusal is problem+json (an HTML page for a browser) with
/// the status that says why.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class BookingFuzzTests(AzuriteFixture azurite)
{
    private const string SigningKey = "booking-fuzz-signing-key-of-at-least-32-characters";

    [Fact]
    public async Task BookingRoute_AdversarialInputs_ClearRefusals_Never5xx()
    {
        var outbox = Directory.CreateTempSubdirectory("booking-fuzz-").FullName;
        await using var api = await AdminApi.StartAsync(azurite, new Dictionary<string, string> { ["Links:SigningKey"] = SigningKey, ["Email:OutboxDirectory"] = outbox });
        const string program = "booking-fuzz";
        await api.SeedProgramAsync(program);
        var signer = api.App.Services.GetRequiredService<LinkSigner>();
        var now = TimeProvider.System.GetUtcNow();
        string Token(LinkPurpose purpose, DateTimeOffset expires, string pair = "p1", string recipient = "mentor:m1") =>
            signer.Sign(new LinkClaims(purpose, program, pair, "fuzz", recipient, expires));
        var valid = Token(LinkPurpose.Book, now.AddDays(30));
        var tampered = valid[..10] + (valid[10] == 'A' ? 'B' : 'A') + valid[11..];
        string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        string Local(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        var cases = new List<(string Name, HttpMethod Method, string Token, HttpContent? Body, int Expected)>
        {
            ("tampered token", HttpMethod.Get, tampered, null, 404),
            ("tampered token, POST", HttpMethod.Post, tampered, Form("start=" + Iso(now.AddDays(3))), 404),
            ("expired token", HttpMethod.Post, Token(LinkPurpose.Book, now.AddMinutes(-1)), Form("start=" + Iso(now.AddDays(3))), 410),
            ("check-in token on the booking route", HttpMethod.Post, Token(LinkPurpose.MeetOn, now.AddDays(1)), Form("start=" + Iso(now.AddDays(3))), 404),
            ("unsubscribe token on the booking route", HttpMethod.Get, Token(LinkPurpose.Unsubscribe, now.AddDays(1)), null, 404),
            ("garbage token", HttpMethod.Get, "not-a-token", null, 404),
            ("base64 junk with a dot", HttpMethod.Post, "QUJD.REVG", Form("start=x"), 404),
            ("a token for a pair that does not exist", HttpMethod.Get, Token(LinkPurpose.Book, now.AddDays(1), pair: "nobody"), null, 404),
            ("a token for someone outside the pair", HttpMethod.Get, Token(LinkPurpose.Book, now.AddDays(1), recipient: "mentor:m3"), null, 404),
            ("no start", HttpMethod.Post, valid, Form(""), 400),
            ("garbage start", HttpMethod.Post, valid, Form("start=next+tuesday"), 400),
            ("30 February", HttpMethod.Post, valid, Form("start=2026-02-30T10:00"), 400),
            ("start with NUL and high bytes", HttpMethod.Post, valid, Form("start=%00%ff%fe"), 400),
            ("a long start", HttpMethod.Post, valid, Form("start=" + new string('9', 3000)), 400),
            ("past start", HttpMethod.Post, valid, Form("start=" + Iso(now.AddDays(-1))), 400),
            ("start in a minute", HttpMethod.Post, valid, Form("start=" + Iso(now.AddMinutes(1))), 400),
            ("far-future start", HttpMethod.Post, valid, Form("start=" + Iso(now.AddYears(3))), 400),
            ("far-future local start", HttpMethod.Post, valid, Form("start=" + Local(now.AddYears(3))), 400),
            ("end of the calendar, local", HttpMethod.Post, valid, Form("start=9999-12-31T23:59"), 400),
            ("start of the calendar, local", HttpMethod.Post, valid, Form("start=0001-01-01T00:00"), 400),
            ("end of the calendar, offset", HttpMethod.Post, valid, Form("start=9999-12-31T23:59:59-14:00"), 400),
            ("start of the calendar, offset", HttpMethod.Post, valid, Form("start=0001-01-01T00:00:00%2B14:00"), 400),
            ("a JSON body", HttpMethod.Post, valid, new StringContent("{\"start\":\"2027-01-01T10:00:00Z\"}", Encoding.UTF8, "application/json"), 400),
            ("binary body", HttpMethod.Post, valid, new ByteArrayContent([.. Enumerable.Range(0, 256).Select(i => (byte)i)]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } }, 400),
            ("a 1 MB body", HttpMethod.Post, valid, Form("start=" + new string('a', 1024 * 1024)), 413),
            ("cancel with nothing booked", HttpMethod.Post, valid, Form("cancel=yes"), 409),
        };

        using var client = api.Client(key: null);
        var failures = new List<string>();
        foreach (var html in new[] { false, true })
        {
            foreach (var (name, method, token, body, expected) in cases)
            {
                using var request = new HttpRequestMessage(method, new Uri("/api/book/" + token, UriKind.Relative));
                if (body is not null)
                    request.Content = await CopyAsync(body);
                if (html)
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var type = response.Content.Headers.ContentType?.MediaType;
                if (status != expected || type != (html ? "text/html" : "application/problem+json"))
                    failures.Add($"{name} ({(html ? "browser" : "program")}): {status} {type}, expected {expected}");
            }
        }

        // And the valid link still works afterwards: what was refused changed nothing.
        using var book = await client.PostAsync(new Uri("/api/book/" + valid, UriKind.Relative), Form("start=" + Iso(now.AddDays(3))));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(200, (int)book.StatusCode);
        // At most one invitation each: the seeded addresses are shared with other tests on this Azurite, whose
        // unsubscribes (global) may suppress them, so the exact count is BookingTests' to check.
        Assert.InRange(Directory.GetFiles(outbox, "*.eml").Length, 0, 2);
        Directory.Delete(outbox, recursive: true);
    }

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");

    private static async Task<HttpContent> CopyAsync(HttpContent content)
    {
        var copy = new ByteArrayContent(await content.ReadAsByteArrayAsync());
        foreach (var header in content.Headers)
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return copy;
    }
}
