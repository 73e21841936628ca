using Mentoring.Engine.Health;
using Mentoring.Engine.Messages;

namespace Mentoring.Engine;

/// <summary>The engine's judgement of one pair at one instant, and what to send.</summary>
/// <param name="PairId">The pair.</param>
/// <param name="EvaluatedAt">The instant judged.</param>
/// <param name="Health">Score, risk level and the signals behind them.</param>
/// <param name="Decisions">Messages to send (not yet decided before), each with its idempotency key.</param>
/// <param name="NextEvaluationAt">The next instant at which time alone can change anything (for the due-index).</param>
/// <param name="EpisodeKey">The current ladder episode's key.</param>
/// <param name="MeetingsHeld">Held meetings so far.</param>
/// <param name="LastMeetingAt">Start of the last held meeting.</param>
/// <param name="NextMeetingAt">Start of the next booked meeting.</param>
/// <param name="LastSetbackAt">The last postponement or cancellation since the last held meeting (for the program crunch).</param>
public sealed record PairEvaluation(
    string PairId,
    DateTimeOffset EvaluatedAt,
    PairHealth Health,
    IReadOnlyList<MessageDecision> Decisions,
    DateTimeOffset NextEvaluationAt,
    string EpisodeKey,
    int MeetingsHeld,
    DateTimeOffset? LastMeetingAt,
    DateTimeOffset? NextMeetingAt,
    DateTimeOffset? LastSetbackAt);
