using System.Text.Json.Nodes;

namespace Mentoring.Infra.Tests;

/// <summary>Reads a compiled ARM template: every resource, nested module deployments included.</summary>
internal static class ArmTemplate
{
    public static JsonNode Load(string path) =>
        JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is not JSON");

    /// <summary>Each resource with the template that declares it (for its parameters).</summary>
    public static IEnumerable<(JsonObject Resource, JsonObject Template)> Resources(JsonNode template)
    {
        var declaring = template.AsObject();
        // languageVersion 2.0 templates hold resources in an object keyed by symbolic name; older ones in an array.
        var resources = declaring["resources"] switch
        {
            JsonArray array => array,
            JsonObject byName => byName.Select(pair => pair.Value),
            _ => [],
        };
        foreach (var resource in resources.OfType<JsonObject>())
        {
            yield return (resource, declaring);
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Resources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    public static string Type(JsonObject resource) => resource["type"]?.GetValue<string>() ?? "";

    public static string Name(JsonObject resource) => resource["name"]?.ToJsonString() ?? "(no name)";

    /// <summary>The node at a dotted path such as <c>properties.sku.name</c>, or null.</summary>
    public static JsonNode? At(JsonNode node, string path) =>
        path.Split('.').Aggregate<string, JsonNode?>(node, (current, part) => current?[part]);

    public static void Set(JsonNode node, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? node : At(node, string.Join('.', parts[..^1]));
        if (parent is null)
        {
            throw new InvalidOperationException($"no parent for {path}");
        }

        parent[parts[^1]] = value;
    }
}
