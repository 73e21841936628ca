using Mentoring.Engine.Messages;
using Mentoring.Engine.Policy;

namespace Mentoring.Engine.Sending;

/// <summary>What the dispatcher does with a decided message once it may go.</summary>
public enum SendVerdictKind
{
    /// <summary>Send it now.</summary>
    Go,

    /// <summary>Not yet: quiet hours or the weekly cap; look again at <see cref="SendVerdict.At"/>.</summary>
    Defer,

    /// <summary>No longer true: its pair paused or ended, or its episode closed while it waited.</summary>
    Cancel,

    /// <summary>Its recipient takes no more email.</summary>
    Skip,
}

/// <summary>The verdict on a decided message at send time, with the instant to look again or the reason.</summary>
public readonly record struct SendVerdict(SendVerdictKind Kind, DateTimeOffset At = default, string Reason = "");

/// <summary>
/// The facts about a decided message as they stand when it may go: each may have changed since the engine decided it.
/// </summary>
/// <param name="PairActive">The message's pair is still active (true for program-wide messages).</param>
/// <param name="CurrentEpisodeKey">The pair's ladder episode now; null when unknown or not a pair's message.</param>
/// <param name="RecipientStopped">The kinds of email the recipient takes no more: what they unsubscribed from; all after a bounce or an erasure.</param>
/// <param name="RecipientZone">The recipient's zone, for quiet hours.</param>
/// <param name="RecipientCappedSends">
/// When the recipient's other capped emails went or are booked to go, across all their programs (the person's send
/// ledger); read for capped templates only.
/// </param>
public sealed record SendFacts(
    bool PairActive,
    string? CurrentEpisodeKey,
    EmailKinds RecipientStopped,
    TimeZoneInfo RecipientZone,
    IReadOnlyList<DateTimeOffset> RecipientCappedSends);

/// <summary>
/// The send-time rules, one home each: a ladder message whose pair is no longer active or whose episode closed is
/// cancelled; a recipient who stopped the message's kind is skipped (the admin digest is no kind: no unsubscribe stops
/// it); quiet hours and the weekly cap defer (<see cref="SendWindow.CappedNotBefore"/>, the arithmetic the engine decided
/// with, here over the person's sends in every program), except for what answers a click (<see cref="TemplateIds.GoesAtOnce"/>).
/// </summary>
public static class SendRules
{
    public static SendVerdict Check(MessageDecision decision, SendFacts facts, SendingPolicy policy, DateTimeOffset now)
    {
        if (decision.Step is not null && !facts.PairActive)
            return new SendVerdict(SendVerdictKind.Cancel, Reason: "pair-not-active");
        if (decision.Step is not null && facts.CurrentEpisodeKey is { } episode && !string.Equals(episode, decision.EpisodeKey, StringComparison.Ordinal))
            return new SendVerdict(SendVerdictKind.Cancel, Reason: "episode-closed");
        if (IsStopped(decision.TemplateId, facts.RecipientStopped))
            return new SendVerdict(SendVerdictKind.Skip, Reason: "suppressed");

        // Judged early (a capped message books its place in the person's week as soon as it is decided), not before its time.
        var earliest = decision.NotBefore > now ? decision.NotBefore : now;
        var at = TemplateIds.GoesAtOnce(decision.TemplateId) ? earliest
            : TemplateIds.IsCapped(decision.TemplateId) ? SendWindow.CappedNotBefore(earliest, facts.RecipientZone, facts.RecipientCappedSends, policy)
            : SendWindow.FirstWorkingInstant(earliest, facts.RecipientZone, policy);
        return at > now ? new SendVerdict(SendVerdictKind.Defer, at) : new SendVerdict(SendVerdictKind.Go, now);
    }

    /// <summary>
    /// Whether the recipient stopped the email: every kind it is of (one for most; all for an invitation, which any kind
    /// still taken lets through). The admin digest is of none, and nothing stops it.
    /// </summary>
    public static bool IsStopped(string templateId, EmailKinds stopped)
    {
        var kind = TemplateIds.KindOf(templateId);
        return kind != EmailKinds.None && (stopped & kind) == kind;
    }

    /// <summary>
    /// Every message but the admin digest is of a kind an unsubscribe stops. The same test says which emails offer an
    /// unsubscribe link and List-Unsubscribe headers: only those an unsubscribe stops (RFC 8058). The digest is the
    /// program's report to the people running it; they turn it off in the program's policy (<c>digestDay: null</c>).
    /// </summary>
    public static bool IsSuppressible(string templateId) => TemplateIds.KindOf(templateId) != EmailKinds.None;
}
