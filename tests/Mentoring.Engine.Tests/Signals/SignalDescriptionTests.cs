using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Tests.Signals;

/// <summary>The one-line reasons admins read (digest, dashboard, alerts): numbers agree with their nouns.</summary>
public sealed class SignalDescriptionTests
{
    [Theory]
    [InlineData(SignalKind.Drifting, 1, "No meeting held for 1 day and none scheduled.")]
    [InlineData(SignalKind.CancelledNotRebooked, 1, "A meeting was cancelled and nothing rebooked for 1 day.")]
    [InlineData(SignalKind.RepeatedPostponement, 1, "1 postponement or cancellation since the last meeting held.")]
    [InlineData(SignalKind.LateChange, 1, "1 change less than a day before the meeting.")]
    [InlineData(SignalKind.LateChange, 2, "2 changes less than a day before the meeting.")]
    [InlineData(SignalKind.Dormant, 120, "No meeting held for 120 days: dormant.")]
    public void Describe_Count_AgreesWithItsNoun(SignalKind kind, int count, string expected)
    {
        Assert.Equal(expected, new Signal(kind, DateTimeOffset.UnixEpoch, count).Describe());
    }
}
