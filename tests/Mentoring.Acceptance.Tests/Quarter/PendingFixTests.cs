namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>
/// Findings of the quarter. Those marked <c>PendingFix</c> are correct behaviour main still gets wrong: not in the default
/// run (<c>Category!=PendingFix</c>, see the project file); run them with
/// <c>dotnet test tests/Mentoring.Acceptance.Tests --filter Category=PendingFix</c>. Fixed ones move to their real
/// classes.
/// </summary>
[Collection(QuarterDefinition.Name)]
public sealed class PendingFixTests(QuarterPlay quarter)
{
    /// <summary>
    /// Found by this suite, not yet owned (the ICS poller): a feed is expanded 30 days ahead at each poll, but a poll of
    /// unchanged text reuses the first poll's delivery ids, so occurrences that enter the horizon later never reach the
    /// ledger — p04's biweekly meetings stop after January.
    /// </summary>
    [Trait("Category", "PendingFix")]
    [Fact]
    public void IcsSeries_EveryOccurrence_GetsItsReminder()
    {
        var p04 = AcmeProgram.PairNamed("p04");
        DateTimeOffset[] occurrences = [.. Enumerable.Range(0, 6).Select(i => new DateTimeOffset(2027, 1, 13, 14, 0, 0, TimeSpan.Zero).AddDays(14 * i))];
        foreach (var person in p04.People)
        {
            var reminders = quarter.EmailsTo(person.Email, "pre-meeting-reminder").ToList();
            foreach (var start in occurrences)
                Assert.True(reminders.Any(r => r.Date < start && r.Date > start.AddDays(-2)), $"{person.Email}: no reminder for {start:O}:\n{Expect.Describe(reminders)}");
        }
    }
}
