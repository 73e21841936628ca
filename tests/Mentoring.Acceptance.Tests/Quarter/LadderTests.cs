using Mentoring.Acceptance.Tests.World;

namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>
/// The escalation ladder as the people of a pair that never meets (p07) live it, the check-in that stops it (p06), and
/// the unsubscribe that takes one person out of it (and out of it only: the campaign still reaches them).
/// </summary>
[Collection(QuarterDefinition.Name)]
public sealed class LadderTests(QuarterPlay quarter)
{
    private static readonly PairOf P07 = AcmeProgram.PairNamed("p07");
    private static readonly PairOf P06 = AcmeProgram.PairNamed("p06");
    private static readonly TimeZoneInfo ProgramZone = TimeZoneInfo.FindSystemTimeZoneById(AcmeProgram.TimeZone);

    /// <summary>The pair's ladder emails, by their idempotency key (the sponsor's note names nobody).</summary>
    private IReadOnlyList<ReceivedEmail> Ladder(PairOf pair) =>
        [.. quarter.Emails.Where(e => e.Template.StartsWith("ladder-", StringComparison.Ordinal)
            && e.Headers.TryGetValue("X-Mentoring-Idempotency-Key", out var key) && key.StartsWith(pair.Id + "/", StringComparison.Ordinal))];

    [Fact]
    public void Nudge_ReachesBothPeople_WhenTheFirstMeetingIsTwoWeeksLate()
    {
        // Slow start: no meeting held 14 days after the pair's start, and nobody's setback to blame, so both hear.
        foreach (var person in P07.People)
        {
            var nudge = quarter.EmailsTo(person.Email, "ladder-nudge").First();
            Moments.SentWhenDue(nudge, AcmeProgram.CycleStart.AddDays(14), person.Zone);
            Expect.Greets(person, nudge);
            // The pair never met: no "days since you last met" (found by this suite), the days since they were paired.
            Assert.Contains("14 days since you were paired", nudge.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain("last met", nudge.Subject + nudge.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unsubscribe_OneClickOnANudge_StopsThatPersonsLadderOnly_AndTheLadderGoesOnToTheOther()
    {
        Assert.Equal(200, quarter.UnsubscribeStatus);
        Assert.Equal("ladder-nudge", quarter.UnsubscribedFrom);
        var after = quarter.EmailsTo(P07.Mentee.Email).Where(e => e.Date > quarter.UnsubscribedAt).ToList();
        var ladder = after.Where(e => e.Template.StartsWith("ladder-", StringComparison.Ordinal) || e.Template == "thank-you").ToList();
        Assert.True(ladder.Count == 0, "Ladder emails after unsubscribing from the ladder:\n" + Expect.Describe(ladder));
        Assert.Contains(after, e => e.Template == "campaign-mid-cycle"); // the campaign is another kind: it still comes
        Assert.Single(quarter.EmailsTo(P07.Mentor.Email, "ladder-value-reminder"));
    }

    [Fact]
    public void LadderSteps_ComeInOrder_WithTheirGaps_ToTheRightPeople()
    {
        var nudge = quarter.EmailsTo(P07.Mentor.Email, "ladder-nudge").First();
        var value = quarter.EmailsTo(P07.Mentor.Email, "ladder-value-reminder").First();
        var sponsor = Ladder(P07).First(e => e.Template == "ladder-sponsor-note");
        var admin = Ladder(P07).First(e => e.Template == "ladder-admin-alert");

        Assert.True(value.Date - nudge.Date >= TimeSpan.FromDays(3), $"{value} came less than 3 days after {nudge}.");
        Assert.Equal(AcmeProgram.SponsorEmail, sponsor.To);
        Assert.DoesNotContain(P07.Mentor.FirstName, sponsor.Subject + sponsor.Text, StringComparison.Ordinal); // no participant agreed to be named to the sponsor
        Assert.DoesNotContain("health", sponsor.Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(sponsor.Date - value.Date >= TimeSpan.FromDays(7), $"{sponsor} came less than 7 days after {value}.");
        Expect.InWorkingHours(sponsor, ProgramZone);
        Assert.Equal(AcmeProgram.Admin, admin.To);
        Assert.True(admin.Date - sponsor.Date >= TimeSpan.FromDays(14), $"{admin} came less than 14 days after {sponsor}.");
        Expect.InWorkingHours(admin, ProgramZone);
    }

    [Fact]
    public void ValueReminder_HasTheSponsorsWords_TheGoal_AndThePairsTrueNumbers()
    {
        var value = quarter.EmailsTo(P07.Mentor.Email, "ladder-value-reminder").Single();
        Expect.Contains($"\"{AcmeProgram.SponsorWords}\"", value);
        Expect.Contains($"- {AcmeProgram.SponsorName}, {AcmeProgram.SponsorRole}", value);
        Expect.Contains("Why the company runs this program: " + AcmeProgram.Goal, value);
        var days = (int)(value.Date - AcmeProgram.CycleStart).TotalDays;
        Expect.Contains($"- {days} days since you were paired, with no meeting yet", value);
        Expect.Contains("- 0 meetings held so far", value);
        Expect.Contains($"You agreed to meet every {AcmeProgram.CadenceDays} days", value);
        Assert.Contains($"{days} days without a mentoring meeting", value.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminAlert_CountsTheDaysSinceThePairStarted()
    {
        var admin = Ladder(P07).First(e => e.Template == "ladder-admin-alert");
        var days = (int)(admin.Date - AcmeProgram.CycleStart).TotalDays;
        Assert.Equal($"Call {P07.Mentor.FirstName} & {P07.Mentee.FirstName}: no meeting for {days} days", admin.Subject);
    }

    [Fact]
    public void CheckIn_WeMet_IsRecorded_StopsTheLadder_AndBringsAThankYou()
    {
        Assert.False(quarter.Missing.ContainsKey("check-in"), quarter.Missing.GetValueOrDefault("check-in"));
        Assert.Equal(200, quarter.CheckInStatus);

        // The ledger has the confirmed meeting, from the check-in, at the moment it was said.
        var ledger = quarter.Timelines["p06"].GetProperty("ledger").EnumerateArray().ToList();
        Assert.Contains(ledger, c => c.GetProperty("kind").GetString() == "held" && c.GetProperty("source").GetString() == "checkin"
            && Math.Abs((c.GetProperty("changedAt").GetDateTimeOffset() - QuarterPlay.CheckInAt).TotalHours) < 1);

        // The episode closed: no further step for it; the next nudge only when the new gap is three weeks old (1.5 × 14 days).
        var after = Ladder(P06).Where(e => e.Date > QuarterPlay.CheckInAt).ToList();
        Assert.DoesNotContain(after, e => e.Date < QuarterPlay.CheckInAt.AddDays(21));
        Assert.Contains(after, e => e.Template == "ladder-nudge");

        // Both get a thank-you, in their hours, naming the other and the goal.
        foreach (var person in P06.People)
        {
            var thanks = Assert.Single(quarter.EmailsTo(person.Email, "thank-you"), e => e.Date >= QuarterPlay.CheckInAt && e.Date < QuarterPlay.CheckInAt.AddDays(3));
            Expect.InWorkingHours(thanks, person.Zone);
            Expect.Contains(AcmeProgram.Goal, thanks);
            Assert.Contains((person == P06.Mentor ? P06.Mentee : P06.Mentor).FirstName, thanks.Subject, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ThankYou_AfterAHeldMeeting_ThatClosesAnEpisodeWeWroteIn()
    {
        // p01 got a nudge in February; its meeting of 17 March (moved there in the crunch week) was held.
        var p01 = AcmeProgram.PairNamed("p01");
        var held = new DateTimeOffset(2027, 3, 17, 9, 0, 0, TimeSpan.Zero);
        foreach (var person in p01.People)
        {
            Assert.Contains(quarter.EmailsTo(person.Email, "ladder-nudge"), e => e.Date < held);
            var thanks = Assert.Single(quarter.EmailsTo(person.Email, "thank-you"), e => e.Date >= held);
            Expect.InWorkingHours(thanks, person.Zone);
        }

        // A pair we never wrote to about a missed meeting gets no thank-you for meeting.
        Assert.DoesNotContain(quarter.Emails, e => e.Template == "thank-you" && e.Date < AcmeProgram.CycleStart.AddDays(14));
    }

    [Fact]
    public void NoPerson_GetsMoreThanTwoNudgesRemindersOrThankYous_InAnySevenDays()
    {
        string[] capped = ["ladder-nudge", "ladder-value-reminder", "thank-you"];
        foreach (var person in AcmeProgram.People)
        {
            var emails = quarter.EmailsTo(person.Email).Where(e => capped.Contains(e.Template)).ToList();
            foreach (var email in emails)
            {
                var week = emails.Where(e => e.Date >= email.Date && e.Date < email.Date.AddDays(7)).ToList();
                Assert.True(week.Count <= 2, $"{person.Email} got {week.Count} capped emails in 7 days:\n{Expect.Describe(week)}");
            }
        }
    }
}
