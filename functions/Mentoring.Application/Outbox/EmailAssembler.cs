using System.Globalization;
using Mentoring.Application.Admin.Programs;
using Mentoring.Application.Admin.Reading;
using Mentoring.Application.Links;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Roster;
using Mentoring.Engine.Campaign;
using Mentoring.Engine.Health;
using Mentoring.Engine.Messages;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Outbox;

/// <summary>Who an email goes to: the address (only here and in the sender), how to greet them, their zone and culture.</summary>
internal sealed record Addressee(
    string Address, string DisplayName, string? FirstName, string Role, string TimeZoneId, ParticipantRecord? Person,
    string Culture = EmailRecipient.DefaultCulture);

/// <summary>
/// Turns a decision into the email it stands for: finds the recipient, builds the <see cref="EmailModel"/> from the
/// decision's facts, the program's voice and next cycle, the pair's first names and freshly signed links, and renders it
/// with the Fluid templates and the program's own text for them. The dispatcher sends what this returns; the admin
/// preview renders through the same methods, with placeholder links.
/// </summary>
internal sealed class EmailAssembler(
    ParticipantStore participants,
    PairStore pairs,
    ProgramStore programs,
    ProgramProfileStore profiles,
    TemplateOverrideStore overrides,
    LinkSigner signer,
    InvitationCalendar invitations,
    PairReader pairReader,
    IOptions<LinkOptions> linkOptions)
{
    private const int MaxAttentionPairs = 20;

    /// <summary>How people nobody named are greeted.</summary>
    private const string Nameless = "there";

    /// <summary>The recipient's address, name and zone; null when nobody takes it (no such person, no manager consent, no sponsor).</summary>
    public async Task<Addressee?> AddresseeAsync(ProgramRecord program, Recipient recipient, CancellationToken ct)
    {
        var programCulture = program.Culture ?? EmailRecipient.DefaultCulture;
        switch (recipient.Kind)
        {
            case RecipientKind.Sponsor:
                var sponsor = program.Voice?.SponsorName ?? "";
                return string.IsNullOrEmpty(program.SponsorEmail)
                    ? null
                    : new Addressee(program.SponsorEmail, sponsor, Greeting(sponsor), RecipientRoles.Sponsor, program.TimeZoneId, null, programCulture);
            case RecipientKind.Admin:
                var admin = program.AdminName ?? "";
                return new Addressee(program.AdminEmail, admin, Greeting(admin), RecipientRoles.Admin, program.TimeZoneId, null, programCulture);
        }

        var person = recipient.ParticipantId is { } id ? await participants.GetAsync(program.ProgramId, id, ct) : null;
        if (person is null)
            return null;
        if (recipient.Kind == RecipientKind.Manager)
        {
            var manager = person.ManagerName ?? "";
            return person.AllowsManagerNotes && !string.IsNullOrEmpty(person.ManagerEmail)
                ? new Addressee(person.ManagerEmail, manager, Greeting(manager), RecipientRoles.Manager, person.TimeZoneId, person, person.ManagerCulture ?? programCulture)
                : null;
        }

        var role = recipient.Kind == RecipientKind.Mentor ? RecipientRoles.Mentor : RecipientRoles.Mentee;
        return new Addressee(person.Email, person.DisplayName, null, role, person.TimeZoneId, person, person.Culture ?? programCulture);
    }

    /// <summary>Renders the decision for the addressee; <paramref name="messageId"/> ties provider events back to the row.</summary>
    public async Task<RenderedEmail> RenderAsync(
        ProgramRecord program, string? pairId, MessageDecision decision, Addressee to, string messageId, DateTimeOffset now, CancellationToken ct)
    {
        var links = SignLinks(program.ProgramId, pairId, decision, now);
        var content = await ContentAsync(program, await ModelAsync(program, pairId, decision, to, links, now, ct), ct);
        var invite = decision.TemplateId == TemplateIds.MeetingInvitation ? await invitations.WriteAsync(program, pairId, decision, ct) : null;
        var mailto = links.OneClickUnsubscribe.Length > 0 ? linkOptions.Value.UnsubscribeMailto : null;
        var email = RenderedEmail.Create(content, to.Address, to.DisplayName, messageId, links, mailto, pairId, program.ProgramId);
        return email.InVoiceOf(program) with { IdempotencyKey = decision.IdempotencyKey, Invite = invite };
    }

    /// <summary>
    /// The subject, HTML and text in the reader's language: the program's own text for the template where it has one and
    /// the reader reads the program's language (its own text is written in it), else the built-in text in theirs.
    /// </summary>
    public async Task<RenderedContent> ContentAsync(ProgramRecord program, EmailModel model, CancellationToken ct)
    {
        var inProgramsLanguage = ReaderLanguage.For(model.Recipient.Culture).Language == ReaderLanguage.For(program.Culture).Language;
        return EmailRenderer.Render(model, inProgramsLanguage ? await overrides.GetAsync(program.ProgramId, model.TemplateId, ct) : null);
    }

    /// <summary>
    /// What the template renders against: the decision's facts (a reminder's with the meeting's day as seen at
    /// <paramref name="sendAt"/> in the reader's zone), the program's voice, the pair's first names where the reader may
    /// see them, the links.
    /// </summary>
    public async Task<EmailModel> ModelAsync(
        ProgramRecord program, string? pairId, MessageDecision decision, Addressee to, EmailLinks links, DateTimeOffset sendAt, CancellationToken ct) =>
        new(
            decision.TemplateId,
            FactsAt(decision, to, sendAt),
            ToEmailProgram(program) with { NextCycleStart = await NextCycleStartAsync(program, ct) },
            new EmailRecipient(to.DisplayName, to.Role, to.TimeZoneId, to.Culture, to.FirstName),
            links,
            pairId is null ? null : await PairNamesAsync(program.ProgramId, pairId, decision.Recipient, ct),
            NeedsNumbers(decision.TemplateId) ? await NumbersAsync(program.ProgramId, decision.NotBefore, ct) : null,
            decision.TemplateId == TemplateIds.AdminDigest ? await AttentionAsync(program.ProgramId, sendAt, ct) : null);

    /// <summary>
    /// The check-in and booking links for the pair's own people; unsubscribe wherever an unsubscribe stops the email, signed
    /// with the email's kind, which is what its one click stops (RFC 8058: a List-Unsubscribe must work, so the admin digest,
    /// which goes whatever, offers none); the dashboard for sponsors and admins.
    /// </summary>
    public EmailLinks SignLinks(string programId, string? pairId, MessageDecision decision, DateTimeOffset now) =>
        Links(programId, pairId, decision, now, (prefix, claims) => signer.Url(prefix, claims));

    /// <summary>The same links as <see cref="SignLinks"/>, where a sent email would have them, going nowhere: a preview mints no token.</summary>
    public EmailLinks PreviewLinks(string programId, string? pairId, MessageDecision decision, DateTimeOffset now) =>
        Links(programId, pairId, decision, now, (_, claims) => "#preview-" + claims.Purpose.ToString().ToLowerInvariant());

    private EmailLinks Links(string programId, string? pairId, MessageDecision decision, DateTimeOffset now, Func<string, LinkClaims, string> url)
    {
        var o = linkOptions.Value;
        var key = decision.Recipient.Key;
        var kind = TemplateIds.KindOf(decision.TemplateId);
        var unsubscribe = new LinkClaims(LinkPurpose.Unsubscribe, programId, pairId, decision.IdempotencyKey, key, now + o.UnsubscribeLifetime, kind);
        var unsubscribeUrl = kind != EmailKinds.None ? url(Hosting.Routes.UnsubscribePrefix, unsubscribe) : "";
        var participant = decision.Recipient.Kind is RecipientKind.Mentor or RecipientKind.Mentee && pairId is not null;
        string CheckIn(LinkPurpose purpose) => participant
            ? url(Hosting.Routes.CheckInPrefix, new LinkClaims(purpose, programId, pairId, decision.IdempotencyKey, key, now + o.CheckInLifetime))
            : "";
        return new EmailLinks(
            CheckIn: CheckIn(LinkPurpose.Met),
            Postponed: CheckIn(LinkPurpose.Postponed),
            BookNext: participant
                ? url(Hosting.Routes.BookPrefix, new LinkClaims(LinkPurpose.Book, programId, pairId, decision.IdempotencyKey, key, now + o.CheckInLifetime))
                : "",
            Unsubscribe: unsubscribeUrl,
            OneClickUnsubscribe: unsubscribeUrl,
            Dashboard: decision.Recipient.Kind is RecipientKind.Sponsor or RecipientKind.Admin ? o.DashboardUrl?.ToString() ?? "" : "");
    }

    public static EmailProgram ToEmailProgram(ProgramRecord program) => program.Voice is { } voice
        ? new EmailProgram(program.Name, voice.BusinessGoal, voice.SponsorName, voice.SponsorRole, voice.SponsorWords)
        : new EmailProgram(program.Name, "", "", "", "");

    /// <summary>
    /// The start of the cycle after the current one: the earliest cycle planned after it, else — for a recurring program,
    /// which rolls into a cycle beginning where the current one ends — the current cycle's end. Null when none is planned.
    /// </summary>
    private async Task<DateTimeOffset?> NextCycleStartAsync(ProgramRecord program, CancellationToken ct)
    {
        if (program.CurrentCycleId is not { } currentId)
            return null;
        var (_, cycles) = await programs.GetWithCyclesAsync(program.ProgramId, ct);
        if (cycles.FirstOrDefault(c => c.CycleId == currentId) is not { } current)
            return null;
        var planned = cycles.Where(c => c.CycleId != currentId && c.Start > current.Start).MinBy(c => c.Start);
        if (planned is not null)
            return planned.Start;
        return (await profiles.GetAsync(program.ProgramId, ct)).Recurring ? current.End : null;
    }

    /// <summary>A named person is greeted by the first word of their name; nobody named, as "there".</summary>
    private static string? Greeting(string name) => string.IsNullOrWhiteSpace(name) ? Nameless : null;

    private static bool NeedsNumbers(string templateId) =>
        templateId is TemplateIds.CampaignMidCycle or TemplateIds.CampaignClose or TemplateIds.AdminDigest or TemplateIds.ProgramCrunch;

    /// <summary>The reminder's <c>meetingDay</c> ("today", "tomorrow", "later") from the actual send time, in the reader's zone.</summary>
    private static IReadOnlyDictionary<string, string> FactsAt(MessageDecision decision, Addressee to, DateTimeOffset sendAt)
    {
        if (decision.TemplateId != TemplateIds.PreMeetingReminder
            || !decision.Facts.TryGetValue("meetingStart", out var start)
            || !DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var meetingStart))
            return decision.Facts;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(to.TimeZoneId);
        return new Dictionary<string, string>(decision.Facts, StringComparer.Ordinal)
        {
            ["meetingDay"] = MeetingDay.Of(meetingStart, sendAt, zone),
        };
    }

    /// <summary>The pair's first names, each only where the reader may see it (<see cref="Naming"/>); else empty.</summary>
    private async Task<EmailPair?> PairNamesAsync(string programId, string pairId, Recipient reader, CancellationToken ct)
    {
        if (await pairs.GetAsync(programId, pairId, ct) is not { } found)
            return null;
        var mentor = await participants.GetAsync(programId, found.Pair.MentorId, ct);
        var mentee = await participants.GetAsync(programId, found.Pair.MenteeId, ct);
        return new EmailPair(NameFor(reader, found.Pair.MentorId, mentor), NameFor(reader, found.Pair.MenteeId, mentee));
    }

    private static string NameFor(Recipient reader, string participantId, ParticipantRecord? person) =>
        Naming.MayName(reader, participantId, person?.AllowsManagerNotes ?? false) ? FirstName(person) : "";

    /// <summary>The program's numbers as of <paramref name="now"/> (the decision's earliest send: "the last 30 days" of the email).</summary>
    private async Task<ProgramNumbers> NumbersAsync(string programId, DateTimeOffset now, CancellationToken ct)
    {
        var all = await pairs.ListAsync(programId, ct);
        var summary = Engine.Programs.ProgramSummary.Of(all.Select(p => PairStore.ActivityOf(p.Pair, p.Summary)), now);
        return new ProgramNumbers(
            summary.ActivePairs, summary.MeetingsHeld, summary.Healthy, summary.Watch, summary.AtRisk, summary.Dormant, summary.MetInLast30Days);
    }

    /// <summary>
    /// The worst pairs at risk or dormant, each with what the engine says of it at <paramref name="now"/>: the main
    /// reason and the days since its last held meeting (since its start when it never met).
    /// </summary>
    private async Task<List<AttentionPair>> AttentionAsync(string programId, DateTimeOffset now, CancellationToken ct)
    {
        var all = await pairs.ListAsync(programId, ct);
        var attention = new List<AttentionPair>();
        foreach (var (pair, _) in all.Where(p => p.Summary.RiskLevel is RiskLevel.AtRisk or RiskLevel.Dormant)
                     .OrderBy(p => p.Summary.Score ?? 100).Take(MaxAttentionPairs))
        {
            if (await pairReader.ReadAsync(programId, pair.PairId, now, ct) is not { Evaluation: { } evaluation } reading)
                continue;
            var days = (int)(now - (evaluation.LastMeetingAt ?? pair.StartedAt)).TotalDays;
            attention.Add(new AttentionPair(
                FirstWord(reading.MentorName), FirstWord(reading.MenteeName), evaluation.Health.Level.ToString(), evaluation.Health.Score, days,
                evaluation.Health.MainReason, linkOptions.Value.DashboardUrl?.ToString() ?? "", evaluation.Health.MainSignal));
        }

        return attention;
    }

    private static string FirstWord(string? name) => name?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    private static string FirstName(ParticipantRecord? person) =>
        person?.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}
