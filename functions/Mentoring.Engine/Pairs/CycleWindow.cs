namespace Mentoring.Engine.Pairs;

/// <summary>One cycle of a program: the campaign is dated relative to its start and end.</summary>
public sealed record CycleWindow(string Id, DateTimeOffset Start, DateTimeOffset End)
{
    public DateTimeOffset Middle => Start + ((End - Start) / 2);
}
