using System.Globalization;
using Mentoring.Application.Email.Rendering;
using Mentoring.Application.Storage;
using Mentoring.Engine;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Email.Preview;

/// <summary>
/// Renders any template for a program and one of its pairs without sending or recording anything (the admin API's
/// preview). The facts are the pair's own: those of the latest email decided for it (the same template's when there is
/// one), else what its ledger and last evaluation say. Links are placeholders: a preview never mints a working token.
/// </summary>
internal sealed class EmailPreviewHandler(
    ProgramStore programs, PairStore pairs, PairLogStore logs, EmailAssembler assembler, TimeProvider time)
{
    /// <summary>Null when the program or the pair does not exist; throws ArgumentException for an unknown template id.</summary>
    public async Task<PreviewResult?> PreviewAsync(
        string programId, string pairId, string templateId, CancellationToken ct, TemplateOverride? programOverride = null)
    {
        if (!TemplateIds.All.Contains(templateId, StringComparer.Ordinal))
            throw new ArgumentException($"There is no template '{templateId}'.", nameof(templateId));
        var now = time.GetUtcNow();
        if (await programs.GetAsync(programId, ct) is not { } program || await pairs.GetAsync(programId, pairId, ct) is not { } found)
            return null;

        var log = await logs.LoadAsync(Keys.PairLog(programId, pairId), ct);
        var facts = log.Messages.Where(m => ModelSchema.FactKeys(m.Decision.TemplateId) == ModelSchema.FactKeys(templateId))
            .OrderBy(m => m.Decision.TemplateId == templateId).ThenBy(m => m.DecidedAt)
            .LastOrDefault()?.Decision.Facts
            ?? FactsOf(program, found.Pair, found.Summary, log, now);

        var recipient = templateId switch
        {
            TemplateIds.SponsorNote when program.HasSponsor => Recipient.Sponsor,
            TemplateIds.AdminAlert or TemplateIds.AdminDigest or TemplateIds.ProgramCrunch or TemplateIds.SponsorNote => Recipient.Admin,
            _ => new Recipient(RecipientKind.Mentor, found.Pair.MentorId),
        };
        var decision = new MessageDecision("preview", templateId, recipient, now, now, "", facts);
        var to = await assembler.AddresseeAsync(program, recipient, ct)
            ?? new Addressee("preview@example.invalid", "", "there", RecipientRoles.Admin, program.TimeZoneId, null);
        var model = await assembler.ModelAsync(program, pairId, decision, to, EmailPreview.PlaceholderLinks, ct);
        return EmailPreview.Render(model, programOverride);
    }

    private static Dictionary<string, string> FactsOf(ProgramRecord program, PairRecord pair, PairSummary summary, PairLog log, DateTimeOffset now)
    {
        var meetings = PairEngine.MeetingsAt(log.Ledger, now, program.Policy);
        var lastHeld = meetings.Where(m => m.Status == MeetingStatus.Held).MaxBy(m => m.Start);
        var next = meetings.Where(m => m.Status == MeetingStatus.Scheduled && m.Start > now).MinBy(m => m.Start);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["pairId"] = pair.PairId,
            ["programId"] = pair.ProgramId,
            ["cadenceDays"] = N(program.Policy.CadenceDays),
            ["meetingsHeld"] = N(meetings.Count(m => m.Status == MeetingStatus.Held)),
            ["daysSinceLastMeeting"] = N((int)(now - (lastHeld?.Start ?? pair.StartedAt)).TotalDays),
            ["healthScore"] = N(summary.Score ?? 100),
            ["riskLevel"] = summary.RiskLevel?.ToString() ?? "Healthy",
            ["lastMeetingAt"] = lastHeld?.Start.ToString("O", CultureInfo.InvariantCulture) ?? "",
            ["nextMeetingAt"] = next?.Start.ToString("O", CultureInfo.InvariantCulture) ?? "",
        };
    }
}
