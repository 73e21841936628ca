namespace Mentoring.Application.Outbox.Rendering;

/// <summary>One node of the variable tree a template may read: a value, an object with named members, or a list.</summary>
public sealed class SchemaNode
{
    private static readonly string[] BuiltInMembers = ["size", "first", "last"];

    private SchemaNode(IReadOnlyDictionary<string, SchemaNode>? members, SchemaNode? item)
    {
        Members = members;
        Item = item;
    }

    public static SchemaNode Value { get; } = new(null, null);

    /// <summary>Named members; null for a plain value or a list.</summary>
    public IReadOnlyDictionary<string, SchemaNode>? Members { get; }

    /// <summary>The shape of each element, for a list.</summary>
    public SchemaNode? Item { get; }

    public static SchemaNode WithMembers(params IEnumerable<string> names) =>
        new(names.ToDictionary(n => n, _ => Value, StringComparer.Ordinal), null);

    public static SchemaNode WithMembers(IReadOnlyDictionary<string, SchemaNode> members) => new(members, null);

    public static SchemaNode ListOf(SchemaNode item) => new(null, item);

    /// <summary>The member named <paramref name="name"/>, or null when it does not exist.</summary>
    public SchemaNode? Member(string name)
    {
        if (Members is not null && Members.TryGetValue(name, out var member))
            return member;
        if (Array.IndexOf(BuiltInMembers, name) < 0)
            return null;
        return name == "size" ? Value : Item ?? Value;
    }
}
