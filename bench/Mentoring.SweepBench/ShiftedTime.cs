namespace Mentoring.SweepBench;

/// <summary>The system clock moved ahead by <see cref="Shift"/>, for steps that happen days after the seeding.</summary>
internal sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}
