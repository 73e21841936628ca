namespace Mentoring.Application.Queues;

/// <summary><c>pair-evaluations</c>: evaluate one pair. <paramref name="EvaluationId"/> is stable per unit of work.</summary>
/// <param name="EvaluationId">The same due entry or calendar delivery always gives the same id.</param>
/// <param name="ProgramId">The program.</param>
/// <param name="PairId">The pair.</param>
/// <param name="DueKey">The due-index row that triggered it, removed once the pair is rescheduled.</param>
internal sealed record EvaluatePair(
    string EvaluationId,
    string ProgramId,
    string PairId,
    string? DueKey = null);

/// <summary><c>outbound-email</c>: send the message in one outbox row.</summary>
internal sealed record SendEmail(string Partition, string RowKey);
