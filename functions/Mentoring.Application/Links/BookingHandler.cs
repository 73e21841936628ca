using System.Globalization;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Hosting;
using Mentoring.Application.Ingest;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine;
using Mentoring.Engine.Booking;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Links;

/// <summary>
/// <c>/api/book/{token}</c>. GET shows the booking page: the pair's booked meeting if one is ahead, the times
/// <see cref="BookingSlots"/> proposes (each a button) and a free date and time (a GET changes nothing). POST with
/// <c>start</c> (ISO 8601 with an offset, or a local "yyyy-MM-ddTHH:mm" read in the person's zone) books the meeting —
/// or moves the one booked — and POST with <c>cancel</c> cancels it: the ledger records it (source "booking", the UID
/// as meeting id) through the calendar path, so the ladder pauses at once, and both participants' invitations go into the
/// outbox (<see cref="BookingInvitations"/>): the answer does not wait for the send. The same start posted twice is one booking.
/// </summary>
internal sealed partial class BookingHandler(
    LinkSigner signer,
    ProgramStore programs,
    ParticipantStore participants,
    PairStore pairs,
    PairLogStore logs,
    CalendarChangeHandler calendar,
    MeetingStore meetings,
    BookingInvitations invitations,
    TimeProvider time,
    ILogger<BookingHandler> logger)
{
    public const int MaxBodyBytes = 4 * 1024;

    /// <summary>The furthest ahead a meeting may be booked.</summary>
    public static readonly TimeSpan LatestStart = TimeSpan.FromDays(180);

    /// <summary>The soonest a meeting may be booked: an invitation for a time already gone helps nobody.</summary>
    public static readonly TimeSpan EarliestStart = TimeSpan.FromMinutes(5);

    private static readonly LinkPurpose[] Purposes = [LinkPurpose.Book];
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public async Task<IResult> GetAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var now = time.GetUtcNow();
        if (!signer.TryVerify(HttpBodies.LastSegment(context.Request), Purposes, now, out var link, out var refusal))
            return LinkPages.Refuse(context.Request, refusal);
        if (await LoadAsync(link!.Claims, now, ct) is not { } pair)
            return Gone(context.Request);

        var proposals = BookingSlots.Propose(
            Zones.Resolve(pair.Mentor.TimeZoneId), Zones.Resolve(pair.Mentee.TimeZoneId), pair.Meetings,
            BookingSlots.DueDate(BookingSlots.LastHeldStart(pair.Meetings), pair.StartedAt, pair.Program.Policy), now, pair.Program.Policy);
        if (!HttpBodies.WantsHtml(context.Request))
        {
            return Results.Ok(new
            {
                booked = pair.Booked is { } b ? new { meetingId = b.Id, start = b.Start, end = b.End } : null,
                proposals = proposals.Select(p => new { start = p, end = p + pair.Program.Policy.DefaultMeetingLength }),
                timeZone = pair.Reader.TimeZoneId,
            });
        }

        return BookingPage.Show(pair.Reader, pair.Partner, pair.Program, pair.Booked, pair.OtherUpcoming, proposals, now);
    }

    public async Task<IResult> PostAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var now = time.GetUtcNow();
        var request = await LinkPost.ReadAsync(context, signer, Purposes, now, MaxBodyBytes, LogRefused);
        if (request.IsRefused)
            return request.Refusal;
        var (link, form) = (request.Link, request.Form);
        if (await LoadAsync(link.Claims, now, ct) is not { } pair)
            return Gone(context.Request);
        if (pair.Status != Engine.Pairs.PairStatus.Active)
            return BookingPage.Refuse(context.Request, pair.Reader, pair.Partner, pair.Program, StatusCodes.Status409Conflict, w => w.NotActive);

        var policy = pair.Program.Policy;
        var booked = pair.Booked;
        BookingChange change;
        string uid;
        DateTimeOffset start;
        if (form.ContainsKey("cancel"))
        {
            if (booked is null)
                return BookingPage.Refuse(context.Request, pair.Reader, pair.Partner, pair.Program, StatusCodes.Status409Conflict, w => w.NothingToCancel);
            (change, uid, start) = (BookingChange.Cancelled, booked.Id, booked.Start);
        }
        else
        {
            var given = form.TryGetValue("start", out var s) ? s.ToString() : "";
            if (ParseStart(given, Zones.Resolve(pair.Reader.TimeZoneId), now) is not { } at)
                return BookingPage.Refuse(context.Request, pair.Reader, pair.Partner, pair.Program, StatusCodes.Status400BadRequest, w => w.ChooseATimeRefusal);
            if (at < now + EarliestStart || at > now + LatestStart)
                return BookingPage.Refuse(context.Request, pair.Reader, pair.Partner, pair.Program, StatusCodes.Status400BadRequest, w => w.OutOfRange);
            if (booked is not null && booked.Start == at)
                return Done(context.Request, "already-booked", booked.Id, at, BookingIds.NextSequence(pair.Ledger, booked.Id) - 1, null, pair);
            (change, uid, start) = booked is null
                ? (BookingChange.Booked, BookingIds.Uid(pair.Program.ProgramId, pair.PairId, at, link.ActionId), at)
                : (BookingChange.Moved, booked.Id, at);
        }

        var sequence = BookingIds.NextSequence(pair.Ledger, uid);
        var end = change == BookingChange.Cancelled ? booked!.End : start + policy.DefaultMeetingLength;
        var changeId = change == BookingChange.Booked
            ? BookingIds.NewBookingChangeId(pair.Ledger, pair.Program.ProgramId, pair.PairId)
            : string.Create(CultureInfo.InvariantCulture, $"booking/{uid}/s{sequence}");
        var by = RecipientKeys.Parse(link.Claims.RecipientKey)?.Kind switch
        {
            RecipientKind.Mentor => Party.Mentor,
            RecipientKind.Mentee => (Party?)Party.Mentee,
            _ => null,
        };
        var entry = change switch
        {
            BookingChange.Booked => new LedgerChange(changeId, uid, ChangeKind.Scheduled, now, start, end, ChangedBy: by, Source: ChangeSources.Booking),
            BookingChange.Moved => new LedgerChange(changeId, uid, ChangeKind.Rescheduled, now, start, end, booked!.Start, ChangedBy: by, Source: ChangeSources.Booking),
            _ => new LedgerChange(changeId, uid, ChangeKind.Cancelled, now, start, end, ChangedBy: by, Reason: "cancelled on the booking page", Source: ChangeSources.Booking),
        };

        // The meeting's pair first: a connected calendar reporting the invitation (same UID) then finds it, whatever its attendees.
        await meetings.RecordPairAsync(uid, new PairRef(pair.Program.ProgramId, pair.PairId), ct);
        var outcome = await calendar.HandleAsync(new CalendarChanges(changeId, pair.Program.ProgramId, pair.PairId, [entry]), ct);
        if (outcome == CalendarChangeOutcome.PairGone)
            return Gone(context.Request);
        if (outcome == CalendarChangeOutcome.Duplicate && change == BookingChange.Booked
            && await LoadAsync(link.Claims, now, ct) is { Booked: { } first } again)
        {
            // Another booking for the pair got there first (the change ids are the same): that one stands, no second meeting.
            return Done(context.Request, "already-booked", first.Id, first.Start, BookingIds.NextSequence(again.Ledger, first.Id) - 1, null, again);
        }

        (List<ParticipantRecord> Invited, List<ParticipantRecord> NotInvited)? invited = outcome == CalendarChangeOutcome.Duplicate
            ? null
            : await invitations.QueueAsync(new BookedMeeting(pair.Program, pair.PairId, pair.Mentor, pair.Mentee, uid, sequence, change, start, end, pair.Reader.ParticipantId), now, ct);
        LogBooked(change.ToString(), pair.Program.ProgramId, pair.PairId, sequence, outcome.ToString());
        var status = outcome == CalendarChangeOutcome.Duplicate ? "already-recorded" : change.ToString().ToLowerInvariant();
        return Done(context.Request, status, uid, start, sequence, invited, pair);
    }

    /// <summary>
    /// A start as the form or an API client gives it: with an offset (or Z) it is that instant; without, a wall-clock time
    /// in the person's zone. Range-checked as text first, so the ends of the calendar cannot overflow the offset.
    /// </summary>
    internal static DateTimeOffset? ParseStart(string text, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (text.Length is 0 or > 40)
            return null;
        var hasOffset = text[^1] is 'Z' or 'z' || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (hasOffset)
        {
            return DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                ? instant.ToUniversalTime()
                : null;
        }

        if (!DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        if (local < now.UtcDateTime.AddDays(-2) || local > (now + LatestStart).UtcDateTime.AddDays(2))
            return DateTimeOffset.MinValue; // out of range: refused by the caller
        return WallClock.ToInstant(local, zone);
    }

    private async Task<BookingPair?> LoadAsync(LinkClaims claims, DateTimeOffset now, CancellationToken ct)
    {
        if (claims.PairId is not { } pairId || RecipientKeys.Parse(claims.RecipientKey) is not { ParticipantId: { } readerId }
            || await programs.GetAsync(claims.ProgramId, ct) is not { } program || await pairs.GetAsync(claims.ProgramId, pairId, ct) is not { } found)
            return null;
        var mentor = await participants.GetAsync(claims.ProgramId, found.Pair.MentorId, ct);
        var mentee = await participants.GetAsync(claims.ProgramId, found.Pair.MenteeId, ct);
        if (mentor is null || mentee is null || (readerId != mentor.ParticipantId && readerId != mentee.ParticipantId))
            return null;
        var ledger = (await logs.LoadAsync(Keys.PairLog(claims.ProgramId, pairId), ct)).Ledger;
        var standing = PairEngine.MeetingsAt(ledger, now, program.Policy);
        var booked = BookingIds.Upcoming(standing, program.ProgramId, pairId, now);
        var other = standing.Where(m => m.Status == MeetingStatus.Scheduled && m.Start > now && m.Id != booked?.Id).MinBy(m => m.Start);
        var reader = readerId == mentor.ParticipantId ? mentor : mentee;
        return new BookingPair(program, pairId, found.Pair.StartedAt, found.Pair.Status, mentor, mentee, reader, reader == mentor ? mentee : mentor, ledger, standing, booked, other);
    }

    private static IResult Done(
        HttpRequest request, string status, string uid, DateTimeOffset start, int sequence,
        (List<ParticipantRecord> Invited, List<ParticipantRecord> NotInvited)? invited, BookingPair pair)
    {
        if (!HttpBodies.WantsHtml(request))
        {
            return Results.Ok(new
            {
                status,
                meetingId = uid,
                start,
                sequence,
                invited = invited?.Invited.Count ?? 0,
                notInvited = invited?.NotInvited.Count ?? 0,
            });
        }

        return BookingPage.Done(pair.Reader, pair.Partner, pair.Program, status, start, invited?.NotInvited.Count ?? 0);
    }

    private static IResult Gone(HttpRequest request) =>
        LinkPages.Refuse(request, StatusCodes.Status404NotFound, "This pair no longer exists.", "There is nothing to book.");

    [LoggerMessage(5201, LogLevel.Information, "Booking {Change} for pair {ProgramId}/{PairId} (sequence {Sequence}): {Outcome}")]
    private partial void LogBooked(string change, string programId, string pairId, int sequence, string outcome);

    [LoggerMessage(5203, LogLevel.Information, "Booking link refused: {Refusal}")]
    private partial void LogRefused(string refusal);
}

/// <summary>What the booking page needs to know about the pair, read once per request.</summary>
internal sealed record BookingPair(
    ProgramRecord Program,
    string PairId,
    DateTimeOffset StartedAt,
    Engine.Pairs.PairStatus Status,
    ParticipantRecord Mentor,
    ParticipantRecord Mentee,
    ParticipantRecord Reader,
    ParticipantRecord Partner,
    IReadOnlyList<LedgerChange> Ledger,
    IReadOnlyList<Meeting> Meetings,
    Meeting? Booked,
    Meeting? OtherUpcoming);
