namespace Mentoring.Engine.Messages;

/// <summary>The messages the engine can decide to send. Each is one email template.</summary>
public static class TemplateIds
{
    public const string Nudge = "ladder-nudge";
    public const string ValueReminder = "ladder-value-reminder";
    public const string SponsorNote = "ladder-sponsor-note";
    public const string AdminAlert = "ladder-admin-alert";
    public const string ThankYou = "thank-you";
    public const string PreMeetingReminder = "pre-meeting-reminder";
    public const string CampaignBeforeLaunch = "campaign-before-launch";
    public const string CampaignLaunch = "campaign-launch";
    public const string CampaignBookFirstMeeting = "campaign-book-first-meeting";
    public const string CampaignMidCycle = "campaign-mid-cycle";
    public const string CampaignClose = "campaign-close";
    public const string ProgramCrunch = "program-crunch";
    public const string AdminDigest = "admin-digest";

    /// <summary>A booking page's invitation (booked, moved, cancelled): decided by the person's click, not by the engine.</summary>
    public const string MeetingInvitation = "meeting-invitation";

    public static IReadOnlyList<string> All { get; } =
    [
        Nudge, ValueReminder, SponsorNote, AdminAlert, ThankYou, PreMeetingReminder, CampaignBeforeLaunch,
        CampaignLaunch, CampaignBookFirstMeeting, CampaignMidCycle, CampaignClose, ProgramCrunch, AdminDigest,
        MeetingInvitation,
    ];

    /// <summary>
    /// The kind an email is, for unsubscribes: the one home of which template an unsubscribe of which kind stops.
    /// <see cref="EmailKinds.None"/> for the admin digest, which no participant unsubscribe stops. The thank-you is a
    /// ladder email: it closes a ladder episode and goes only where ladder steps were taken. A meeting invitation is of
    /// every kind: it is the meeting itself, so only a person who stopped every kind goes without it.
    /// </summary>
    public static EmailKinds KindOf(string templateId) => templateId switch
    {
        Nudge or ValueReminder or SponsorNote or AdminAlert or ThankYou => EmailKinds.Ladder,
        CampaignBeforeLaunch or CampaignLaunch or CampaignBookFirstMeeting or CampaignMidCycle or CampaignClose or ProgramCrunch => EmailKinds.Campaign,
        PreMeetingReminder => EmailKinds.MeetingReminders,
        AdminDigest => EmailKinds.None,
        MeetingInvitation => EmailKinds.All,
        _ => throw new ArgumentOutOfRangeException(nameof(templateId), templateId, "Not one of the engine's templates."),
    };

    /// <summary>Templates that count against the per-person weekly cap (the nudging ones).</summary>
    public static bool IsCapped(string templateId) =>
        templateId is Nudge or ValueReminder or ThankYou;

    /// <summary>
    /// Templates that answer a person's click and go at once, whatever the hour: no quiet hours, no weekly cap (the
    /// booking page's invitations).
    /// </summary>
    public static bool GoesAtOnce(string templateId) => templateId is MeetingInvitation;
}
