namespace Mentoring.Application.Email;

/// <summary>One rendered email, ready for a sender. <paramref name="MessageId"/> is stable per outbox row.</summary>
internal sealed record EmailMessage(
    string MessageId,
    string From,
    string To,
    string? ToName,
    string Subject,
    string TextBody,
    DateTimeOffset Date,
    IReadOnlyDictionary<string, string> Headers);
