using System.Collections.Concurrent;
using Fluid;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Outbox.Rendering;

/// <summary>
/// The built-in templates, embedded in this assembly as <c>Outbox/Templates/&lt;id&gt;.{subject,html,txt}.liquid</c>
/// plus the shared <c>layout.html.liquid</c> and the plain-text footer <c>layout.txt.liquid</c>; parsed once and cached.
/// </summary>
public static class TemplateLibrary
{
    private const string Prefix = "Mentoring.Email.Templates.";
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    public const string LayoutName = "layout";

    /// <summary>The built-in source of one part of a template.</summary>
    public static string Source(string templateId, TemplatePart part) => Read(ResourceName(templateId, part));

    internal static IFluidTemplate Template(string templateId, TemplatePart part) =>
        Parsed.GetOrAdd(ResourceName(templateId, part), name => Liquid.Parser.Parse(Read(name)));

    internal static IFluidTemplate Layout() =>
        Parsed.GetOrAdd(Prefix + LayoutName + ".html.liquid", name => Liquid.Parser.Parse(Read(name)));

    internal static IFluidTemplate TextFooter() =>
        Parsed.GetOrAdd(Prefix + LayoutName + ".txt.liquid", name => Liquid.Parser.Parse(Read(name)));

    private static string ResourceName(string templateId, TemplatePart part)
    {
        if (!TemplateIds.All.Contains(templateId))
            throw new ArgumentException($"There is no template '{templateId}'.", nameof(templateId));
        var extension = part switch
        {
            TemplatePart.Subject => "subject",
            TemplatePart.Html => "html",
            _ => "txt",
        };
        return $"{Prefix}{templateId}.{extension}.liquid";
    }

    private static string Read(string resourceName)
    {
        using var stream = typeof(TemplateLibrary).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The template resource '{resourceName}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
