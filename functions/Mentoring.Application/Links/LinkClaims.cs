using Mentoring.Engine.Messages;

namespace Mentoring.Application.Links;

/// <summary>What a signed link may do. The purpose is signed: a "we met" token is no unsubscribe token.</summary>
internal enum LinkPurpose
{
    /// <summary>"We met": confirms the meeting was held.</summary>
    Met = 1,

    /// <summary>"We postponed — why": records a cancellation or missed meeting with a reason.</summary>
    Postponed = 2,

    /// <summary>"We'll meet on …": records the meeting the pair booked (links sent before booking links; still honoured).</summary>
    MeetOn = 3,

    /// <summary>One-click unsubscribe (RFC 8058).</summary>
    Unsubscribe = 4,

    /// <summary>The booking page: proposes times, books the pair's next meeting, moves or cancels it.</summary>
    Book = 5,
}

/// <summary>What one link says, signed as a whole.</summary>
/// <param name="Purpose">What the link does.</param>
/// <param name="ProgramId">The program.</param>
/// <param name="PairId">The pair the email was about; null for program-wide emails.</param>
/// <param name="MessageKey">The idempotency key of the email that carried the link.</param>
/// <param name="RecipientKey">Who it was sent to, as <c>Recipient.Key</c> ("mentor:p-1", "manager:p-2", "sponsor").</param>
/// <param name="ExpiresAt">After this instant the link is refused.</param>
/// <param name="Kind">An unsubscribe link's kind: what its one click stops. Null in links signed before kinds: all.</param>
internal sealed record LinkClaims(
    LinkPurpose Purpose,
    string ProgramId,
    string? PairId,
    string MessageKey,
    string RecipientKey,
    DateTimeOffset ExpiresAt,
    EmailKinds? Kind = null);

/// <summary>A token that verified, with the id of the one action it stands for (stable per token).</summary>
internal sealed record VerifiedLink(LinkClaims Claims, string ActionId);

internal enum LinkRefusal
{
    Malformed,
    BadSignature,
    WrongPurpose,
    Expired,
}
