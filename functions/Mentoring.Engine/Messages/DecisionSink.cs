using Mentoring.Engine.Health;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Sending;
using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Messages;

/// <summary>Collects one evaluation's decisions: drops what was already decided, dates the rest past quiet hours and caps.</summary>
internal sealed class DecisionSink(
    PairObservation seen,
    PairContext pair,
    PairHealth health,
    ProgramConditions program,
    IReadOnlyList<SentMessage> history,
    EngagementPolicy policy,
    IReadOnlyList<SentMessage> otherSends)
{
    private readonly DateTimeOffset now = seen.Timeline.Now;

    private IReadOnlyDictionary<string, string>? _facts;

    private List<MessageDecision>? _decisions; // most evaluations decide nothing new

    public IReadOnlyList<MessageDecision> Decisions => _decisions ?? (IReadOnlyList<MessageDecision>)[];

    public IReadOnlyDictionary<string, string> PairFacts => _facts ??= Engine.PairFacts.Of(seen, pair, health, program, policy);

    public bool AlreadyDecided(string idempotencyKey)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (string.Equals(history[i].IdempotencyKey, idempotencyKey, StringComparison.Ordinal))
                return true;
        }

        if (_decisions is null)
            return false;
        foreach (var decided in _decisions)
        {
            if (string.Equals(decided.IdempotencyKey, idempotencyKey, StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    /// <summary>When a message to this recipient, due at <paramref name="due"/>, could go.</summary>
    public DateTimeOffset NotBefore(Recipient recipient, string templateId, DateTimeOffset due) =>
        SendWindow.NotBefore(
            due > now ? due : now, ZoneOf(recipient), recipient.Key, templateId, history, Decisions, policy.Sending, otherSends);

    public MessageDecision? Add(
        string idempotencyKey,
        string templateId,
        Recipient recipient,
        DateTimeOffset due,
        string reason,
        IReadOnlyDictionary<string, string>? facts = null,
        string? episodeKey = null,
        string? meetingId = null,
        int? step = null)
    {
        if (AlreadyDecided(idempotencyKey))
            return null;
        var decision = new MessageDecision(
            idempotencyKey,
            templateId,
            recipient,
            due,
            NotBefore(recipient, templateId, due),
            reason,
            facts ?? PairFacts,
            episodeKey,
            meetingId,
            step);
        (_decisions ??= []).Add(decision);
        return decision;
    }

    private TimeZoneInfo ZoneOf(Recipient recipient) => recipient.Kind switch
    {
        RecipientKind.Mentor => pair.Mentor.TimeZone,
        RecipientKind.Mentee => pair.Mentee.TimeZone,
        RecipientKind.Manager when recipient.ParticipantId == pair.Mentor.Id => pair.Mentor.TimeZone,
        RecipientKind.Manager when recipient.ParticipantId == pair.Mentee.Id => pair.Mentee.TimeZone,
        _ => pair.ProgramTimeZone,
    };
}
