using Fluid;

namespace Mentoring.Application.Outbox.Validation;

/// <summary>The model variables a template reads, as dotted paths (a loop's item as <c>attention[].reason</c>).</summary>
/// <remarks>What makes two languages of one template say the same facts: <c>TemplateLanguageTests</c> compares them.</remarks>
internal static class TemplateVariables
{
    public static SortedSet<string> Of(string text)
    {
        var template = Rendering.Liquid.Parser.Parse(text);
        var collector = new VariableCollector();
        collector.VisitTemplate(template);
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in collector.Paths)
        {
            if (collector.LoopBindings.TryGetValue(path[0], out var list))
                paths.Add(string.Join('.', list) + "[]" + string.Concat(path.Skip(1).Select(p => "." + p)));
            else if (!collector.Locals.Contains(path[0]))
                paths.Add(string.Join('.', path));
        }

        return paths;
    }
}
