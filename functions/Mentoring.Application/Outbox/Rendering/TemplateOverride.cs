namespace Mentoring.Application.Outbox.Rendering;

/// <summary>A program's own text for some parts of one template; a null part uses the built-in text.</summary>
public sealed record TemplateOverride(string? Subject = null, string? Html = null, string? Text = null)
{
    public string? For(TemplatePart part) => part switch
    {
        TemplatePart.Subject => Subject,
        TemplatePart.Html => Html,
        _ => Text,
    };
}
