using Azure.Data.Tables;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Roster;

/// <summary>
/// The one mapping of a <c>participants</c> row's pipeline columns to <see cref="ParticipantRecord"/> and back, for the
/// store and the admin API alike (which keeps its own columns, role and calendars, beside these). A row missing a name
/// or an address reads as empty, one missing a time zone as UTC.
/// </summary>
internal static class ParticipantColumns
{
    public const string DefaultTimeZone = "UTC";

    /// <summary>The columns <see cref="ToRecord"/> reads.</summary>
    public static readonly string[] Names =
        ["ProgramId", "ParticipantId", "DisplayName", "Email", "TimeZoneId", "ManagerEmail", "AllowsManagerNotes", StoppedColumns.Suppressed, "ManagerName", "Culture", StoppedColumns.Unsubscribed, "ManagerCulture"];

    public static TableEntity ToEntity(ParticipantRecord p) => new(Keys.Encode(p.ProgramId), Keys.Encode(p.ParticipantId))
    {
        ["ProgramId"] = p.ProgramId,
        ["ParticipantId"] = p.ParticipantId,
        ["DisplayName"] = p.DisplayName,
        ["Email"] = p.Email,
        ["TimeZoneId"] = p.TimeZoneId,
        ["ManagerEmail"] = p.ManagerEmail,
        ["AllowsManagerNotes"] = p.AllowsManagerNotes,
        [StoppedColumns.Suppressed] = p.Suppressed,
        ["ManagerName"] = p.ManagerName,
        ["Culture"] = p.Culture,
        [StoppedColumns.Unsubscribed] = StoppedColumns.Partial(p.Suppressed, p.Unsubscribed),
        ["ManagerCulture"] = p.ManagerCulture,
    };

    public static ParticipantRecord ToRecord(TableEntity e) => new(
        e.GetString("ProgramId"),
        e.GetString("ParticipantId"),
        e.GetString("DisplayName") ?? "",
        e.GetString("Email") ?? "",
        e.GetString("TimeZoneId") ?? DefaultTimeZone,
        e.GetString("ManagerEmail"),
        e.GetBoolean("AllowsManagerNotes") ?? false,
        e.GetBoolean(StoppedColumns.Suppressed) ?? false,
        e.GetString("ManagerName"),
        e.GetString("Culture"),
        StoppedColumns.UnsubscribedOf(e),
        e.GetString("ManagerCulture"));
}
