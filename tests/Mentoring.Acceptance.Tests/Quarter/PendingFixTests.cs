namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>
/// Correct behaviour that today's main gets wrong, each waiting for the fix another change is making. Not in the default
/// run (<c>Category!=PendingFix</c>, see the project file); run them with
/// <c>dotnet test tests/Mentoring.Acceptance.Tests --filter Category=PendingFix</c>. Each moves to its real class as soon
/// as its fix is on main.
/// </summary>
[Collection(QuarterDefinition.Name)]
[Trait("Category", "PendingFix")]
public sealed class PendingFixTests(QuarterPlay quarter)
{
    /// <summary>program-content: the admin route saves the goal and the sponsor's words to the profile only.</summary>
    [Fact]
    public void BeforeLaunchEmail_CarriesTheGoal_AndTheSponsorsWords()
    {
        foreach (var person in AcmeProgram.People)
        {
            var email = quarter.EmailsTo(person.Email, "campaign-before-launch").Single();
            Expect.Contains("The business goal: " + AcmeProgram.Goal, email);
            Expect.Contains(AcmeProgram.SponsorWords, email);
            Expect.Contains(AcmeProgram.SponsorName + ", " + AcmeProgram.SponsorRole, email);
        }
    }
}
