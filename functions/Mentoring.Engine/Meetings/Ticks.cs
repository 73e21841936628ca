namespace Mentoring.Engine.Meetings;

/// <summary>Instants inside the fold are UTC ticks: comparing and adding <c>long</c>s is what keeps the fold cheap.</summary>
internal static class Ticks
{
    /// <summary>"No instant" for an optional one (nothing in a ledger happens in year 1).</summary>
    public const long None = long.MinValue;

    public static long Of(DateTimeOffset instant) => instant.UtcTicks;

    public static long Of(DateTimeOffset? instant) => instant is { } value ? value.UtcTicks : None;

    public static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    public static DateTimeOffset? AtOrNull(long ticks) => ticks == None ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
