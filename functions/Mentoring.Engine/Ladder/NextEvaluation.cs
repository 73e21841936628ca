using Mentoring.Engine.Meetings;

namespace Mentoring.Engine.Ladder;

/// <summary>The earliest future instant at which anything about a pair can change by the passing of time alone.</summary>
internal struct NextEvaluation(DateTimeOffset now, TimeSpan horizon)
{
    private readonly DateTimeOffset _now = now;

    public DateTimeOffset At { get; private set; } = now + horizon;

    public void Consider(DateTimeOffset instant)
    {
        if (instant > _now && instant < At)
            At = instant;
    }

    /// <summary>Whether an instant (UTC ticks) would become <see cref="At"/> if considered.</summary>
    public readonly bool WouldTake(long utcTicks) => utcTicks > _now.UtcTicks && utcTicks < At.UtcTicks;

    /// <summary>
    /// <see cref="Consider(DateTimeOffset)"/> for an instant in UTC ticks: it becomes a <see cref="DateTimeOffset"/>
    /// (in UTC) only if it is the earliest so far.
    /// </summary>
    public void Consider(long utcTicks)
    {
        if (WouldTake(utcTicks))
            At = Ticks.At(utcTicks);
    }
}
