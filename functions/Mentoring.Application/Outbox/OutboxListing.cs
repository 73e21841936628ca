namespace Mentoring.Application.Outbox;

/// <summary>An outbox row as the admin API lists it: where it is, and its columns as stored.</summary>
internal sealed record OutboxListing(
    OutboxRef Ref,
    string PairId,
    string TemplateId,
    string RecipientKind,
    string Status,
    DateTimeOffset DecidedAt,
    DateTimeOffset NotBefore,
    DateTimeOffset? SentAt,
    string Reason);
