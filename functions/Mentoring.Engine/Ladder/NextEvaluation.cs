namespace Mentoring.Engine.Ladder;

/// <summary>The earliest future instant at which anything about a pair can change by the passing of time alone.</summary>
internal sealed class NextEvaluation(DateTimeOffset now, TimeSpan horizon)
{
    public DateTimeOffset At { get; private set; } = now + horizon;

    public void Consider(DateTimeOffset instant)
    {
        if (instant > now && instant < At)
            At = instant;
    }
}
