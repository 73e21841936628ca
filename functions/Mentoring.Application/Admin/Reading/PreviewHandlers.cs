using Mentoring.Application.Outbox.Preview;
using Mentoring.Application.Roster;
using Mentoring.Engine.Messages;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Reading;

internal sealed record PreviewView(
    string TemplateId,
    bool Example,
    string RecipientName,
    string RecipientRole,
    string RecipientCulture,
    string Language,
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyList<string> RejectedOverrides);

/// <summary>
/// <c>GET …/previews/{templateId}?pairId=&amp;recipient=mentor|mentee&amp;culture=de-DE&amp;format=html</c>: what the email would say, rendered
/// by <see cref="EmailPreviewHandler"/> through the sending path (the program's goal, sponsor's words, own template text,
/// numbers), for the pair's real facts — or, without a pair, for an example pair marked as one — in the reader's culture,
/// or in <c>culture</c> when it is given. Sends nothing.
/// </summary>
internal sealed class PreviewHandlers(ProgramStore programs, EmailPreviewHandler previews)
{
    public async Task<IResult> PreviewAsync(AdminRequest request)
    {
        var program = await programs.ProgramOfAsync(request);
        var templateId = request.Route("templateId");
        if (!TemplateIds.All.Contains(templateId))
            throw ApiProblem.NotFound("template");
        var role = request.Query("recipient");
        if (role is not (null or "mentor" or "mentee"))
            throw ApiProblem.Invalid("recipient is mentor or mentee.", new Dictionary<string, string[]> { ["recipient"] = ["mentor or mentee"] });
        var culture = request.Query("culture");
        if (culture is not null && !Validation.IsCulture(culture))
            throw ApiProblem.Invalid("culture is not a culture.", new Dictionary<string, string[]> { ["culture"] = [Validation.CultureRule] });
        var preview = await previews
            .PreviewAsync(program, request.Query("pairId"), templateId, role, request.Aborted, Validation.CultureName(culture))
            ?? throw ApiProblem.NotFound("pair");
        if (request.Query("format") == "html")
        {
            request.Http.Response.Headers.ContentLanguage = preview.Content.Language;
            return Results.Content(preview.Content.Html, "text/html; charset=utf-8");
        }
        return Results.Json(
            new PreviewView(
                templateId, preview.Example, preview.RecipientName, preview.RecipientRole, preview.RecipientCulture, preview.Content.Language,
                preview.Content.Subject, preview.Content.Html,
                preview.Content.Text, preview.Facts, [.. preview.Content.RejectedOverrides.Keys.Select(k => k.ToString())]),
            AdminJson.Options);
    }
}
