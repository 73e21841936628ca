using System.Globalization;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;

namespace Mentoring.Application.Outbox.Preview;

/// <summary>
/// The pair a preview shows when it is asked for none: named as an example, with a made-up history the engine reads as
/// it would a real one (three meetings held, then one moved and cancelled at short notice, five weeks ago), so the
/// numbers are the engine's own and every template has something to show.
/// </summary>
internal static class ExamplePair
{
    public const string PairId = "example-pair";
    public const string MentorId = "example-mentor";
    public const string MenteeId = "example-mentee";

    public static EmailPair Names { get; } = new("Alex (example)", "Sam (example)");

    public static PairRecord Pair(string programId) => new(programId, PairId, MentorId, MenteeId, DateTimeOffset.UnixEpoch);

    /// <summary>An example person in the program's zone and culture; the address is never sent to.</summary>
    public static Addressee Addressee(ProgramRecord program, bool mentor) => new(
        "example@example.invalid",
        mentor ? "Alex (example)" : "Sam (example)",
        null,
        mentor ? RecipientRoles.Mentor : RecipientRoles.Mentee,
        program.TimeZoneId,
        null,
        program.Culture ?? EmailRecipient.DefaultCulture);

    public static IReadOnlyDictionary<string, string> Facts(
        string templateId, ProgramRecord program, CycleRecord? cycle, ProgramConditions conditions, DateTimeOffset now)
    {
        if (templateId == TemplateIds.MeetingInvitation)
            return Links.InvitationFacts.Example(now);
        var zone = Zones.Resolve(program.TimeZoneId);
        var started = now - TimeSpan.FromDays(70);
        var context = new PairContext(
            PairId, program.ProgramId, new Participant(MentorId, Party.Mentor, zone), new Participant(MenteeId, Party.Mentee, zone), started,
            cycle?.ToWindow() ?? new CycleWindow("example-cycle", started, now + TimeSpan.FromDays(20)), zone, HasSponsor: program.HasSponsor);
        var facts = CurrentFacts.Of(new PairSnapshot(context, History(now), [], conditions), program.Policy, now);
        if (templateId != TemplateIds.PreMeetingReminder)
            return facts;
        return new SortedDictionary<string, string>(facts.ToDictionary(), StringComparer.Ordinal)
        {
            ["meetingStart"] = (now + TimeSpan.FromDays(1)).ToString("O", CultureInfo.InvariantCulture),
            ["meetingEnd"] = (now + TimeSpan.FromDays(1) + TimeSpan.FromHours(1)).ToString("O", CultureInfo.InvariantCulture),
        };
    }

    private static List<LedgerChange> History(DateTimeOffset now)
    {
        DateTimeOffset Ago(double days) => now - TimeSpan.FromDays(days);
        var changes = new List<LedgerChange>();
        foreach (var (id, days) in new[] { ("m1", 63.0), ("m2", 49.0), ("m3", 35.0) })
        {
            changes.Add(new LedgerChange(id + "-booked", id, ChangeKind.Scheduled, Ago(days + 7), Ago(days), Ago(days - 0.04), Source: "example"));
            changes.Add(new LedgerChange(id + "-held", id, ChangeKind.Held, Ago(days - 0.04), Ago(days), Ago(days - 0.04), Source: "example"));
        }

        changes.Add(new LedgerChange("m4-booked", "m4", ChangeKind.Scheduled, Ago(30), Ago(21), Ago(20.96), Source: "example"));
        changes.Add(new LedgerChange("m4-moved", "m4", ChangeKind.Rescheduled, Ago(22), Ago(14), Ago(13.96), Ago(21), Party.Mentee, "deadline", "example"));
        changes.Add(new LedgerChange("m4-cancelled", "m4", ChangeKind.Cancelled, Ago(14.2), Ago(14), Ago(13.96), null, Party.Mentee, "deadline", "example"));
        return changes;
    }
}
