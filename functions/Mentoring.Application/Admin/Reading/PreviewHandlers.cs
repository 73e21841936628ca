using Mentoring.Application.Admin.Participants;
using Mentoring.Application.Admin.Programs;
using Mentoring.Application.Email.Preview;
using Mentoring.Application.Email.Rendering;
using Mentoring.Application.Storage;
using Mentoring.Engine.Health;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Reading;

internal sealed record PreviewView(string TemplateId, string Subject, string Html, string Text, IReadOnlyDictionary<string, string> Facts, IReadOnlyList<string> RejectedOverrides);

/// <summary>
/// <c>GET …/previews/{templateId}?pairId=&amp;recipient=mentor|mentee</c>: renders a template through
/// <see cref="EmailPreview"/> with the program's own facts (its business goal, sponsor's words, numbers), and — given a
/// pair — the facts of the pair's last message of that template, or of what the engine would decide now. Sends nothing.
/// </summary>
internal static class PreviewHandlers
{
    public static async Task<IResult> PreviewAsync(AdminRequest request)
    {
        var program = await ProgramHandlers.LoadAsync(request);
        var templateId = request.Route("templateId");
        if (!TemplateIds.All.Contains(templateId))
            throw ApiProblem.NotFound("template");
        var pairs = await request.Get<PairStore>().ListAsync(program.ProgramId, request.Aborted);
        var numbers = new ProgramNumbers(
            pairs.Count(p => p.Pair.Status == PairStatus.Active),
            pairs.Sum(p => p.Summary.MeetingsHeld),
            pairs.Count(p => p.Summary.RiskLevel == RiskLevel.Healthy),
            pairs.Count(p => p.Summary.RiskLevel == RiskLevel.Watch),
            pairs.Count(p => p.Summary.RiskLevel == RiskLevel.AtRisk),
            pairs.Count(p => p.Summary.RiskLevel == RiskLevel.Dormant),
            pairs.Count(p => p.Summary.LastSetbackAt is null && p.Summary.MeetingsHeld > 0));

        IReadOnlyDictionary<string, string> facts = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["programName"] = program.Name };
        var recipient = new EmailRecipient("Alex Example", "mentee", program.TimeZoneId);
        EmailPair? pairNames = null;
        if (request.Query("pairId") is { } pairId)
        {
            var reading = await request.Get<PairReader>().ReadAsync(program.ProgramId, pairId, request.Now, request.Aborted)
                ?? throw ApiProblem.NotFound("pair");
            var decided = reading.Log.Messages.Where(m => m.Decision.TemplateId == templateId).OrderBy(m => m.DecidedAt).Select(m => m.Decision).LastOrDefault()
                ?? reading.Evaluation?.Decisions.FirstOrDefault(d => d.TemplateId == templateId);
            if (decided is not null)
                facts = decided.Facts;
            var rows = request.Get<ParticipantRows>();
            var mentor = await rows.GetAsync(program.ProgramId, reading.Pair.MentorId, request.Aborted);
            var mentee = await rows.GetAsync(program.ProgramId, reading.Pair.MenteeId, request.Aborted);
            pairNames = new EmailPair(FirstName(mentor), FirstName(mentee));
            var to = request.Query("recipient") == "mentor" ? mentor : mentee;
            if (to is not null)
                recipient = new EmailRecipient(to.Name, to == mentor ? "mentor" : "mentee", to.TimeZone);
        }

        var model = new EmailModel(
            templateId,
            facts,
            Email.EmailAssembler.ToEmailProgram(program),
            recipient,
            EmailPreview.PlaceholderLinks,
            pairNames,
            numbers);
        var preview = EmailPreview.Render(model);
        if (request.Query("format") == "html")
            return Results.Content(preview.Content.Html, "text/html; charset=utf-8");
        return Results.Json(
            new PreviewView(templateId, preview.Content.Subject, preview.Content.Html, preview.Content.Text, facts, [.. preview.OverrideErrors.Keys.Select(k => k.ToString())]),
            AdminJson.Options);
    }

    private static string FirstName(AdminParticipant? p) => p?.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}
