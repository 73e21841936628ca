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

    /// <summary>
    /// The same delivery with its meeting ids resolved through recorded aliases: for providers whose aliases only rename
    /// the meetings a delivery names (Cal.com's and Calendly's moved bookings), this is what normalising again with the
    /// aliases would give.
    /// </summary>
    internal Normalised ResolvedThrough(IReadOnlyDictionary<string, string> aliases) => this with
    {
        Observations = [.. Observations.Select(o => o with { MeetingId = Normalising.Aliases.Resolve(aliases, o.MeetingId) })],
        Aliases = [.. Aliases.Select(a => a with { MeetingId = Normalising.Aliases.Resolve(aliases, a.MeetingId) })],
    };
}
