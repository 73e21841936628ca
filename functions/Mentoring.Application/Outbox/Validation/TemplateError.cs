namespace Mentoring.Application.Outbox.Validation;

/// <summary>Why a template text was refused, and where: 1-based line and column (0 when the whole text is at fault).</summary>
public sealed record TemplateError(int Line, int Column, string Reason)
{
    public override string ToString() => $"line {Line}, column {Column}: {Reason}";
}
