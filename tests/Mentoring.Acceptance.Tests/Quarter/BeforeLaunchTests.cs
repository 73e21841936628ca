using System.Globalization;

namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>The program made through the admin API and a CSV import, and its first impression: the before-launch email.</summary>
[Collection(QuarterDefinition.Name)]
public sealed class BeforeLaunchTests(QuarterPlay quarter)
{
    private const string Template = "campaign-before-launch";

    [Fact]
    public void Imports_TakeEveryRow()
    {
        Assert.Equal(20, quarter.ImportParticipants.GetProperty("imported").GetInt32());
        Assert.Equal(10, quarter.ImportPairs.GetProperty("imported").GetInt32());
    }

    [Fact]
    public void EveryParticipant_GetsOneBeforeLaunchEmail_OnTheDayItFallsDue_InTheirWorkingHours()
    {
        foreach (var person in AcmeProgram.People)
        {
            var emails = quarter.EmailsTo(person.Email, Template).ToList();
            var email = Assert.Single(emails);
            Assert.Equal(person.Name, email.ToName);
            Expect.InWorkingHours(email, person.Zone);
            var dueAt = AcmeProgram.CycleStart.AddDays(-7);
            Assert.True(email.Date >= dueAt, $"{email} went before the moment fell due ({dueAt:O}).");
            Assert.True(
                email.Date < dueAt.AddDays(1) || TimeZoneInfo.ConvertTime(dueAt, person.Zone).TimeOfDay >= TimeSpan.FromHours(17),
                $"{email} went later than the first working hours after {dueAt:O}.");
        }

        Assert.DoesNotContain(quarter.Emails, e => e.Template == Template && !AcmeProgram.People.Any(p => p.Email == e.To));
    }

    [Fact]
    public void BeforeLaunchEmail_NamesTheProgram_TheStartDate_TheMentor_AndTheRhythm()
    {
        foreach (var pair in AcmeProgram.Pairs)
        {
            foreach (var person in pair.People)
            {
                var email = quarter.EmailsTo(person.Email, Template).Single();
                var other = person == pair.Mentor ? pair.Mentee : pair.Mentor;
                var start = TimeZoneInfo.ConvertTime(AcmeProgram.CycleStart, person.Zone).ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
                // The program speaks as the From name, so the subject's 60 characters carry the point: the start date.
                Assert.StartsWith(AcmeProgram.Name + " <", email.Headers["From"], StringComparison.Ordinal);
                Assert.Contains(start, email.Subject, StringComparison.Ordinal);
                Assert.True(email.Subject.Length <= 60, email.Subject);
                Expect.Greets(person, email);
                Expect.Contains(other.FirstName, email);
                Expect.Contains($"every {AcmeProgram.CadenceDays} days", email);
            }
        }
    }

    [Fact]
    public void BeforeLaunchEmail_CarriesTheGoal_AndTheSponsorsWords()
    {
        foreach (var person in AcmeProgram.People)
        {
            var email = quarter.EmailsTo(person.Email, Template).Single();
            Expect.Contains("The business goal: " + AcmeProgram.Goal, email);
            Expect.Contains(AcmeProgram.SponsorWords, email);
            Expect.Contains(AcmeProgram.SponsorName + ", " + AcmeProgram.SponsorRole, email);
        }
    }

    [Fact]
    public void NothingElse_ReachesParticipantsBeforeLaunch()
    {
        var before = quarter.Emails.Where(e => e.Date < AcmeProgram.CycleStart && AcmeProgram.People.Any(p => p.Email == e.To)).ToList();
        Assert.Equal(20, before.Count(e => e.Template == Template));
        Assert.All(before, e => Assert.Equal(Template, e.Template));
    }

    [Fact]
    public void TheHost_LoggedNoErrors() => Assert.Empty(quarter.Host.Errors.Entries);
}
