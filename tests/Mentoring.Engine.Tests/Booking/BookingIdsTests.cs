using Mentoring.Engine.Booking;

namespace Mentoring.Engine.Tests.Booking;

public sealed class BookingIdsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("n1", 7)]
    [InlineData("zzzzzzzz", 180)]
    public void NewBookingChangeId_SortsBeforeTheMeetingsLaterChanges(string nonce, int daysAhead)
    {
        // Changes made at one instant (a test clock, a quick hand) fold in change-id order: the booking must come first.
        var uid = BookingIds.Uid("prog", "pair-1", At.AddDays(daysAhead), nonce);
        var booked = BookingIds.NewBookingChangeId([], "prog", "pair-1");

        Assert.True(string.CompareOrdinal(booked, $"booking/{uid}/s1") < 0, $"{booked} sorts after booking/{uid}/s1");
    }
}
