namespace Mentoring.Engine.Meetings;

/// <summary>A change's position in the ledger and when it was made (UTC ticks): no object reference, so no write barrier.</summary>
internal readonly record struct TimedChange(long At, int Position);
