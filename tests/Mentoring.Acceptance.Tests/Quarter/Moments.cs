using Mentoring.Acceptance.Tests.World;

namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>When an email that fell due at a moment should reach a person: in their first working hours from then on.</summary>
internal static class Moments
{
    /// <summary>The play steps the clock three hours at a time on working days: an email goes at the first step in hours.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromHours(3);

    public static DateTimeOffset FirstWorkingInstant(DateTimeOffset from, TimeZoneInfo zone)
    {
        var at = from;
        for (var i = 0; i < 24 * 4 * 8; i++, at = at.AddMinutes(15))
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            if (local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && local.TimeOfDay >= TimeSpan.FromHours(9) && local.TimeOfDay < TimeSpan.FromHours(17))
                return at == from ? at : new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute / 15 * 15, 0, TimeSpan.Zero);
        }

        throw new InvalidOperationException("No working hour in eight days.");
    }

    /// <summary>Sent at the first step in the recipient's working hours at or after the moment fell due.</summary>
    public static void SentWhenDue(ReceivedEmail email, DateTimeOffset dueAt, TimeZoneInfo zone)
    {
        var first = FirstWorkingInstant(dueAt, zone);
        Assert.True(
            email.Date >= dueAt && email.Date >= first && email.Date < first + Step,
            $"{email}: due {dueAt:yyyy-MM-dd HH:mm}Z, first working hours {first:yyyy-MM-dd HH:mm}Z in {zone.Id}, but sent {email.Date:yyyy-MM-dd HH:mm}Z.");
        Expect.InWorkingHours(email, zone);
    }
}
