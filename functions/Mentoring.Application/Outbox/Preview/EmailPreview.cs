using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Outbox.Validation;

namespace Mentoring.Application.Outbox.Preview;

/// <summary>
/// Renders any template for given facts, program and recipient without sending anything: what the admin API shows.
/// An override text that does not validate is returned with its errors, beside the rendering with the built-in text.
/// </summary>
public static class EmailPreview
{
    /// <summary>Links a preview shows when the caller has none to sign: they go nowhere.</summary>
    public static EmailLinks PlaceholderLinks { get; } = new(
        CheckIn: "#preview-we-met",
        Postponed: "#preview-we-postponed",
        BookNext: "#preview-book-next",
        Unsubscribe: "#preview-unsubscribe",
        OneClickUnsubscribe: "#preview-unsubscribe",
        Dashboard: "#preview-dashboard");

    public static PreviewResult Render(EmailModel model, TemplateOverride? programOverride = null)
    {
        var content = EmailRenderer.Render(model, programOverride);
        return new PreviewResult(content, content.RejectedOverrides);
    }

    /// <summary>The built-in text of each part, for an editor to start from.</summary>
    public static IReadOnlyDictionary<TemplatePart, string> BuiltInSource(string templateId) =>
        Enum.GetValues<TemplatePart>().ToDictionary(part => part, part => TemplateLibrary.Source(templateId, part));
}

/// <summary>A preview: the rendered content, and for each override part that was refused, why.</summary>
public sealed record PreviewResult(RenderedContent Content, IReadOnlyDictionary<TemplatePart, TemplateValidation> OverrideErrors);
