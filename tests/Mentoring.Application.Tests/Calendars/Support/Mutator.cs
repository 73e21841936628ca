using System.Text;
using System.Text.Json.Nodes;

namespace Mentoring.Tests.Calendars.Support;

/// <summary>Mutates real-shaped payloads: byte flips, truncation, splices, and JSON values swapped for the wrong type.</summary>
internal sealed class Mutator(int seed)
{
    private static readonly Func<JsonNode?>[] WrongValues =
    [
        () => null,
        () => JsonValue.Create(0),
        () => JsonValue.Create(-1e308),
        () => JsonValue.Create(long.MaxValue),
        () => JsonValue.Create(true),
        () => JsonValue.Create(""),
        () => JsonValue.Create("not-a-date"),
        () => JsonValue.Create("9999-12-31T23:59:59Z"),
        () => JsonValue.Create("0001-01-01T00:00:00+14:00"),
        () => new JsonArray(JsonValue.Create(1), JsonValue.Create("x")),
        () => new JsonObject { ["x"] = 1 },
    ];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] body) => _random.Next(5) switch
    {
        0 => FlipBytes(body),
        1 => body[.._random.Next(body.Length)],
        2 => Splice(body),
        _ => WrongType(body),
    };

    private byte[] FlipBytes(byte[] body)
    {
        var copy = (byte[])body.Clone();
        for (var i = _random.Next(1, 4); i > 0; i--)
            copy[_random.Next(copy.Length)] = (byte)_random.Next(256);
        return copy;
    }

    private byte[] Splice(byte[] body)
    {
        var at = _random.Next(body.Length);
        byte[] junk = _random.Next(3) switch
        {
            0 => "{\"a\":"u8.ToArray(),
            1 => Encoding.UTF8.GetBytes(new string('[', _random.Next(1, 200))),
            _ => [0xFF, 0xFE, 0x00, (byte)'"'],
        };
        return [.. body[..at], .. junk, .. body[at..]];
    }

    private byte[] WrongType(byte[] body)
    {
        var root = JsonNode.Parse(body)!;
        var slots = new List<(JsonNode Parent, object Key)>();
        Collect(root, slots);
        for (var i = _random.Next(1, 4); i > 0 && slots.Count > 0; i--)
        {
            var (parent, key) = slots[_random.Next(slots.Count)];
            var value = WrongValues[_random.Next(WrongValues.Length)]();
            if (parent is JsonObject obj && key is string name)
                obj[name] = value;
            else if (parent is JsonArray array && key is int index && index < array.Count)
                array[index] = value;
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static void Collect(JsonNode? node, List<(JsonNode, object)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToArray())
                {
                    slots.Add((obj, name));
                    Collect(child, slots);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, i));
                    Collect(array[i], slots);
                }

                break;
        }
    }
}
