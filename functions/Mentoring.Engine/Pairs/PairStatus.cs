namespace Mentoring.Engine.Pairs;

public enum PairStatus
{
    Active,
    Paused,
    Ended,
}
