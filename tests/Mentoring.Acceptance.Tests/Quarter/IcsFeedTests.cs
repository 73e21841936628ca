namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>
/// p04 shares an iCalendar feed of a biweekly series that never changes: the poller's window moves with the quarter, so
/// every occurrence reaches the ledger before it is due and both people are reminded of each.
/// </summary>
[Collection(QuarterDefinition.Name)]
public sealed class IcsFeedTests(QuarterPlay quarter)
{
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
