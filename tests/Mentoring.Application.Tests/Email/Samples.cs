using Mentoring.Application.Outbox.Rendering;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Signals;

namespace Mentoring.Tests.Email;

/// <summary>Realistic models for every template: a program, a pair with its own numbers, the right recipient.</summary>
internal static class Samples
{
    public static EmailProgram Program { get; } = new(
        Name: "Engineering Mentoring 2026",
        BusinessGoal: "Cut the time a new engineer needs to ship on their own from six months to three.",
        SponsorName: "Dana Whitfield",
        SponsorRole: "Chief Technology Officer",
        SponsorWords: "Every hour a senior engineer spends mentoring comes back to us as weeks of work we don't have to redo.",
        NextCycleStart: new DateTimeOffset(2026, 9, 7, 7, 0, 0, TimeSpan.Zero));

    /// <summary>The same program as a German company words it (the rendered German examples use it).</summary>
    public static EmailProgram GermanProgram { get; } = Program with
    {
        BusinessGoal = "Neue Entwicklerinnen und Entwickler sollen nach drei statt nach sechs Monaten eigenständig liefern.",
        SponsorWords = "Jede Stunde, die eine erfahrene Entwicklerin ins Mentoring steckt, spart uns Wochen an Nacharbeit.",
    };

    public static EmailPair Pair { get; } = new("Priya", "Tom");

    public static EmailLinks Links { get; } = new(
        CheckIn: "https://mentoring.example.com/c/met?t=sig-met",
        Postponed: "https://mentoring.example.com/c/postponed?t=sig-postponed",
        BookNext: "https://mentoring.example.com/c/book?t=sig-book",
        Unsubscribe: "https://mentoring.example.com/u?t=sig-unsub",
        OneClickUnsubscribe: "https://mentoring.example.com/api/unsubscribe/one-click?t=sig-unsub",
        Dashboard: "https://mentoring.example.com/admin/pairs/pair-17");

    public static ProgramNumbers Numbers { get; } = new(
        ActivePairs: 42, MeetingsHeldThisCycle: 118, HealthyPairs: 31, WatchPairs: 6, AtRiskPairs: 4, DormantPairs: 1,
        PairsMetInLast30Days: 35);

    public static IReadOnlyList<AttentionPair> Attention { get; } =
    [
        new("Priya", "Tom", "AtRisk", 34, 31, "3 postponements or cancellations since the last meeting held.", "https://mentoring.example.com/admin/pairs/pair-17", new(SignalKind.RepeatedPostponement, default, 3)),
        new("Marcus", "Lena", "Dormant", 12, 94, "No meeting held for 94 days: dormant.", "https://mentoring.example.com/admin/pairs/pair-05", new(SignalKind.Dormant, default, 94)),
    ];

    /// <summary>The pair's own numbers, as the engine's PairFacts writes them.</summary>
    public static Dictionary<string, string> PairFacts() => new(StringComparer.Ordinal)
    {
        ["pairId"] = "pair-17",
        ["programId"] = "prog-eng",
        ["cadenceDays"] = "14",
        ["meetingsHeld"] = "5",
        ["postponementsSinceLastMeeting"] = "3",
        ["lateChangesSinceLastMeeting"] = "1",
        ["daysSinceLastMeeting"] = "31",
        ["streak"] = "4",
        ["healthScore"] = "34",
        ["riskLevel"] = "AtRisk",
        ["reason"] = "3 postponements or cancellations since the last meeting held.",
        ["reasonKind"] = "RepeatedPostponement", // the same signal as the engine writes it, for readers of other languages
        ["reasonCount"] = "3",
        ["postponedBy"] = "mentor",
        ["lastMeetingAt"] = "2026-02-02T09:00:00.0000000+00:00",
        ["nextMeetingAt"] = "",
        ["programActivePairs"] = "42",
        ["programMeetingsHeld"] = "118",
        ["cycleId"] = "2026-spring",
        ["cycleStart"] = "2026-01-12T08:00:00.0000000+00:00",
        ["cycleEnd"] = "2026-06-26T15:00:00.0000000+00:00",
    };

    public static EmailModel For(string templateId, string culture = "en-GB", string zone = "Europe/Berlin")
    {
        var facts = PairFacts();
        var role = RecipientRoles.Mentor;
        var name = "Priya Raman";
        if (ModelSchema.FactKeys(templateId) == ModelSchema.LadderFactKeys)
        {
            // The engine's LadderFacts: the value reminder to the mentor who was nudged and made the late change.
            facts["earlierNotes"] = templateId == TemplateIds.ValueReminder ? "1" : "0";
            facts["lateChangesByRecipient"] = templateId == TemplateIds.ValueReminder ? "1" : "0";
        }

        switch (templateId)
        {
            case TemplateIds.ThankYou:
                facts["daysSinceLastMeeting"] = "0";
                facts["postponementsSinceLastMeeting"] = "0";
                facts["nextMeetingAt"] = "2026-03-03T09:00:00.0000000+00:00";
                facts["healthScore"] = "92";
                facts["riskLevel"] = "Healthy";
                break;
            case TemplateIds.PreMeetingReminder:
                facts["nextMeetingAt"] = "2026-03-03T09:00:00.0000000+00:00";
                facts["meetingStart"] = "2026-03-03T09:00:00.0000000+00:00";
                facts["meetingEnd"] = "2026-03-03T09:30:00.0000000+00:00";
                facts["meetingDay"] = "tomorrow";
                role = RecipientRoles.Mentee;
                name = "Tom Becker";
                break;
            case TemplateIds.CampaignBookFirstMeeting or TemplateIds.CampaignBeforeLaunch or TemplateIds.CampaignLaunch:
                facts["meetingsHeld"] = "0";
                facts["streak"] = "0";
                facts["daysSinceLastMeeting"] = "16";
                role = RecipientRoles.Mentee;
                name = "Tom Becker";
                break;
            case TemplateIds.SponsorNote:
                role = RecipientRoles.Sponsor;
                name = "Dana Whitfield";
                break;
            case TemplateIds.AdminAlert:
                role = RecipientRoles.Admin;
                name = "Sam Okafor";
                break;
            case TemplateIds.ProgramCrunch:
                facts = new(StringComparer.Ordinal)
                {
                    ["programId"] = "prog-eng",
                    ["activePairs"] = "42",
                    ["postponingPairs"] = "15",
                    ["sharePercent"] = "36",
                    ["windowDays"] = "7",
                };
                role = RecipientRoles.Sponsor;
                name = "Dana Whitfield";
                break;
            case TemplateIds.MeetingInvitation:
                facts = new(StringComparer.Ordinal)
                {
                    ["bookedBy"] = "partner",
                    ["change"] = "booked",
                    ["meetingEnd"] = "2026-03-03T09:30:00.0000000+00:00",
                    ["meetingMinutes"] = "30",
                    ["meetingStart"] = "2026-03-03T09:00:00.0000000+00:00",
                    ["sequence"] = "0",
                    ["stamp"] = "2026-03-01T10:00:00.0000000+00:00",
                };
                role = RecipientRoles.Mentee;
                name = "Tom Becker";
                break;
            case TemplateIds.AdminDigest:
                facts = new(StringComparer.Ordinal)
                {
                    ["programId"] = "prog-eng",
                    ["weekStart"] = "2026-03-02T00:00:00.0000000+00:00",
                    ["weekEnd"] = "2026-03-08T22:59:59.0000000+00:00",
                };
                role = RecipientRoles.Admin;
                name = "Sam Okafor";
                break;
        }

        return new EmailModel(
            templateId,
            facts,
            Program,
            new EmailRecipient(name, role, zone, culture),
            Links,
            Pair,
            Numbers,
            Attention);
    }
}
