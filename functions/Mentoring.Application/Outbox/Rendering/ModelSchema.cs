using Mentoring.Engine.Messages;

namespace Mentoring.Application.Outbox.Rendering;

/// <summary>
/// The variables each template may use. Rendering fills exactly these from an <see cref="EmailModel"/>; validation of a
/// program's override refuses any other name.
/// </summary>
public static class ModelSchema
{
    /// <summary>The facts every pair message carries (the engine's PairFacts).</summary>
    public static IReadOnlyList<string> PairFactKeys { get; } =
    [
        "pairId", "programId", "cadenceDays", "meetingsHeld", "postponementsSinceLastMeeting",
        "lateChangesSinceLastMeeting", "daysSinceLastMeeting", "streak", "healthScore", "riskLevel", "reason",
        "postponedBy", "lastMeetingAt", "nextMeetingAt", "programActivePairs", "programMeetingsHeld", "cycleId",
        "cycleStart", "cycleEnd",
    ];

    /// <summary>
    /// Ladder emails add, for their one reader, how many of the episode's notes already went to them and how many of the
    /// late changes they made themselves (the engine's LadderFacts).
    /// </summary>
    public static IReadOnlyList<string> LadderFactKeys { get; } = [.. PairFactKeys, "earlierNotes", "lateChangesByRecipient"];

    /// <summary>Reminders add the meeting they are about, and its day as seen when the email goes: today, tomorrow or later.</summary>
    public static IReadOnlyList<string> ReminderFactKeys { get; } = [.. PairFactKeys, "meetingStart", "meetingEnd", "meetingDay"];

    /// <summary>
    /// A booking page's invitation: what changed ("booked", "moved", "cancelled"), the meeting, and who made the change as
    /// the reader sees it (<c>bookedBy</c>: "self", "partner" or ""); <c>sequence</c> and <c>stamp</c> are its iCalendar's.
    /// </summary>
    public static IReadOnlyList<string> InvitationFactKeys { get; } =
        ["bookedBy", "change", "meetingEnd", "meetingMinutes", "meetingStart", "sequence", "stamp"];

    /// <summary>The program-wide crunch message.</summary>
    public static IReadOnlyList<string> CrunchFactKeys { get; } =
        ["programId", "activePairs", "postponingPairs", "sharePercent", "windowDays"];

    /// <summary>The weekly admin digest: the week it covers.</summary>
    public static IReadOnlyList<string> DigestFactKeys { get; } = ["programId", "weekStart", "weekEnd"];

    /// <summary>Names assigned by the layout and its templates, not by the model.</summary>
    public static IReadOnlyList<string> LayoutNames { get; } = ["subject", "preheader", "body"];

    public static IReadOnlyList<string> FactKeys(string templateId) => templateId switch
    {
        TemplateIds.Nudge or TemplateIds.ValueReminder or TemplateIds.SponsorNote or TemplateIds.AdminAlert => LadderFactKeys,
        TemplateIds.PreMeetingReminder => ReminderFactKeys,
        TemplateIds.ProgramCrunch => CrunchFactKeys,
        TemplateIds.AdminDigest => DigestFactKeys,
        TemplateIds.MeetingInvitation => InvitationFactKeys,
        _ => PairFactKeys,
    };

    /// <summary>Whether the template is about one pair (its facts are the pair's), not the program's crunch or digest.</summary>
    public static bool IsPairTemplate(string templateId) => templateId is not (TemplateIds.ProgramCrunch or TemplateIds.AdminDigest);

    /// <summary>The root variables of the model for one template.</summary>
    public static IReadOnlyDictionary<string, SchemaNode> For(string templateId) =>
        new Dictionary<string, SchemaNode>(StringComparer.Ordinal)
        {
            ["facts"] = SchemaNode.WithMembers(FactKeys(templateId)),
            ["program"] = SchemaNode.WithMembers("name", "businessGoal", "sponsorName", "sponsorRole", "sponsorWords", "nextCycleStart"),
            ["recipient"] = SchemaNode.WithMembers("displayName", "firstName", "role", "timeZone", "culture", "language"),
            ["pair"] = SchemaNode.WithMembers("mentorFirstName", "menteeFirstName", "partnerFirstName"),
            ["links"] = SchemaNode.WithMembers("checkIn", "postponed", "bookNext", "unsubscribe", "dashboard"),
            ["numbers"] = SchemaNode.WithMembers(
                "activePairs", "meetingsHeldThisCycle", "healthyPairs", "watchPairs", "atRiskPairs", "dormantPairs",
                "pairsMetInLast30Days", "healthySharePercent"),
            ["attention"] = SchemaNode.ListOf(SchemaNode.WithMembers(
                "mentorFirstName", "menteeFirstName", "riskLevel", "healthScore", "daysSinceLastMeeting", "reason",
                "timelineUrl")),
        };
}
