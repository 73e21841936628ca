namespace Mentoring.Application.Outbox.Validation;

/// <summary>The result of checking a template text: valid, or the list of errors an admin sees on save.</summary>
public sealed record TemplateValidation(IReadOnlyList<TemplateError> Errors)
{
    public static TemplateValidation Valid { get; } = new([]);

    public bool IsValid => Errors.Count == 0;
}
