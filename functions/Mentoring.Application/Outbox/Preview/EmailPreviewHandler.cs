using System.Globalization;
using Mentoring.Application.Admin.Reading;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Programs;

namespace Mentoring.Application.Outbox.Preview;

/// <summary>A preview: what the recipient would read, the facts it was rendered with, and whether the pair is an example.</summary>
internal sealed record PreviewRendering(
    RenderedContent Content, IReadOnlyDictionary<string, string> Facts, bool Example, string RecipientName, string RecipientRole, string RecipientCulture);

/// <summary>
/// Renders a template for a program without sending or storing anything, through the sending path's own
/// <see cref="EmailAssembler"/> (addressee, model, the program's own text), so an admin sees what would be sent. Given
/// a pair, the facts are the pair's as the engine would decide them now; without one, an example pair — named and
/// subject-marked as an example. Links are placeholders where a sent email would have links: a preview mints no token.
/// </summary>
internal sealed class EmailPreviewHandler(PairReader reader, ProgramStore programs, PairStore pairs, EmailAssembler assembler, TimeProvider time)
{
    public const string ExampleMarker = "[Example pair] ";

    /// <summary>
    /// Null when the pair does not exist. <paramref name="recipientRole"/> picks the mentor or the mentee of a pair email
    /// (the mentee by default); the other templates go to whom the engine sends them. <paramref name="culture"/>, when
    /// given, stands in for the reader's own (to see the email in another language).
    /// </summary>
    public async Task<PreviewRendering?> PreviewAsync(
        ProgramRecord program, string? pairId, string templateId, string? recipientRole, CancellationToken ct, string? culture = null)
    {
        var now = time.GetUtcNow();
        var conditions = await ConditionsAsync(program, now, ct);
        var pairTemplate = ModelSchema.IsPairTemplate(templateId);
        var mentor = recipientRole == RecipientRoles.Mentor;

        IReadOnlyDictionary<string, string> facts;
        Recipient recipient;
        Addressee? to;
        EmailPair? names = null;
        var example = false;
        if (pairTemplate && pairId is not null)
        {
            if (await reader.ReadAsync(program.ProgramId, pairId, now, ct) is not { } reading)
                return null;
            if (reading.Snapshot is not { } snapshot)
                return null; // one of its people was erased: nobody to write to
            recipient = RecipientOf(templateId, program, reading.Pair, mentor);
            facts = PairFacts(templateId, snapshot with { Program = conditions.Conditions }, program, recipient, now);
            to = await assembler.AddresseeAsync(program, recipient, ct);
        }
        else if (pairTemplate)
        {
            example = true;
            var cycle = program.CurrentCycleId is { } cycleId ? await programs.GetCycleAsync(program.ProgramId, cycleId, ct) : null;
            facts = ExamplePair.Facts(templateId, program, cycle, conditions.Conditions, now);
            recipient = RecipientOf(templateId, program, ExamplePair.Pair(program.ProgramId), mentor);
            to = recipient.Kind is RecipientKind.Mentor or RecipientKind.Mentee
                ? ExamplePair.Addressee(program, mentor)
                : await assembler.AddresseeAsync(program, recipient, ct);
            names = ExamplePair.Names;
        }
        else
        {
            facts = templateId == TemplateIds.ProgramCrunch ? conditions.CrunchFacts : DigestFacts(program, now);
            recipient = templateId == TemplateIds.ProgramCrunch && program.HasSponsor ? Recipient.Sponsor : Recipient.Admin;
            to = await assembler.AddresseeAsync(program, recipient, ct);
            pairId = null;
        }

        if (to is null)
        {
            // A manager without consent or a program without a sponsor: the engine sends those notes to the admin instead.
            recipient = Recipient.Admin;
            to = await assembler.AddresseeAsync(program, recipient, ct);
        }

        if (culture is not null)
            to = to! with { Culture = culture };
        var decision = new MessageDecision("preview/" + templateId, templateId, recipient, now, now, "", facts);
        var links = assembler.PreviewLinks(program.ProgramId, pairId ?? (example ? ExamplePair.PairId : null), decision, now);
        var model = await assembler.ModelAsync(program, example ? null : pairId, decision, to!, links, now, ct);
        if (names is not null)
        {
            model = model with
            {
                Pair = new EmailPair(
                    Naming.MayName(recipient, ExamplePair.MentorId, false) ? names.MentorFirstName : "",
                    Naming.MayName(recipient, ExamplePair.MenteeId, false) ? names.MenteeFirstName : ""),
            };
        }
        var content = await assembler.ContentAsync(program, model, ct);
        if (example)
            content = content with { Subject = ExampleMarker + content.Subject };
        return new PreviewRendering(content, facts, example, to!.DisplayName, to.Role, to.Culture);
    }

    /// <summary>The program as the sweep passes it to every evaluation, and the crunch message's facts as they stand now.</summary>
    private async Task<(ProgramConditions Conditions, IReadOnlyDictionary<string, string> CrunchFacts)> ConditionsAsync(
        ProgramRecord program, DateTimeOffset now, CancellationToken ct)
    {
        var roster = await pairs.ListAsync(program.ProgramId, ct);
        var activity = roster.Select(p => new PairActivity(p.Pair.PairId, p.Pair.Status == PairStatus.Active, p.Summary.LastSetbackAt)).ToList();
        var zone = Zones.Resolve(program.TimeZoneId);
        var assessment = ProgramCrunchDetector.Assess(program.ProgramId, activity, zone, program.HasSponsor, [], program.Policy, now);
        // The crunch message's facts whatever the share: its thresholds set to nothing, the detector decides it now.
        var always = program.Policy with { CrunchMinimumActivePairs = 0, CrunchShare = 0 };
        var crunch = ProgramCrunchDetector.Assess(program.ProgramId, activity, zone, program.HasSponsor, [], always, now);
        var facts = crunch.Decisions.Count > 0
            ? crunch.Decisions[0].Facts
            : new Dictionary<string, string>(StringComparer.Ordinal) // no active pair: nothing postpones
            {
                ["programId"] = program.ProgramId,
                ["activePairs"] = "0",
                ["postponingPairs"] = "0",
                ["sharePercent"] = "0",
                ["windowDays"] = program.Policy.CrunchWindowDays.ToString(CultureInfo.InvariantCulture),
            };
        return (new ProgramConditions(assessment.Active, assessment.ActivePairs, roster.Sum(p => p.Summary.MeetingsHeld)), facts);
    }

    /// <summary>The engine's facts for the pair now; a reminder adds the next meeting it would be about.</summary>
    private static IReadOnlyDictionary<string, string> PairFacts(
        string templateId, PairSnapshot snapshot, ProgramRecord program, Recipient reader, DateTimeOffset now)
    {
        if (templateId == TemplateIds.MeetingInvitation)
            return Links.InvitationFacts.Example(now);
        var facts = ModelSchema.FactKeys(templateId) == ModelSchema.LadderFactKeys
            ? CurrentFacts.ForLadderEmail(snapshot, program.Policy, reader, now)
            : CurrentFacts.Of(snapshot, program.Policy, now);
        if (templateId != TemplateIds.PreMeetingReminder)
            return facts;
        var next = PairEngine.MeetingsAt(snapshot.Ledger, now, program.Policy)
            .Where(m => m.Status == MeetingStatus.Scheduled && m.Start > now).MinBy(m => m.Start);
        return new SortedDictionary<string, string>(facts.ToDictionary(), StringComparer.Ordinal)
        {
            ["meetingStart"] = next?.Start.ToString("O", CultureInfo.InvariantCulture) ?? "",
            ["meetingEnd"] = next?.End.ToString("O", CultureInfo.InvariantCulture) ?? "",
        };
    }

    private static Dictionary<string, string> DigestFacts(ProgramRecord program, DateTimeOffset now) => new(StringComparer.Ordinal)
    {
        ["programId"] = program.ProgramId,
        ["weekStart"] = (now - TimeSpan.FromDays(7)).ToString("O", CultureInfo.InvariantCulture),
        ["weekEnd"] = now.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>Who the engine sends the template to, for this pair.</summary>
    private static Recipient RecipientOf(string templateId, ProgramRecord program, PairRecord pair, bool mentor) => templateId switch
    {
        TemplateIds.AdminAlert => Recipient.Admin,
        TemplateIds.SponsorNote when program.HasSponsor => Recipient.Sponsor,
        TemplateIds.SponsorNote => new Recipient(RecipientKind.Manager, mentor ? pair.MentorId : pair.MenteeId),
        _ => new Recipient(mentor ? RecipientKind.Mentor : RecipientKind.Mentee, mentor ? pair.MentorId : pair.MenteeId),
    };
}
