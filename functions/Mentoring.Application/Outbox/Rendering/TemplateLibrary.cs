using System.Collections.Concurrent;
using Fluid;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Outbox.Rendering;

/// <summary>
/// The built-in templates, embedded in this assembly: English as <c>Outbox/Templates/&lt;id&gt;.{subject,html,txt}.liquid</c>
/// plus the shared <c>layout.html.liquid</c> and the plain-text footer <c>layout.txt.liquid</c>; every other language
/// the same files under <c>Outbox/Templates/&lt;language&gt;/</c> (e.g. <c>de/ladder-nudge.html.liquid</c>). Parsed once
/// and cached. A language is there when its layout is; <c>TemplateLanguageTests</c> checks it has every part.
/// </summary>
public static class TemplateLibrary
{
    private const string Prefix = "Mentoring.Email.Templates.";
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    public const string LayoutName = "layout";

    /// <summary>The languages with templates, English first.</summary>
    public static IReadOnlyList<string> Languages { get; } = FindLanguages();

    /// <summary>The built-in source of one part of a template.</summary>
    public static string Source(string templateId, TemplatePart part, string language = ReaderLanguage.DefaultLanguage) =>
        Read(ResourceName(templateId, part, language));

    /// <summary>The built-in source of the HTML layout or the text footer.</summary>
    public static string LayoutSource(TemplatePart part, string language = ReaderLanguage.DefaultLanguage) =>
        Read(LayoutResource(part, language));

    internal static IFluidTemplate Template(string templateId, TemplatePart part, string language = ReaderLanguage.DefaultLanguage) =>
        Parse(ResourceName(templateId, part, language));

    internal static IFluidTemplate Layout(string language = ReaderLanguage.DefaultLanguage) => Parse(LayoutResource(TemplatePart.Html, language));

    internal static IFluidTemplate TextFooter(string language = ReaderLanguage.DefaultLanguage) => Parse(LayoutResource(TemplatePart.Text, language));

    private static IFluidTemplate Parse(string resourceName) =>
        Parsed.GetOrAdd(resourceName, name => Liquid.Parser.Parse(Read(name)));

    private static string ResourceName(string templateId, TemplatePart part, string language)
    {
        if (!TemplateIds.All.Contains(templateId))
            throw new ArgumentException($"There is no template '{templateId}'.", nameof(templateId));
        return $"{Folder(language)}{templateId}.{Extension(part)}.liquid";
    }

    private static string LayoutResource(TemplatePart part, string language) =>
        $"{Folder(language)}{LayoutName}.{(part == TemplatePart.Html ? "html" : "txt")}.liquid";

    private static string Folder(string language)
    {
        if (!Languages.Contains(language, StringComparer.Ordinal))
            throw new ArgumentException($"There are no templates in '{language}'.", nameof(language));
        return language == ReaderLanguage.DefaultLanguage ? Prefix : Prefix + language + ".";
    }

    private static string Extension(TemplatePart part) => part switch
    {
        TemplatePart.Subject => "subject",
        TemplatePart.Html => "html",
        _ => "txt",
    };

    private static List<string> FindLanguages()
    {
        var suffix = "." + LayoutName + ".html.liquid";
        var others = typeof(TemplateLibrary).Assembly.GetManifestResourceNames()
            .Where(n => n.Length > Prefix.Length + suffix.Length && n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^suffix.Length])
            .Where(l => l.Length == 2 && l.All(char.IsAsciiLetterLower))
            .Order(StringComparer.Ordinal);
        return [ReaderLanguage.DefaultLanguage, .. others];
    }

    private static string Read(string resourceName)
    {
        using var stream = typeof(TemplateLibrary).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The template resource '{resourceName}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
