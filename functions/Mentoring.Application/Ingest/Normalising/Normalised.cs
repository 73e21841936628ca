namespace Mentoring.Application.Ingest.Normalising;

public enum NormalisedStatus
{
    /// <summary>Understood: zero or more observations and aliases.</summary>
    Parsed,

    /// <summary>Well formed but nothing for the ledger (an event type we do not use).</summary>
    Ignored,

    /// <summary>Not in the provider's documented shape: park it, do not retry.</summary>
    Invalid,
}

/// <summary>What one delivery means for the ledger.</summary>
public sealed record Normalised(
    NormalisedStatus Status,
    IReadOnlyList<CalendarObservation> Observations,
    IReadOnlyList<MeetingAlias> Aliases,
    string? Reason = null)
{
    public static Normalised Of(IReadOnlyList<CalendarObservation> observations, IReadOnlyList<MeetingAlias>? aliases = null) =>
        new(NormalisedStatus.Parsed, observations, aliases ?? []);

    public static Normalised Ignored(string reason) => new(NormalisedStatus.Ignored, [], [], reason);

    public static Normalised Invalid(string reason) => new(NormalisedStatus.Invalid, [], [], reason);
}
