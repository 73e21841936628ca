using Fluid.Ast;

namespace Mentoring.Application.Outbox.Validation;

/// <summary>Walks a parsed template and records what it reads, what it defines, the filters and the tags it uses.</summary>
internal sealed class VariableCollector : AstVisitor
{
    public List<IReadOnlyList<string>> Paths { get; } = [];

    public HashSet<string> Locals { get; } = new(StringComparer.Ordinal) { "forloop", "tablerowloop" };

    /// <summary>Loop variables bound to a model list: name → the list's path.</summary>
    public Dictionary<string, IReadOnlyList<string>> LoopBindings { get; } = new(StringComparer.Ordinal);

    public List<string> Filters { get; } = [];

    public List<string> ForbiddenTags { get; } = [];

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        var path = new List<string>();
        foreach (var segment in memberExpression.Segments)
        {
            if (segment is IdentifierSegment identifier)
                path.Add(identifier.Identifier);
            else if (segment is IndexerSegment { Expression: LiteralExpression literal })
                path.Add(literal.Value.ToStringValue());
            else
                break; // a computed index: only the part before it can be checked
        }

        if (path.Count > 0)
            Paths.Add(path);
        return base.VisitMemberExpression(memberExpression);
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        Filters.Add(filterExpression.Name);
        return base.VisitFilterExpression(filterExpression);
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        Locals.Add(assignStatement.Identifier);
        return base.VisitAssignStatement(assignStatement);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        Locals.Add(captureStatement.Identifier);
        return base.VisitCaptureStatement(captureStatement);
    }

    protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement)
    {
        Locals.Add(incrementStatement.Identifier);
        return base.VisitIncrementStatement(incrementStatement);
    }

    protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement)
    {
        Locals.Add(decrementStatement.Identifier);
        return base.VisitDecrementStatement(decrementStatement);
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        if (forStatement.Source is MemberExpression source
            && source.Segments.All(s => s is IdentifierSegment))
            LoopBindings[forStatement.Identifier] = source.Segments.Cast<IdentifierSegment>().Select(s => s.Identifier).ToList();
        else
            Locals.Add(forStatement.Identifier);
        return base.VisitForStatement(forStatement);
    }

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
    {
        ForbiddenTags.Add("include");
        return base.VisitIncludeStatement(includeStatement);
    }

    protected override Statement VisitRenderStatement(RenderStatement renderStatement)
    {
        ForbiddenTags.Add("render");
        return base.VisitRenderStatement(renderStatement);
    }

    protected override Statement VisitFromStatement(FromStatement fromStatement)
    {
        ForbiddenTags.Add("from");
        return base.VisitFromStatement(fromStatement);
    }

    protected override Statement VisitMacroStatement(MacroStatement macroStatement)
    {
        ForbiddenTags.Add("macro");
        return base.VisitMacroStatement(macroStatement);
    }
}
