using Mentoring.Acceptance.Tests.World;

namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>What every email a person receives must be, whatever its template.</summary>
internal static class Expect
{
    /// <summary>Sent on a working day, 09:00–17:00, in the recipient's own zone (the program's for the sponsor and admins).</summary>
    public static void InWorkingHours(ReceivedEmail email, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(email.Date, zone);
        Assert.True(
            local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && local.TimeOfDay >= TimeSpan.FromHours(9) && local.TimeOfDay < TimeSpan.FromHours(17),
            $"{email} was sent at {local:ddd yyyy-MM-dd HH:mm} in {zone.Id}, outside the working day.");
    }

    public static void Contains(string expected, ReceivedEmail email) =>
        Assert.True(email.Text.Contains(expected, StringComparison.Ordinal), $"{email} should say \"{expected}\"; it says:\n{email.Text}");

    public static void Greets(Person person, ReceivedEmail email) => Contains("Hi " + person.FirstName + ",", email);

    public static string Describe(IEnumerable<ReceivedEmail> emails) => string.Join("\n", emails.Select(e => "  " + e));
}
