namespace Mentoring.Application.Outbox.Rendering;

/// <summary>The three texts every template has.</summary>
public enum TemplatePart
{
    Subject,
    Html,
    Text,
}
