using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Mentoring.Application.Hosting;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Links;

/// <summary>The small pages a link opens: a confirmation with one form that POSTs, a result, or a friendly refusal.</summary>
internal static class LinkPages
{
    public static readonly string[] PostponeReasons = ["deadline", "travel", "illness", "other"];

    // Letters of every script as they are (an "ä" stays "ä"); markup characters are still encoded.
    private static readonly HtmlEncoder Encode = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>No script at all; inline styles only; the one form posts back to the page itself.</summary>
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Page(string title, string bodyHtml, int status = StatusCodes.Status200OK, string language = "en")
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(Encode.Encode(language)).Append("\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>").Append(Encode.Encode(title)).Append("</title></head>")
            .Append("<body style=\"font-family:Arial,Helvetica,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2933;line-height:1.5\">")
            .Append("<h1 style=\"font-size:1.4rem\">").Append(Encode.Encode(title)).Append("</h1>")
            .Append(bodyHtml)
            .Append("</body></html>");
        return PageHeaders.With(Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status), Policy, language);
    }

    /// <summary>A form that POSTs back to the page's own URL (the token stays in the path, never in a body a scanner could replay blindly).</summary>
    public static string Form(string fieldsHtml, string button) =>
        "<form method=\"post\">" + fieldsHtml
        + "<p><button type=\"submit\" style=\"padding:.7rem 1.4rem;font-size:1rem;background:#0b6e4f;color:#fff;border:0;border-radius:6px\">"
        + Encode.Encode(button) + "</button></p></form>";

    public static string Text(string text) => "<p>" + Encode.Encode(text) + "</p>";

    public static string Attribute(string text) => Encode.Encode(text);

    /// <summary>A refusal: a friendly page for browsers, problem+json for everything else.</summary>
    public static IResult Refuse(HttpRequest request, int status, string title, string detail, string language = "en") =>
        HttpBodies.WantsHtml(request)
            ? Page(title, Text(detail), status, language)
            : Results.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>A body over the link endpoints' cap, answered as the caller reads (a page for a browser).</summary>
    public static IResult TooLarge(HttpRequest request) =>
        Refuse(request, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", "This form sends a few words at most.");

    public static IResult Refuse(HttpRequest request, LinkRefusal refusal) => refusal switch
    {
        LinkRefusal.Expired => Refuse(request, StatusCodes.Status410Gone, "This link has expired.",
            "Links in our emails work for a limited time. The next email carries fresh ones."),
        _ => Refuse(request, StatusCodes.Status404NotFound, "This link is not valid.",
            "It may have been copied incompletely. Please use the link exactly as it came in the email."),
    };
}
