using Mentoring.Application.Ingest.Connections;

namespace Mentoring.Application.Admin.Calendars;

/// <summary>
/// Whether a calendar is the participant's own, so that an admin cannot read any mailbox of the tenant, or any calendar
/// of the Workspace domain, by naming it with somebody's participant id. Graph: the mailbox is the participant's address
/// (the user principal name Graph's <c>/users/{id}</c> takes). Google: the participant's primary calendar (their
/// address) or a secondary calendar id (<c>…@group.calendar.google.com</c>), which is read as the participant, so only
/// if it is shared with them. An ICS feed belongs to a pair, not a person.
/// </summary>
internal static class CalendarOwnership
{
    private const string GoogleSecondarySuffix = "@group.calendar.google.com";

    public static bool IsTheirs(string provider, string resource, string participantEmail) => provider switch
    {
        CalendarConnection.Graph => SameAddress(resource, participantEmail),
        CalendarConnection.Google => SameAddress(resource, participantEmail)
            || (resource.EndsWith(GoogleSecondarySuffix, StringComparison.OrdinalIgnoreCase) && resource.Length > GoogleSecondarySuffix.Length),
        _ => true,
    };

    private static bool SameAddress(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
