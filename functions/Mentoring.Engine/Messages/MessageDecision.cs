namespace Mentoring.Engine.Messages;

/// <summary>The engine's decision that one recipient should get one message: data, not an action.</summary>
/// <param name="IdempotencyKey">Stable across re-evaluations: the same decision always has the same key.</param>
/// <param name="TemplateId">Which template to render.</param>
/// <param name="Recipient">Who gets it.</param>
/// <param name="DueAt">When the rule made it due.</param>
/// <param name="NotBefore">When it may be sent: due time moved out of quiet hours and past the weekly cap.</param>
/// <param name="Reason">Why, in one line an admin can read.</param>
/// <param name="Facts">What the template needs (the pair's numbers), ordinal-sorted keys.</param>
/// <param name="EpisodeKey">The ladder episode, for ladder and thank-you messages.</param>
/// <param name="MeetingId">The meeting it is about, for reminders.</param>
/// <param name="Step">The ladder step (0-based), for ladder messages.</param>
public sealed record MessageDecision(
    string IdempotencyKey,
    string TemplateId,
    Recipient Recipient,
    DateTimeOffset DueAt,
    DateTimeOffset NotBefore,
    string Reason,
    IReadOnlyDictionary<string, string> Facts,
    string? EpisodeKey = null,
    string? MeetingId = null,
    int? Step = null)
{
    /// <summary>The history row this decision becomes once it is recorded.</summary>
    public SentMessage ToSentMessage() =>
        new(IdempotencyKey, TemplateId, Recipient.Key, NotBefore, EpisodeKey, MeetingId, Step);
}
