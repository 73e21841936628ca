using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Mentoring.Application.Outbox.Validation;

namespace Mentoring.Application.Outbox.Rendering;

/// <summary>
/// Renders one template for one recipient: subject (one line), HTML (the template's body inside the shared layout,
/// every value HTML-encoded) and plain text, in the reader's language (<see cref="ReaderLanguage"/>). A program's
/// override replaces a part when it validates; the caller passes one only for readers of the program's language.
/// </summary>
public static partial class EmailRenderer
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static RenderedContent Render(EmailModel model, TemplateOverride? programOverride = null)
    {
        var rejected = new Dictionary<TemplatePart, TemplateValidation>();
        var context = FluidModel.Context(model, Liquid.Options);
        var language = ReaderLanguage.For(model.Recipient.Culture).Language;

        var subject = Collapse().Replace(
            Part(model.TemplateId, TemplatePart.Subject, language, programOverride, rejected).Render(context, NullEncoder.Default), " ").Trim();

        // A capture does not outlive the template's scope: keep the body's preheader for the layout.
        context.Captured = (name, value, captured) =>
        {
            if (name == "preheader")
                captured.AmbientValues["preheader"] = value.ToStringValue();
            return new ValueTask<FluidValue>(value);
        };
        var body = Part(model.TemplateId, TemplatePart.Html, language, programOverride, rejected).Render(context, Html);
        var preheader = context.AmbientValues.TryGetValue("preheader", out var p) ? p as string ?? "" : "";
        context.SetValue("subject", new StringValue(subject));
        context.SetValue("body", new StringValue(body, encode: false));
        context.SetValue("preheader", new StringValue(preheader, encode: false));
        var html = TemplateLibrary.Layout(language).Render(context, Html);

        var text = Part(model.TemplateId, TemplatePart.Text, language, programOverride, rejected).Render(context, NullEncoder.Default);
        text = TidyText(text) + "\n\n" + TidyText(TemplateLibrary.TextFooter(language).Render(context, NullEncoder.Default)) + "\n";

        return new RenderedContent(model.TemplateId, subject, html, text, rejected, language);
    }

    private static IFluidTemplate Part(
        string templateId, TemplatePart part, string language, TemplateOverride? programOverride, Dictionary<TemplatePart, TemplateValidation> rejected)
    {
        if (programOverride?.For(part) is not { } source)
            return TemplateLibrary.Template(templateId, part, language);
        var validation = TemplateValidator.Validate(templateId, part, source);
        if (validation.IsValid)
            return Liquid.Parser.Parse(source);
        rejected[part] = validation;
        return TemplateLibrary.Template(templateId, part, language);
    }

    /// <summary>Trailing spaces off, at most one blank line in a row, no blank lines at either end.</summary>
    private static string TidyText(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim('\n');
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Collapse();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
