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
}
