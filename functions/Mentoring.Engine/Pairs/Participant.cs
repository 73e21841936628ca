using Mentoring.Engine.Ledger;
using Mentoring.Engine.Messages;

namespace Mentoring.Engine.Pairs;

/// <summary>One side of a pair, as far as the engine needs to know it (ids, never addresses).</summary>
/// <param name="Id">The participant's id.</param>
/// <param name="Role">Mentor or mentee.</param>
/// <param name="TimeZone">The participant's zone, resolved by the caller from an IANA id.</param>
/// <param name="AllowsManagerNotes">Whether the participant agreed that their manager may be written to.</param>
/// <param name="Stopped">The kinds of email the participant takes no more: those they unsubscribed from; all after a bounce.</param>
public sealed record Participant(
    string Id,
    Party Role,
    TimeZoneInfo TimeZone,
    bool AllowsManagerNotes = false,
    EmailKinds Stopped = EmailKinds.None)
{
    /// <summary>Whether the participant still takes email of this kind.</summary>
    public bool Takes(EmailKinds kind) => (Stopped & kind) == 0;
}
