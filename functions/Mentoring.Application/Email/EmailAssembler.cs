using Mentoring.Application.Email.Rendering;
using Mentoring.Application.Links;
using Mentoring.Application.Storage;
using Mentoring.Engine.Health;
using Mentoring.Engine.Messages;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Email;

/// <summary>Who an email goes to: the address (only here and in the sender), how to greet them, and their zone.</summary>
internal sealed record Addressee(string Address, string DisplayName, string? FirstName, string Role, string TimeZoneId, ParticipantRecord? Person);

/// <summary>
/// Turns a decision into the email it stands for: finds the recipient, builds the <see cref="EmailModel"/> from the
/// decision's facts, the program's voice, the pair's first names and freshly signed links, and renders it with the
/// Fluid templates. The dispatcher sends what this returns; the preview shows it.
/// </summary>
internal sealed class EmailAssembler(
    ParticipantStore participants, PairStore pairs, LinkSigner signer, IOptions<LinkOptions> linkOptions)
{
    private const int MaxAttentionPairs = 20;

    /// <summary>The recipient's address and zone; null when nobody takes it (no such person, no manager consent, no sponsor).</summary>
    public async Task<Addressee?> AddresseeAsync(ProgramRecord program, Recipient recipient, CancellationToken ct)
    {
        switch (recipient.Kind)
        {
            case RecipientKind.Sponsor:
                return string.IsNullOrEmpty(program.SponsorEmail)
                    ? null
                    : new Addressee(program.SponsorEmail, program.Voice?.SponsorName ?? "", null, RecipientRoles.Sponsor, program.TimeZoneId, null);
            case RecipientKind.Admin:
                return new Addressee(program.AdminEmail, "", "there", RecipientRoles.Admin, program.TimeZoneId, null);
        }

        var person = recipient.ParticipantId is { } id ? await participants.GetAsync(program.ProgramId, id, ct) : null;
        if (person is null)
            return null;
        if (recipient.Kind == RecipientKind.Manager)
        {
            return person.AllowsManagerNotes && !string.IsNullOrEmpty(person.ManagerEmail)
                ? new Addressee(person.ManagerEmail, "", "there", RecipientRoles.Manager, person.TimeZoneId, person)
                : null;
        }

        var role = recipient.Kind == RecipientKind.Mentor ? RecipientRoles.Mentor : RecipientRoles.Mentee;
        return new Addressee(person.Email, person.DisplayName, null, role, person.TimeZoneId, person);
    }

    /// <summary>Renders the decision for the addressee; <paramref name="messageId"/> ties provider events back to the row.</summary>
    public async Task<RenderedEmail> RenderAsync(
        ProgramRecord program, string? pairId, MessageDecision decision, Addressee to, string messageId, DateTimeOffset now, CancellationToken ct)
    {
        var links = SignLinks(program.ProgramId, pairId, decision, now);
        var content = EmailRenderer.Render(await ModelAsync(program, pairId, decision, to, links, ct));
        var email = RenderedEmail.Create(
            content, to.Address, to.DisplayName, messageId, links, linkOptions.Value.UnsubscribeMailto, pairId, program.ProgramId);
        return email with { IdempotencyKey = decision.IdempotencyKey };
    }

    /// <summary>What the template renders against: the decision's facts, the program's voice, the pair's first names, the links.</summary>
    public async Task<EmailModel> ModelAsync(
        ProgramRecord program, string? pairId, MessageDecision decision, Addressee to, EmailLinks links, CancellationToken ct) =>
        new(
            decision.TemplateId,
            decision.Facts,
            ToEmailProgram(program),
            new EmailRecipient(to.DisplayName, to.Role, to.TimeZoneId, FirstName: to.FirstName),
            links,
            pairId is null ? null : await PairNamesAsync(program.ProgramId, pairId, ct),
            NeedsNumbers(decision.TemplateId) ? await NumbersAsync(program.ProgramId, decision.NotBefore, ct) : null,
            decision.TemplateId == TemplateIds.AdminDigest ? await AttentionAsync(program.ProgramId, ct) : null);

    /// <summary>The check-in links for the pair's own people, unsubscribe for everyone, the dashboard for sponsors and admins.</summary>
    public EmailLinks SignLinks(string programId, string? pairId, MessageDecision decision, DateTimeOffset now)
    {
        var o = linkOptions.Value;
        var key = decision.Recipient.Key;
        var unsubscribe = new LinkClaims(LinkPurpose.Unsubscribe, programId, pairId, decision.IdempotencyKey, key, now + o.UnsubscribeLifetime);
        var unsubscribeUrl = signer.Url(Hosting.Routes.UnsubscribePrefix, unsubscribe);
        var participant = decision.Recipient.Kind is RecipientKind.Mentor or RecipientKind.Mentee && pairId is not null;
        string CheckIn(LinkPurpose purpose) => participant
            ? signer.Url(Hosting.Routes.CheckInPrefix, new LinkClaims(purpose, programId, pairId, decision.IdempotencyKey, key, now + o.CheckInLifetime))
            : "";
        return new EmailLinks(
            CheckIn: CheckIn(LinkPurpose.Met),
            Postponed: CheckIn(LinkPurpose.Postponed),
            BookNext: CheckIn(LinkPurpose.MeetOn),
            Unsubscribe: unsubscribeUrl,
            OneClickUnsubscribe: unsubscribeUrl,
            Dashboard: decision.Recipient.Kind is RecipientKind.Sponsor or RecipientKind.Admin ? o.DashboardUrl?.ToString() ?? "" : "");
    }

    public static EmailProgram ToEmailProgram(ProgramRecord program) => program.Voice is { } voice
        ? new EmailProgram(program.Name, voice.BusinessGoal, voice.SponsorName, voice.SponsorRole, voice.SponsorWords)
        : new EmailProgram(program.Name, "", "", "", "");

    private static bool NeedsNumbers(string templateId) =>
        templateId is TemplateIds.CampaignMidCycle or TemplateIds.CampaignClose or TemplateIds.AdminDigest or TemplateIds.ProgramCrunch;

    private async Task<EmailPair?> PairNamesAsync(string programId, string pairId, CancellationToken ct)
    {
        if (await pairs.GetAsync(programId, pairId, ct) is not { } found)
            return null;
        var mentor = await participants.GetAsync(programId, found.Pair.MentorId, ct);
        var mentee = await participants.GetAsync(programId, found.Pair.MenteeId, ct);
        return new EmailPair(FirstName(mentor), FirstName(mentee));
    }

    /// <summary>The program's numbers as of <paramref name="now"/> (the decision's earliest send: "the last 30 days" of the email).</summary>
    private async Task<ProgramNumbers> NumbersAsync(string programId, DateTimeOffset now, CancellationToken ct)
    {
        var all = await pairs.ListAsync(programId, ct);
        var summary = Engine.Programs.ProgramSummary.Of(all.Select(p => PairStore.ActivityOf(p.Pair, p.Summary)), now);
        return new ProgramNumbers(
            summary.ActivePairs, summary.MeetingsHeld, summary.Healthy, summary.Watch, summary.AtRisk, summary.Dormant, summary.MetInLast30Days);
    }

    private async Task<List<AttentionPair>> AttentionAsync(string programId, CancellationToken ct)
    {
        var all = await pairs.ListAsync(programId, ct);
        var attention = new List<AttentionPair>();
        foreach (var (pair, summary) in all.Where(p => p.Summary.RiskLevel is RiskLevel.AtRisk or RiskLevel.Dormant)
                     .OrderBy(p => p.Summary.Score ?? 100).Take(MaxAttentionPairs))
        {
            var mentor = await participants.GetAsync(programId, pair.MentorId, ct);
            var mentee = await participants.GetAsync(programId, pair.MenteeId, ct);
            var days = summary.LastSetbackAt is { } setback && summary.EvaluatedAt is { } evaluated ? (int)(evaluated - setback).TotalDays : 0;
            attention.Add(new AttentionPair(
                FirstName(mentor), FirstName(mentee), summary.RiskLevel?.ToString() ?? "", summary.Score ?? 0, days, "", linkOptions.Value.DashboardUrl?.ToString() ?? ""));
        }

        return attention;
    }

    private static string FirstName(ParticipantRecord? person) =>
        person?.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}
