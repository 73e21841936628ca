using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Outbox.Validation;

/// <summary>
/// Checks a program's template override before it is saved: it must parse, read only variables of the model
/// (<see cref="ModelSchema"/>), use only known filters, include nothing, and (HTML) carry no script.
/// </summary>
public static partial class TemplateValidator
{
    public static TemplateValidation Validate(string templateId, TemplatePart part, string text)
    {
        if (!TemplateIds.All.Contains(templateId))
            return new([new TemplateError(0, 0, $"There is no template '{templateId}'.")]);
        if (!Liquid.Parser.TryParse(text, out var template, out var parseError))
            return new([ParseError(parseError)]);

        var collector = new VariableCollector();
        collector.VisitTemplate(template);
        var schema = ModelSchema.For(templateId);
        var errors = new List<TemplateError>();

        foreach (var path in collector.Paths)
        {
            var unknown = UnknownPart(path, schema, collector);
            if (unknown is not null)
            {
                var (line, column) = Locate(text, string.Join('.', path));
                errors.Add(new TemplateError(line, column, $"'{string.Join('.', path)}' is not in the model: {unknown}."));
            }
        }

        foreach (var filter in collector.Filters.Distinct(StringComparer.Ordinal))
        {
            if (!Liquid.Options.Filters.TryGetValue(filter, out _))
            {
                var (line, column) = Locate(text, filter);
                errors.Add(new TemplateError(line, column, $"There is no filter '{filter}'."));
            }
        }

        foreach (var tag in collector.ForbiddenTags.Distinct(StringComparer.Ordinal))
        {
            var (line, column) = Locate(text, tag);
            errors.Add(new TemplateError(line, column, $"The '{tag}' tag is not allowed in email templates."));
        }

        if (part == TemplatePart.Html && ScriptTag().Match(text) is { Success: true } script)
        {
            var (line, column) = Position(text, script.Index);
            errors.Add(new TemplateError(line, column, "HTML emails may not contain scripts."));
        }

        return errors.Count == 0 ? TemplateValidation.Valid : new TemplateValidation(errors);
    }

    /// <summary>Null when the path exists; else a phrase that says which part does not.</summary>
    private static string? UnknownPart(
        IReadOnlyList<string> path, IReadOnlyDictionary<string, SchemaNode> schema, VariableCollector collector)
    {
        var root = path[0];
        if (collector.Locals.Contains(root) || ModelSchema.LayoutNames.Contains(root))
            return null;

        SchemaNode? node;
        if (collector.LoopBindings.TryGetValue(root, out var list))
        {
            node = Walk(list, schema)?.Item;
            if (node is null)
                return $"the loop over '{string.Join('.', list)}' does not go over a list of the model";
        }
        else if (!schema.TryGetValue(root, out node))
        {
            return $"there is no variable '{root}' (known: {string.Join(", ", schema.Keys)})";
        }

        for (var i = 1; i < path.Count; i++)
        {
            var next = node.Member(path[i]);
            if (next is null)
            {
                var known = node.Members is { } members ? $" (known: {string.Join(", ", members.Keys)})" : "";
                return $"'{path[i - 1]}' has no member '{path[i]}'{known}";
            }

            node = next;
        }

        return null;
    }

    private static SchemaNode? Walk(IReadOnlyList<string> path, IReadOnlyDictionary<string, SchemaNode> schema)
    {
        if (!schema.TryGetValue(path[0], out var node))
            return null;
        for (var i = 1; i < path.Count && node is not null; i++)
            node = node.Member(path[i]);
        return node;
    }

    /// <summary>Fluid reports "&lt;reason&gt; at (line:column)" followed by the source line.</summary>
    private static TemplateError ParseError(string message)
    {
        var match = ParsePosition().Match(message);
        if (!match.Success)
            return new TemplateError(0, 0, message.Trim());
        var line = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
        var column = int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture);
        return new TemplateError(line, column, message[..match.Index].Trim());
    }

    /// <summary>Fluid's syntax tree keeps no positions: the first place the name is written, inside a tag.</summary>
    private static (int Line, int Column) Locate(string text, string name)
    {
        foreach (Match tag in LiquidTag().Matches(text))
        {
            var at = tag.Value.IndexOf(name, StringComparison.Ordinal);
            if (at >= 0)
                return Position(text, tag.Index + at);
        }

        return (0, 0);
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    [GeneratedRegex(@" at \((?<line>\d+):(?<column>\d+)\)")]
    private static partial Regex ParsePosition();

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex LiquidTag();

    [GeneratedRegex(@"<\s*script\b|\bjavascript:", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
