namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>"Not once, not twice": each campaign moment reaches every participant once, on its date, in their hours.</summary>
[Collection(QuarterDefinition.Name)]
public sealed class CampaignTests(QuarterPlay quarter)
{
    [Theory]
    [InlineData("campaign-launch")]
    [InlineData("campaign-mid-cycle")]
    [InlineData("campaign-close")]
    public void Moment_ReachesEveryParticipantOnce_OnItsDate(string template)
    {
        var dueAt = template switch
        {
            "campaign-launch" => AcmeProgram.CycleStart,
            "campaign-mid-cycle" => AcmeProgram.CycleMiddle,
            _ => AcmeProgram.CycleEnd.AddDays(-7), // a week before the end (CampaignPolicy.CloseBeforeEndDays): time for a closing talk
        };
        foreach (var person in AcmeProgram.People)
        {
            // p07's mentee unsubscribed from a nudge: that stopped the ladder, not the campaign (LadderTests).
            var email = Assert.Single(quarter.EmailsTo(person.Email, template));
            Moments.SentWhenDue(email, dueAt, person.Zone);
            Expect.Greets(person, email);
            Assert.Contains(AcmeProgram.Name, email.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LaunchEmail_CarriesTheGoal()
    {
        foreach (var email in quarter.Emails.Where(e => e.Template == "campaign-launch"))
            Expect.Contains(AcmeProgram.Goal, email);
    }

    [Fact]
    public void BookYourFirstMeeting_ReachesThePairsThatHadNothingBooked_AWeekAfterLaunch()
    {
        var dueAt = AcmeProgram.CycleStart.AddDays(7);
        foreach (var pair in new[] { "p06", "p07" }.Select(AcmeProgram.PairNamed))
        {
            foreach (var person in pair.People)
            {
                var email = Assert.Single(quarter.EmailsTo(person.Email, "campaign-book-first-meeting"));
                Moments.SentWhenDue(email, dueAt, person.Zone);
                var other = person == pair.Mentor ? pair.Mentee : pair.Mentor;
                Assert.Contains(other.FirstName, email.Subject, StringComparison.Ordinal);
            }
        }

        // Booked through Cal.com, Calendly, Outlook, an iCalendar feed or logged by the admin before the moment: nothing to nudge.
        foreach (var pair in new[] { "p01", "p02", "p03", "p04", "p05", "p08", "p09" }.Select(AcmeProgram.PairNamed))
            Assert.All(pair.People, p => Assert.Empty(quarter.EmailsTo(p.Email, "campaign-book-first-meeting")));
    }

    [Fact]
    public void PreMeetingReminder_TheDayBefore_WithTheTimeInTheReadersOwnZone()
    {
        var p01 = AcmeProgram.PairNamed("p01");
        foreach (var person in p01.People)
        {
            var reminder = quarter.EmailsTo(person.Email, "pre-meeting-reminder").First();
            Moments.SentWhenDue(reminder, new DateTimeOffset(2027, 1, 13, 9, 0, 0, TimeSpan.Zero), person.Zone);
            Assert.StartsWith("Tomorrow, 10:00: mentoring with ", reminder.Subject, StringComparison.Ordinal);
        }

        // One meeting, two zones: Marta in Berlin and Omar in New York read their own clock.
        var p04 = AcmeProgram.PairNamed("p04");
        Assert.StartsWith("Tomorrow, 15:00: mentoring with ", quarter.EmailsTo(p04.Mentor.Email, "pre-meeting-reminder").First().Subject, StringComparison.Ordinal);
        Assert.StartsWith("Tomorrow, 09:00: mentoring with ", quarter.EmailsTo(p04.Mentee.Email, "pre-meeting-reminder").First().Subject, StringComparison.Ordinal);
    }
}
