namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>
/// Findings of the quarter. Those marked <c>PendingFix</c> are correct behaviour main still gets wrong: not in the default
/// run (<c>Category!=PendingFix</c>, see the project file); run them with
/// <c>dotnet test tests/Mentoring.Acceptance.Tests --filter Category=PendingFix</c>. The others were fixed and run by
/// default; they move to their real classes when this file is next touched.
/// </summary>
[Collection(QuarterDefinition.Name)]
public sealed class PendingFixTests(QuarterPlay quarter)
{
    /// <summary>engine-trust: a cancellation logged by an admin reads back as cancelled, not held.</summary>
    [Fact]
    public void LoggedCancellation_ReadsBackAsCancelled()
    {
        var meetings = quarter.Timelines["p08"].GetProperty("meetings").EnumerateArray().ToList();
        var march = Assert.Single(meetings, m => m.GetProperty("start").GetDateTimeOffset() == new DateTimeOffset(2027, 3, 2, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal("cancelled", march.GetProperty("status").GetString(), ignoreCase: true);
    }

    /// <summary>engine-trust: logged meetings of two pairs at the same time and outcome must not collide.</summary>
    [Fact]
    public void MeetingsLogged_ForTwoPairs_AtTheSameInstant_AreBothKept()
    {
        foreach (var pair in new[] { "p09", "p10" })
        {
            var meetings = quarter.Timelines[pair].GetProperty("meetings").EnumerateArray();
            Assert.Contains(meetings, m => m.GetProperty("start").GetDateTimeOffset() == QuarterPlay.LoggedMeeting && m.GetProperty("status").GetString() is "held");
        }
    }


    /// <summary>
    /// engine-trust: the same collision seen by a participant — p10's meeting, logged at the same instant as p09's, is
    /// dropped, so p10 is told to book a first meeting it already held.
    /// </summary>
    [Fact]
    public void BookYourFirstMeeting_IsNotSent_ToAPairWhoseMeetingWasLogged()
    {
        foreach (var person in AcmeProgram.PairNamed("p10").People)
            Assert.Empty(quarter.EmailsTo(person.Email, "campaign-book-first-meeting"));
    }

    /// <summary>engine-trust: a logged cancellation is not a booked meeting: no reminder for it, no thank-you for "meeting".</summary>
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

    /// <summary>
    /// Found by this suite, not yet owned (decisions-home's area): one week of postponements brings the crunch message
    /// twice — in that ISO week and again the next Monday ("40% of pairs postponed this week", of a week with none).
    /// </summary>
    [Trait("Category", "PendingFix")]
    [Theory]
    [InlineData(AcmeProgram.SponsorEmail)]
    [InlineData(AcmeProgram.Admin)]
    public void Crunch_OfOneWeek_IsWrittenOnce(string address)
    {
        var crunches = quarter.EmailsTo(address, "program-crunch").ToList();
        Assert.True(crunches.Count == 1, Expect.Describe(crunches));
    }

    /// <summary>program-content: a preview for a real pair (<c>?pairId=</c>) shows blank numbers.</summary>
    [Fact]
    public void Preview_OfAValueReminder_ShowsThePairsRealFacts()
    {
        var preview = Assert.NotNull(quarter.ValueReminderPreview);
        var text = preview.GetProperty("text").GetString()!;
        var days = (int)(QuarterPlay.CheckInAt - AcmeProgram.CycleStart).TotalDays;
        Assert.Contains($"- {days} days since you last met", text, StringComparison.Ordinal);
        Assert.Contains($"You agreed to meet every {AcmeProgram.CadenceDays} days", text, StringComparison.Ordinal);
        Assert.Contains(AcmeProgram.Goal, text, StringComparison.Ordinal);
        Assert.Contains(AcmeProgram.SponsorWords, text, StringComparison.Ordinal);
    }

    /// <summary>Found by this suite, not yet owned (templates): "1 meetings with Ben".</summary>
    [Trait("Category", "PendingFix")]
    [Fact]
    public void Numbers_AgreeWithTheirNouns()
    {
        var wrong = quarter.Emails.Where(e => System.Text.RegularExpressions.Regex.IsMatch(e.Subject + "\n" + e.Text, @"\b1 (meetings|days|pairs)\b")).ToList();
        Assert.True(wrong.Count == 0, Expect.Describe(wrong));
    }
}
