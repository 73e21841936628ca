namespace Mentoring.Application.Outbox.Rendering;

/// <summary>Everything a template renders against. Templates see it as <c>facts</c>, <c>program</c>, <c>recipient</c>,
/// <c>pair</c>, <c>links</c>, <c>numbers</c> and <c>attention</c> (see <see cref="ModelSchema"/>).</summary>
/// <remarks>Facts are the decision's facts as the engine wrote them (invariant numbers, ISO-8601 instants).</remarks>
public sealed record EmailModel(
    string TemplateId,
    IReadOnlyDictionary<string, string> Facts,
    EmailProgram Program,
    EmailRecipient Recipient,
    EmailLinks Links,
    EmailPair? Pair = null,
    ProgramNumbers? Numbers = null,
    IReadOnlyList<AttentionPair>? Attention = null);
