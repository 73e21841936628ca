namespace Mentoring.Application.Email.Rendering;

/// <summary>The three texts every template has.</summary>
public enum TemplatePart
{
    Subject,
    Html,
    Text,
}
