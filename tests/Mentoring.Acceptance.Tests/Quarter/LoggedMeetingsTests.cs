namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>Meetings an admin logs by hand: what they read back as and what the pairs are then sent.</summary>
[Collection(QuarterDefinition.Name)]
public sealed class LoggedMeetingsTests(QuarterPlay quarter)
{
    /// <summary>A cancellation logged by an admin reads back as cancelled, not held.</summary>
    [Fact]
    public void LoggedCancellation_ReadsBackAsCancelled()
    {
        var meetings = quarter.Timelines["p08"].GetProperty("meetings").EnumerateArray().ToList();
        var march = Assert.Single(meetings, m => m.GetProperty("start").GetDateTimeOffset() == new DateTimeOffset(2027, 3, 2, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal("cancelled", march.GetProperty("status").GetString(), ignoreCase: true);
    }

    /// <summary>A logged cancellation is not a booked meeting: no reminder for it, no thank-you for "meeting".</summary>
    [Fact]
    public void LoggedCancellation_BringsNoReminder_AndNoThankYou()
    {
        var cancelledOn = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        foreach (var person in AcmeProgram.PairNamed("p08").People)
        {
            var wrong = quarter.EmailsTo(person.Email).Where(e => e.Template is "pre-meeting-reminder" or "thank-you" && e.Date >= cancelledOn && e.Date < cancelledOn.AddDays(3)).ToList();
            Assert.True(wrong.Count == 0, "For a cancelled meeting:\n" + Expect.Describe(wrong));
        }
    }

    /// <summary>Logged meetings of two pairs at the same time and outcome do not collide.</summary>
    [Fact]
    public void MeetingsLogged_ForTwoPairs_AtTheSameInstant_AreBothKept()
    {
        foreach (var pair in new[] { "p09", "p10" })
        {
            var meetings = quarter.Timelines[pair].GetProperty("meetings").EnumerateArray();
            Assert.Contains(meetings, m => m.GetProperty("start").GetDateTimeOffset() == QuarterPlay.LoggedMeeting && m.GetProperty("status").GetString() is "held");
        }
    }

    /// <summary>The same collision seen by a participant: p10, whose meeting was logged, is not told to book a first one.</summary>
    [Fact]
    public void BookYourFirstMeeting_IsNotSent_ToAPairWhoseMeetingWasLogged()
    {
        foreach (var person in AcmeProgram.PairNamed("p10").People)
            Assert.Empty(quarter.EmailsTo(person.Email, "campaign-book-first-meeting"));
    }
}
