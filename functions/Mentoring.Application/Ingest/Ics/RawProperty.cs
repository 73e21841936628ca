namespace Mentoring.Application.Ingest.Ics;

/// <summary>One property line as written: its parameters and value are cut from the line when first read.</summary>
internal sealed class RawProperty(int line, string content, int semicolon, int colon)
{
    private string? _parameters;
    private string? _value;

    public int Line { get; } = line;

    /// <summary>What lies between the name and the colon, without the first semicolon.</summary>
    public string Parameters => _parameters ??= semicolon < 0 ? string.Empty : content[(semicolon + 1)..colon];

    public string Value => _value ??= content[(colon + 1)..];
}
