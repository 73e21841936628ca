using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Mentoring.Testing;

namespace Mentoring.Tests.Admin;

/// <summary>
/// Issue 16 item 8: the pages a browser opens — the dashboard, the link pages, the Graph handshake's echo — are never
/// framed, never sniffed into another type, and the dashboard runs only its own script, with ids it encodes.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed partial class PageSecurityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Dashboard_RunsOnlyItsOwnScript_ByHash_NeverFramed_NeverSniffed()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        using var client = api.Client(key: null);

        using var response = await client.GetAsync(new Uri("/api/dashboard", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        var policy = Header(response, "Content-Security-Policy");
        var scriptSrc = Regex.Match(policy, "script-src ([^;]*)").Groups[1].Value;
        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal($"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)))}'", scriptSrc);
        Assert.DoesNotContain("unsafe-inline", scriptSrc, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Single(Regex.Matches(html, "<script"));
    }

    [Fact]
    public async Task Dashboard_Script_EncodesAndChecksTheProgram_AndTakesTheKeyFromItsFieldOnly()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        using var client = api.Client(key: null);

        var html = await client.GetStringAsync(new Uri("/api/dashboard", UriKind.Relative));

        // Every path built from a parameter goes through the encoder; the old page wrote `programs/${program}/health`.
        Assert.Empty(UnencodedInterpolation().Matches(html));
        Assert.Contains("if (!isId(program))", html, StringComparison.Ordinal);
        Assert.DoesNotContain("location.hash", html, StringComparison.Ordinal);
        Assert.Contains("id=\"key\" type=\"password\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("checkin/not-a-token")]
    [InlineData("unsubscribe/not-a-token")]
    public async Task LinkPage_NeverFramed_NeverSniffed_RunsNoScript(string path)
    {
        await using var api = await AdminApi.StartAsync(azurite);
        using var client = api.Client(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/" + path, UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task GraphHandshake_Echo_IsPlainTextThatIsNeverSniffed()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        using var client = api.Client(key: null);

        using var response = await client.PostAsync(
            new Uri("/api/webhooks/graph?validationToken=%3Chtml%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", UriKind.Relative),
            new StringContent("", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Contains("default-src 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header.");

    /// <summary>A template literal that puts a bare variable into an API path: <c>`programs/${program}</c>.</summary>
    [GeneratedRegex(@"`[a-z/-]*programs/\$\{(?!seg\()")]
    private static partial Regex UnencodedInterpolation();
}
