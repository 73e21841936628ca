using System.Text.Json;
using Mentoring.Application.Roster;
using Mentoring.Engine.Policy;

namespace Mentoring.Application.Admin.Programs;

/// <summary>
/// A program as the admin API takes it. <c>policy</c> overrides any of the engine's thresholds; each of <c>admins</c> is
/// an address or <c>Name &lt;address&gt;</c> (the first one receives the admin emails, greeted by that name);
/// <c>culture</c> is how emails write dates for people whose record names no culture (en-GB when unset).
/// </summary>
internal sealed record ProgramBody(
    string Name,
    string BusinessGoal,
    string TimeZone,
    IReadOnlyList<string> Admins,
    string? Id = null,
    string? SponsorName = null,
    string? SponsorRole = null,
    string? SponsorWords = null,
    string? SponsorEmail = null,
    int? CadenceDays = null,
    JsonElement? Policy = null,
    bool Recurring = false,
    string? Culture = null);

/// <summary>A program as the admin API shows it: the effective policy, not only the overrides.</summary>
internal sealed record ProgramView(
    string Id,
    string Name,
    string BusinessGoal,
    string TimeZone,
    IReadOnlyList<string> Admins,
    string? SponsorName,
    string? SponsorRole,
    string? SponsorWords,
    string? SponsorEmail,
    int CadenceDays,
    bool Recurring,
    string? CurrentCycleId,
    EngagementPolicy Policy,
    string Culture);

internal sealed record CycleBody(string Id, DateTimeOffset Start, DateTimeOffset End, bool Current = true);

internal sealed record CycleView(string Id, DateTimeOffset Start, DateTimeOffset End, bool Current);

/// <summary>Roll a recurring program into its next cycle; only the pairs named (who opted in) are re-enrolled.</summary>
internal sealed record RollBody(string Id, IReadOnlyList<string> ReEnrolPairIds);

internal sealed record RollView(CycleView Cycle, IReadOnlyList<string> ReEnrolled, IReadOnlyList<string> Ended);

internal static class ProgramMapping
{
    public static ProgramView ToView(this ProgramRecord program, ProgramProfile profile) => new(
        program.ProgramId,
        program.Name,
        program.Voice?.BusinessGoal ?? "",
        program.TimeZoneId,
        profile.Admins.Count > 0 ? profile.Admins : [program.AdminEmail],
        NullIfEmpty(program.Voice?.SponsorName),
        NullIfEmpty(program.Voice?.SponsorRole),
        NullIfEmpty(program.Voice?.SponsorWords),
        program.SponsorEmail,
        program.Policy.CadenceDays,
        profile.Recurring,
        program.CurrentCycleId,
        program.Policy,
        program.Culture ?? Outbox.Rendering.EmailRecipient.DefaultCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public static CycleView ToView(this CycleRecord cycle, string? currentCycleId) => new(cycle.CycleId, cycle.Start, cycle.End, cycle.CycleId == currentCycleId);
}
