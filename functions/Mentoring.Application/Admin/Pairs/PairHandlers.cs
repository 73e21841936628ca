using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mentoring.Application.Admin.Participants;
using Mentoring.Application.Ingest;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Pairs;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Pairs;

/// <summary>Pairs: create, pause (reason, resume date), resume, end, and the manual meeting log.</summary>
internal sealed class PairHandlers(ProgramStore programs, PairStore pairs, ParticipantRows participants, CalendarChangeHandler calendarChanges, MessageQueues queues)
{
    public async Task<IResult> ListAsync(AdminRequest request)
    {
        await programs.ProgramOfAsync(request);
        var (size, token) = request.Page();
        var (page, next) = await pairs.PageByTokenAsync(request.ProgramId, size, token, request.Aborted);
        return Results.Json(new { items = page.Select(p => p.Pair.ToView(p.Summary)), continuationToken = next }, AdminJson.Options);
    }

    public async Task<IResult> GetAsync(AdminRequest request) => Results.Json(await ViewAsync(request), AdminJson.Options);

    public async Task<IResult> CreateAsync(AdminRequest request)
    {
        var program = await programs.ProgramOfAsync(request);
        var body = await request.BodyAsync<PairBody>();
        var mentor = await participants.GetAsync(program.ProgramId, body.MentorId, request.Aborted);
        var mentee = await participants.GetAsync(program.ProgramId, body.MenteeId, request.Aborted);
        var cycleId = body.CycleId ?? program.CurrentCycleId;
        var cycle = cycleId is null ? null : await programs.GetCycleAsync(program.ProgramId, cycleId, request.Aborted);
        new Validation()
            .Require(Validation.IsId(body.Id), "id", "Letters, digits, '-', '_' or '.', at most 64.")
            .Require(mentor is not null, "mentorId", "No such participant in this program.")
            .Require(mentee is not null, "menteeId", "No such participant in this program.")
            .Require(body.MentorId != body.MenteeId, "menteeId", "A pair is two people.")
            .Require(cycleId is null || cycle is not null, "cycleId", "No such cycle in this program.")
            .ThrowIfInvalid();
        if (await pairs.GetAsync(program.ProgramId, body.Id, request.Aborted) is not null)
            throw ApiProblem.Conflict($"Pair '{body.Id}' exists.");
        var started = body.StartedAt ?? (cycle is { } c && c.Start > request.Now ? c.Start : request.Now);
        var pair = new PairRecord(program.ProgramId, body.Id, body.MentorId, body.MenteeId, started, cycleId);
        await pairs.SaveAsync(pair, request.Aborted);
        await EvaluateAsync(request, pair.PairId, "created");
        return Results.Json(pair.ToView(PairSummary.None), AdminJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> PauseAsync(AdminRequest request)
    {
        var body = await request.BodyAsync<PauseBody>();
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(body.Reason) && body.Reason.Length <= 500, "reason", "Required, at most 500 characters.")
            .Require(body.ResumeOn is null || body.ResumeOn > DateOnly.FromDateTime(request.Now.UtcDateTime), "resumeOn", "A date in the future.")
            .ThrowIfInvalid();
        return await ChangeStatusAsync(request, "paused", pair =>
            pairs.PauseAsync(pair.ProgramId, pair.PairId, request.Now, body.Reason, body.ResumeOn, request.Aborted));
    }

    public Task<IResult> ResumeAsync(AdminRequest request) =>
        ChangeStatusAsync(request, "resumed", pair => pairs.ResumeAsync(pair.ProgramId, pair.PairId, request.Now, request.Aborted));

    public async Task<IResult> EndAsync(AdminRequest request)
    {
        var body = await request.BodyAsync<EndBody>();
        return await ChangeStatusAsync(request, "ended", pair => pairs.EndAsync(pair.ProgramId, pair.PairId, request.Now, body.Reason, request.Aborted));
    }

    /// <summary>
    /// A meeting logged by hand goes down the calendar path: one <see cref="CalendarChanges"/> delivery, handled by
    /// <see cref="CalendarChangeHandler"/> (append insert-if-absent, enqueue the evaluation, record the delivery).
    /// The log is the admin's explicit record (source <see cref="ChangeSources.Admin"/>): the engine counts a cancelled
    /// past meeting as cancelled and a no-show as a no-show, and no calendar changes the outcome afterwards. For a meeting
    /// already past, when it was decided is unknown: the changes say so, and no late-change rule fires on them.
    /// </summary>
    public async Task<IResult> LogMeetingAsync(AdminRequest request)
    {
        var (pair, _) = await pairs.PairOfAsync(request);
        var body = await request.BodyAsync<MeetingBody>();
        new Validation()
            .Require(body.Start <= request.Now || body.Outcome == LoggedOutcome.Cancelled, "start", "A held or missed meeting is in the past.")
            .Require(body.End is null || body.End > body.Start, "end", "Must be after start.")
            .Require(body.MeetingId is null || body.MeetingId.Length <= 200, "meetingId", "At most 200 characters.")
            .ThrowIfInvalid();
        var meetingId = body.MeetingId ?? "admin-" + body.Start.UtcTicks.ToString(CultureInfo.InvariantCulture);
        var changeId = LoggedChangeId(pair, meetingId, body);
        var end = body.End ?? body.Start.AddHours(1);
        var kind = body.Outcome switch
        {
            LoggedOutcome.NoShow => ChangeKind.NoShow,
            LoggedOutcome.Cancelled => ChangeKind.Cancelled,
            _ => ChangeKind.Held,
        };
        var past = body.Start < request.Now;
        // Booked before the outcome, so the fold reads the booking first whatever the two ids are.
        var bookedAt = past ? body.Start : request.Now.AddTicks(-1);
        var changes = new List<LedgerChange>
        {
            new(meetingId + "/scheduled", meetingId, ChangeKind.Scheduled, bookedAt, body.Start, end, Source: ChangeSources.Admin, ChangedAtUnknown: past),
            new(changeId, meetingId, kind, request.Now, body.Start, end, Reason: body.Reason, Source: ChangeSources.Admin, ChangedAtUnknown: past),
        };
        var outcome = await calendarChanges.HandleAsync(
            new CalendarChanges(changeId, pair.ProgramId, pair.PairId, changes), request.Aborted);
        return Results.Json(new { changeId, meetingId, outcome = outcome.ToString() }, AdminJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// The log's change id, also its delivery id (deduplicated across every pair): the program and the pair are part of
    /// it, so two pairs logging a meeting at the same time are two records, and the same log sent twice is one.
    /// </summary>
    private static string LoggedChangeId(PairRecord pair, string meetingId, MeetingBody body) =>
        "admin/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{pair.ProgramId}|{pair.PairId}|{meetingId}|{body.Outcome}|{body.Start.UtcTicks}|{body.End?.UtcTicks}")))[..24];

    private async Task<PairView> ViewAsync(AdminRequest request)
    {
        var (pair, summary) = await pairs.PairOfAsync(request);
        return pair.ToView(summary);
    }

    private async Task<IResult> ChangeStatusAsync(AdminRequest request, string verb, Func<PairRecord, Task> change)
    {
        var (pair, _) = await pairs.PairOfAsync(request);
        if (pair.Status == PairStatus.Ended)
            throw ApiProblem.Conflict("The pair has ended.");
        await change(pair);
        await EvaluateAsync(request, pair.PairId, verb);
        return Results.Json(await ViewAsync(request), AdminJson.Options);
    }

    private Task EvaluateAsync(AdminRequest request, string pairId, string why) =>
        queues.EvaluateAsync(
            new EvaluatePair($"admin/{why}/{pairId}/{request.Now.UtcTicks}", request.ProgramId, pairId), request.Aborted);
}
