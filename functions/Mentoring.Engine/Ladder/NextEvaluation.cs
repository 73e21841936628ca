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

    /// <summary>
    /// <see cref="Consider(DateTimeOffset)"/> for an instant in UTC ticks: it becomes a <see cref="DateTimeOffset"/>
    /// (in UTC) only if it is the earliest so far.
    /// </summary>
    public void Consider(long utcTicks)
    {
        if (utcTicks > _now.UtcTicks && utcTicks < At.UtcTicks)
            At = Ticks.At(utcTicks);
    }
}
