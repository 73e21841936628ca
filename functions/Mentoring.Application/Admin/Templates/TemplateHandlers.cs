using Mentoring.Application.Outbox;
using Mentoring.Application.Outbox.Preview;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Outbox.Validation;
using Mentoring.Application.Roster;
using Mentoring.Engine.Messages;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Templates;

/// <summary>A program's own text for one template: any of the three parts; a part left out keeps the built-in text.</summary>
internal sealed record TemplateBody(string? Subject = null, string? Html = null, string? Text = null);

internal sealed record TemplateTexts(string? Subject, string? Html, string? Text);

/// <summary>The program's own text (null parts use the built-in) and the built-in text an editor starts from.</summary>
internal sealed record TemplateView(string TemplateId, TemplateTexts Program, TemplateTexts BuiltIn);

/// <summary>
/// <c>programs/{programId}/templates/{templateId}</c>: a program's own text for a template. Each part is validated when
/// saved (Liquid syntax, only the variables the template's model has, no external resources): a refused part answers
/// 400 naming the part, line and column, and nothing is saved. Sending and previews render with what is saved.
/// </summary>
internal sealed class TemplateHandlers(ProgramStore programs, TemplateOverrideStore overrides)
{
    public const int MaxPartLength = 50_000;

    public async Task<IResult> GetAsync(AdminRequest request)
    {
        var (program, templateId) = await LoadAsync(request);
        var saved = await overrides.GetAsync(program.ProgramId, templateId, request.Aborted);
        return Results.Json(View(templateId, saved), AdminJson.Options);
    }

    public async Task<IResult> PutAsync(AdminRequest request)
    {
        var (program, templateId) = await LoadAsync(request);
        var body = await request.BodyAsync<TemplateBody>();
        var validation = new Validation()
            .Require(body.Subject is not null || body.Html is not null || body.Text is not null, "subject", "Give at least one of subject, html, text.");
        foreach (var (part, name, text) in new[] { (TemplatePart.Subject, "subject", body.Subject), (TemplatePart.Html, "html", body.Html), (TemplatePart.Text, "text", body.Text) })
        {
            if (text is null)
                continue;
            if (text.Length > MaxPartLength)
            {
                validation.Require(false, name, $"At most {MaxPartLength:N0} characters.");
                continue;
            }

            foreach (var error in TemplateValidator.Validate(templateId, part, text).Errors)
                validation.Require(false, name, error.ToString());
        }

        validation.ThrowIfInvalid();
        var saved = new TemplateOverride(body.Subject, body.Html, body.Text);
        await overrides.SaveAsync(program.ProgramId, templateId, saved, request.Aborted);
        return Results.Json(View(templateId, saved), AdminJson.Options);
    }

    public async Task<IResult> DeleteAsync(AdminRequest request)
    {
        var (program, templateId) = await LoadAsync(request);
        await overrides.DeleteAsync(program.ProgramId, templateId, request.Aborted);
        return Results.NoContent();
    }

    private async Task<(ProgramRecord Program, string TemplateId)> LoadAsync(AdminRequest request)
    {
        var program = await programs.ProgramOfAsync(request);
        var templateId = request.Route("templateId");
        if (!TemplateIds.All.Contains(templateId))
            throw ApiProblem.NotFound("template");
        return (program, templateId);
    }

    private static TemplateView View(string templateId, TemplateOverride? saved)
    {
        var builtIn = EmailPreview.BuiltInSource(templateId);
        return new TemplateView(
            templateId,
            new TemplateTexts(saved?.Subject, saved?.Html, saved?.Text),
            new TemplateTexts(builtIn[TemplatePart.Subject], builtIn[TemplatePart.Html], builtIn[TemplatePart.Text]));
    }
}
