using Mentoring.Application.Outbox.Validation;

namespace Mentoring.Application.Outbox.Rendering;

/// <summary>What a template rendered to.</summary>
/// <remarks>RejectedOverrides lists the override parts that did not validate at render time and were replaced by the
/// built-in text (validation on save should have kept them out; this says so instead of sending a broken email).
/// Language is the language the text is written in (see <see cref="ReaderLanguage"/>): the email's Content-Language.</remarks>
public sealed record RenderedContent(
    string TemplateId,
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<TemplatePart, TemplateValidation> RejectedOverrides,
    string Language = ReaderLanguage.DefaultLanguage);
