using System.Globalization;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Hosting;
using Mentoring.Application.Ingest;
using Mentoring.Application.Outbox.Rendering;
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
        var (zone, words) = await ReaderAsync(claims, context.RequestAborted);
        return claims.Purpose switch
        {
            LinkPurpose.Met => LinkPages.Page(words.DidYouMeet, LinkPages.Text(words.ConfirmMet) + LinkPages.Form("", words.YesWeMet), language: words.Language),
            LinkPurpose.Postponed => LinkPages.Page(words.HadToMoveIt, LinkPages.Text(words.TellUsWhy)
                + LinkPages.Form(string.Concat(LinkPages.PostponeReasons.Select((r, i) =>
                    $"<p><label><input type=\"radio\" name=\"reason\" value=\"{r}\"{(i == 0 ? " checked" : "")}> {LinkPages.Attribute(words.Reason(r))}</label></p>")), words.RecordIt),
                language: words.Language),
            _ => LinkPages.Page(words.WhenWillYouMeet, LinkPages.Text(words.EnterTheTime(zone))
                + LinkPages.Form("<p><input type=\"datetime-local\" name=\"at\" required style=\"font-size:1rem;padding:.4rem\"></p>", words.RecordNextMeeting),
                language: words.Language),
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
        var (zoneId, words) = await ReaderAsync(claims, ct);
        IResult Refuse(int status, (string Title, string Detail) what) => LinkPages.Refuse(context.Request, status, what.Title, what.Detail, words.Language);
        if (claims.PairId is not { } pairId || await programs.GetAsync(claims.ProgramId, ct) is not { } program)
            return Refuse(StatusCodes.Status404NotFound, words.PairGone);

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
                        return Refuse(StatusCodes.Status400BadRequest, words.ChooseAReason);
                    var meeting = await MeetingAsync(claims, program, now, past: false, ct);
                    var missed = meeting is not null && meeting.End <= now;
                    change = new LedgerChange(changeId, meeting?.Id ?? changeId, missed ? ChangeKind.NoShow : ChangeKind.Cancelled, now,
                        meeting?.Start, meeting?.End, ChangedBy: by, Reason: reason, Source: ChangeSources.CheckIn);
                    break;
                }

            default:
                {
                    var zone = Zones.Resolve(zoneId);
                    if (!DateTime.TryParseExact(form.TryGetValue("at", out var a) ? a.ToString() : "", ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"],
                            CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                        return Refuse(StatusCodes.Status400BadRequest, words.GiveATime);
                    // Range-check the local time before applying the offset: 0001-01-01 or 9999-12-31 would overflow it.
                    var start = local < now.AddDays(-2).UtcDateTime || local > (now + LatestMeetOn).AddDays(1).UtcDateTime
                        ? DateTimeOffset.MinValue
                        : WallClock.ToInstant(local, zone);
                    if (start < now.AddDays(-1) || start > now + LatestMeetOn)
                        return Refuse(StatusCodes.Status400BadRequest, words.OutOfRange);
                    change = new LedgerChange(changeId, changeId, ChangeKind.Scheduled, now, start, start + program.Policy.DefaultMeetingLength, ChangedBy: by, Source: ChangeSources.CheckIn);
                    break;
                }
        }

        var outcome = await calendar.HandleAsync(new CalendarChanges(changeId, claims.ProgramId, pairId, [change]), ct);
        LogRecorded(claims.Purpose.ToString(), claims.ProgramId, pairId, outcome.ToString());
        if (outcome == CalendarChangeOutcome.PairGone)
            return Refuse(StatusCodes.Status404NotFound, words.PairGone);
        return HttpBodies.WantsHtml(context.Request)
            ? LinkPages.Page(words.ThankYou, LinkPages.Text(outcome == CalendarChangeOutcome.Duplicate ? words.AlreadyRecorded : words.Recorded), language: words.Language)
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

    /// <summary>The person the link was sent to: their zone (else the program's) and their language (else the program's).</summary>
    private async Task<(string Zone, CheckInWords Words)> ReaderAsync(LinkClaims claims, CancellationToken ct)
    {
        var program = await programs.GetAsync(claims.ProgramId, ct);
        var person = RecipientKeys.Parse(claims.RecipientKey)?.ParticipantId is { } id ? await participants.GetAsync(claims.ProgramId, id, ct) : null;
        var language = ReaderLanguage.For(person?.Culture ?? program?.Culture, CheckInWords.Languages).Language;
        return (person?.TimeZoneId ?? program?.TimeZoneId ?? "UTC", new CheckInWords(language));
    }

    [LoggerMessage(5001, LogLevel.Information, "Check-in {Purpose} for pair {ProgramId}/{PairId}: {Outcome}")]
    private partial void LogRecorded(string purpose, string programId, string pairId, string outcome);

    [LoggerMessage(5002, LogLevel.Information, "Check-in link refused: {Refusal}")]
    private partial void LogRefused(string refusal);
}
