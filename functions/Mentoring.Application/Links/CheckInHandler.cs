using System.Globalization;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Hosting;
using Mentoring.Application.Ingest;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Links;

/// <summary>
/// <c>/api/checkin/{token}</c>. GET shows what the link will record and a button (a GET changes nothing: mail scanners
/// open links). POST records it as a confirmed ledger change through the calendar path (append insert-if-absent,
/// enqueue an evaluation, mark the delivery done) with the token's action id as change and delivery id, so the same
/// token POSTed twice is one ledger row. "We met" → Held; "we postponed" → Cancelled (a meeting still ahead) or NoShow
/// (one whose time passed) with the reason; "we'll meet on …" → Scheduled at the time given in the person's zone.
/// </summary>
internal sealed partial class CheckInHandler(
    LinkSigner signer,
    ProgramStore programs,
    ParticipantStore participants,
    PairLogStore logs,
    CalendarChangeHandler calendar,
    TimeProvider time,
    ILogger<CheckInHandler> logger)
{
    public const int MaxBodyBytes = 4 * 1024;
    public static readonly TimeSpan LatestMeetOn = TimeSpan.FromDays(180);
    private static readonly LinkPurpose[] Purposes = [LinkPurpose.Met, LinkPurpose.Postponed, LinkPurpose.MeetOn];

    public async Task<IResult> GetAsync(HttpContext context)
    {
        var now = time.GetUtcNow();
        if (!signer.TryVerify(HttpBodies.LastSegment(context.Request), Purposes, now, out var link, out var refusal))
            return LinkPages.Refuse(context.Request, refusal);
        var claims = link!.Claims;
        return claims.Purpose switch
        {
            LinkPurpose.Met => LinkPages.Page("Did you meet?", LinkPages.Text("Confirm that your mentoring meeting took place. It takes one click and keeps your pair's record right.")
                + LinkPages.Form("", "Yes, we met")),
            LinkPurpose.Postponed => LinkPages.Page("Had to move it?", LinkPages.Text("No judgement: tell us why, so the program can remove what gets in the way.")
                + LinkPages.Form(string.Concat(LinkPages.PostponeReasons.Select((r, i) =>
                    $"<p><label><input type=\"radio\" name=\"reason\" value=\"{r}\"{(i == 0 ? " checked" : "")}> {Label(r)}</label></p>")), "Record it")),
            _ => LinkPages.Page("When will you meet?", LinkPages.Text($"Enter the date and time you booked, in your own time zone ({await ZoneOfAsync(claims, context.RequestAborted)}).")
                + LinkPages.Form("<p><input type=\"datetime-local\" name=\"at\" required style=\"font-size:1rem;padding:.4rem\"></p>", "Record our next meeting")),
        };
    }

    public async Task<IResult> PostAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var now = time.GetUtcNow();
        var request = await LinkPost.ReadAsync(context, signer, Purposes, now, MaxBodyBytes, LogRefused);
        if (request.IsRefused)
            return request.Refusal;
        var (link, form) = (request.Link, request.Form);
        var claims = link.Claims;
        if (claims.PairId is not { } pairId || await programs.GetAsync(claims.ProgramId, ct) is not { } program)
            return LinkPages.Refuse(context.Request, StatusCodes.Status404NotFound, "This pair no longer exists.", "There is nothing left to record.");

        var by = RecipientKeys.Parse(claims.RecipientKey)?.Kind switch
        {
            RecipientKind.Mentor => Party.Mentor,
            RecipientKind.Mentee => (Party?)Party.Mentee,
            _ => null,
        };
        var changeId = "checkin/" + link.ActionId;
        LedgerChange change;
        switch (claims.Purpose)
        {
            case LinkPurpose.Met:
                {
                    var meeting = await MeetingAsync(claims, program, now, past: true, ct);
                    change = new LedgerChange(changeId, meeting?.Id ?? changeId, ChangeKind.Held, now, meeting?.Start ?? now.AddHours(-1), meeting?.End, ChangedBy: by, Source: ChangeSources.CheckIn);
                    break;
                }

            case LinkPurpose.Postponed:
                {
                    var reason = form.TryGetValue("reason", out var r) ? r.ToString() : "";
                    if (!LinkPages.PostponeReasons.Contains(reason, StringComparer.Ordinal))
                        return LinkPages.Refuse(context.Request, StatusCodes.Status400BadRequest, "Please choose a reason.", "One of: deadline, travel, illness, other.");
                    var meeting = await MeetingAsync(claims, program, now, past: false, ct);
                    var missed = meeting is not null && meeting.End <= now;
                    change = new LedgerChange(changeId, meeting?.Id ?? changeId, missed ? ChangeKind.NoShow : ChangeKind.Cancelled, now,
                        meeting?.Start, meeting?.End, ChangedBy: by, Reason: reason, Source: ChangeSources.CheckIn);
                    break;
                }

            default:
                {
                    var zone = Zones.Resolve(await ZoneOfAsync(claims, ct));
                    if (!DateTime.TryParseExact(form.TryGetValue("at", out var a) ? a.ToString() : "", ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"],
                            CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                        return LinkPages.Refuse(context.Request, StatusCodes.Status400BadRequest, "Please give a date and time.", "For example 2026-03-12T10:00.");
                    // Range-check the local time before applying the offset: 0001-01-01 or 9999-12-31 would overflow it.
                    var start = local < now.AddDays(-2).UtcDateTime || local > (now + LatestMeetOn).AddDays(1).UtcDateTime
                        ? DateTimeOffset.MinValue
                        : WallClock.ToInstant(local, zone);
                    if (start < now.AddDays(-1) || start > now + LatestMeetOn)
                        return LinkPages.Refuse(context.Request, StatusCodes.Status400BadRequest, "That date is out of range.", "Give a meeting within the next six months.");
                    change = new LedgerChange(changeId, changeId, ChangeKind.Scheduled, now, start, start + program.Policy.DefaultMeetingLength, ChangedBy: by, Source: ChangeSources.CheckIn);
                    break;
                }
        }

        var outcome = await calendar.HandleAsync(new CalendarChanges(changeId, claims.ProgramId, pairId, [change]), ct);
        LogRecorded(claims.Purpose.ToString(), claims.ProgramId, pairId, outcome.ToString());
        if (outcome == CalendarChangeOutcome.PairGone)
            return LinkPages.Refuse(context.Request, StatusCodes.Status404NotFound, "This pair no longer exists.", "There is nothing left to record.");
        return HttpBodies.WantsHtml(context.Request)
            ? LinkPages.Page("Thank you", LinkPages.Text(outcome == CalendarChangeOutcome.Duplicate
                ? "We had already recorded this. Nothing else to do."
                : "Recorded. Thank you for keeping your mentoring time."))
            : Results.Ok(new { status = outcome == CalendarChangeOutcome.Duplicate ? "already-recorded" : "recorded", change = change.Kind.ToString() });
    }

    /// <summary>The meeting a check-in is about: the latest one whose time passed ("we met"), or the nearest still open.</summary>
    private async Task<Meeting?> MeetingAsync(LinkClaims claims, ProgramRecord program, DateTimeOffset now, bool past, CancellationToken ct)
    {
        var log = await logs.LoadAsync(Keys.PairLog(claims.ProgramId, claims.PairId!), ct);
        var open = PairEngine.MeetingsAt(log.Ledger, now, program.Policy)
            .Where(m => m.Status is not (MeetingStatus.Cancelled or MeetingStatus.NoShow) && !m.HeldConfirmed && m.Start >= now - TimeSpan.FromDays(30))
            .ToList();
        return past
            ? open.Where(m => m.Start <= now).MaxBy(m => m.Start)
            : open.MinBy(m => (m.Start - now).Duration());
    }

    private async Task<string> ZoneOfAsync(LinkClaims claims, CancellationToken ct)
    {
        var person = RecipientKeys.Parse(claims.RecipientKey)?.ParticipantId is { } id ? await participants.GetAsync(claims.ProgramId, id, ct) : null;
        if (person is not null)
            return person.TimeZoneId;
        return (await programs.GetAsync(claims.ProgramId, ct))?.TimeZoneId ?? "UTC";
    }

    private static string Label(string reason) => reason switch
    {
        "deadline" => "A deadline got in the way",
        "travel" => "One of us was travelling",
        "illness" => "One of us was ill",
        _ => "Something else",
    };

    [LoggerMessage(5001, LogLevel.Information, "Check-in {Purpose} for pair {ProgramId}/{PairId}: {Outcome}")]
    private partial void LogRecorded(string purpose, string programId, string pairId, string outcome);

    [LoggerMessage(5002, LogLevel.Information, "Check-in link refused: {Refusal}")]
    private partial void LogRefused(string refusal);
}
