namespace Mentoring.Engine.Messages;

/// <summary>
/// A message already decided for a pair or a person (sent, or waiting in the outbox until <paramref name="SentAt"/>).
/// The engine reads these to space the ladder, apply caps and never decide the same message twice.
/// </summary>
/// <param name="IdempotencyKey">The key of the decision that produced it.</param>
/// <param name="TemplateId">Which template.</param>
/// <param name="RecipientKey">The <see cref="Recipient.Key"/> it went to.</param>
/// <param name="SentAt">When it was (or will be) sent.</param>
/// <param name="EpisodeKey">The ladder episode it belongs to, if it is a ladder or thank-you message.</param>
/// <param name="MeetingId">The meeting it was about (pre-meeting reminders).</param>
/// <param name="Step">The ladder step (0-based) it was, for ladder messages.</param>
public sealed record SentMessage(
    string IdempotencyKey,
    string TemplateId,
    string RecipientKey,
    DateTimeOffset SentAt,
    string? EpisodeKey = null,
    string? MeetingId = null,
    int? Step = null);
