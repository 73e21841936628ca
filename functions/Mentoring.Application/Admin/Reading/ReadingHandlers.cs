using Mentoring.Application.Admin.Programs;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine;
using Mentoring.Engine.Health;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Pairs;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Reading;

internal sealed record CycleFigures(
    string? CycleId,
    DateTimeOffset From,
    DateTimeOffset To,
    int MeetingsHeld,
    double MeetingsExpected,
    int Postponements,
    double PostponementRate);

internal sealed record ProgramHealthView(
    string ProgramId,
    DateTimeOffset At,
    int Pairs,
    int ActivePairs,
    IReadOnlyDictionary<string, int> PairsPerRiskLevel,
    CycleFigures Current,
    CycleFigures? Previous,
    string? ContinuationToken = null);

internal sealed record AtRiskPair(
    string PairId, string? MentorName, string? MenteeName, RiskLevel RiskLevel, int Score, DateTimeOffset? EvaluatedAt, IReadOnlyList<string> Reasons,
    LastEmail? LastEmail);

/// <summary>The last email that reached the pair's people (sent, not merely decided).</summary>
internal sealed record LastEmail(string TemplateId, string Recipient, DateTimeOffset SentAt);

internal sealed record TimelineView(
    string PairId,
    string? MentorName,
    string? MenteeName,
    PairStatus Status,
    RiskLevel? RiskLevel,
    int? Score,
    IReadOnlyList<string> Signals,
    IReadOnlyList<TimelineChange> Ledger,
    IReadOnlyList<TimelineMeeting> Meetings,
    IReadOnlyList<TimelineMessage> Messages);

internal sealed record TimelineChange(DateTimeOffset ChangedAt, string MeetingId, ChangeKind Kind, DateTimeOffset? Start, DateTimeOffset? PreviousStart, Party? ChangedBy, string? Reason, string Source);

internal sealed record TimelineMeeting(string MeetingId, DateTimeOffset Start, MeetingStatus Status, bool HeldConfirmed, int TimesMoved);

internal sealed record TimelineMessage(string TemplateId, string Recipient, string Reason, string Status, DateTimeOffset DecidedAt, DateTimeOffset NotBefore, DateTimeOffset? SentAt, int? Step);

/// <summary>Program health, the at-risk list, a pair's timeline.</summary>
internal sealed class ReadingHandlers(ProgramStore programs, ProgramProfileStore profiles, PairStore pairStore, PairLogStore logs, PairReader reader)
{
    private const int Parallelism = 8;
    private const string HealthRoute = "health";
    private const string AtRiskRoute = "at-risk";

    /// <summary>
    /// Pairs per risk level (from each pair's last evaluation), and for the current and the previous cycle: meetings held
    /// against meetings expected (active pairs × days in the cycle so far ÷ cadence), postponements (moves later and
    /// cancellations made in the window), and the postponement rate = postponements ÷ (held + postponements).
    /// One page of pairs at a time (<c>pageSize</c> pairs, default and at most Admin:MaxPageSize), each pair's ledger
    /// read once: the figures of a program of more pairs are the sums of its pages' figures.
    /// </summary>
    public async Task<IResult> HealthAsync(AdminRequest request)
    {
        var program = await programs.ProgramOfAsync(request);
        var (size, token) = request.Page(request.Options.MaxPageSize);
        var after = PageToken.Read(token, HealthRoute, program.ProgramId, keyCount: 1)?[0];
        var (pairs, next) = await pairStore.PageAsync(program.ProgramId, after, size, request.Aborted);
        var cycles = await profiles.ListCyclesAsync(program.ProgramId, request.Aborted);
        var current = cycles.FirstOrDefault(c => c.CycleId == program.CurrentCycleId) ?? cycles.LastOrDefault(c => c.Start <= request.Now);
        var previous = current is null ? null : cycles.LastOrDefault(c => c.End <= current.Start);
        var ledgers = new System.Collections.Concurrent.ConcurrentBag<(PairRecord Pair, IReadOnlyList<LedgerChange> Ledger)>();
        await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = request.Aborted }, async (p, ct) =>
            ledgers.Add((p.Pair, (await logs.LoadAsync(Keys.PairLog(program.ProgramId, p.Pair.PairId), ct)).Ledger)));

        var levels = Enum.GetValues<RiskLevel>().ToDictionary(l => l.ToString(), _ => 0, StringComparer.Ordinal);
        levels["Unevaluated"] = 0;
        foreach (var (_, summary) in pairs)
            levels[summary.RiskLevel?.ToString() ?? "Unevaluated"]++;

        // The cycle so far: empty (from = to = its start) while it has not begun.
        var window = current is null ? (request.Now.AddDays(-90), request.Now) : (current.Start, Clamp(request.Now, current.Start, current.End));
        var view = new ProgramHealthView(
            program.ProgramId,
            request.Now,
            pairs.Count,
            pairs.Count(p => p.Pair.Status == PairStatus.Active),
            levels,
            Figures(current?.CycleId, window.Item1, window.Item2, [.. ledgers], program, request.Now),
            previous is null ? null : Figures(previous.CycleId, previous.Start, previous.End, [.. ledgers], program, request.Now),
            next is null ? null : PageToken.Create(HealthRoute, program.ProgramId, next));
        return Results.Json(view, AdminJson.Options);
    }

    /// <summary>
    /// Pairs whose last evaluation left them at risk or dormant, worst first, each with the engine's reasons now. One page
    /// of pairs at a time (<c>pageSize</c> pairs read, default and at most Admin:MaxPageSize): the at-risk pairs among
    /// them, worst first within the page.
    /// </summary>
    public async Task<IResult> AtRiskAsync(AdminRequest request)
    {
        var program = await programs.ProgramOfAsync(request);
        var (size, token) = request.Page(request.Options.MaxPageSize);
        var after = PageToken.Read(token, AtRiskRoute, program.ProgramId, keyCount: 1)?[0];
        var (pairs, next) = await pairStore.PageAsync(program.ProgramId, after, size, request.Aborted);
        var flagged = pairs
            .Where(p => p.Summary.RiskLevel >= RiskLevel.AtRisk && p.Pair.Status != PairStatus.Ended)
            .OrderBy(p => p.Summary.Score).ThenBy(p => p.Pair.PairId, StringComparer.Ordinal)
            .ToList();
        var items = new AtRiskPair[flagged.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, flagged.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = request.Aborted }, async (i, ct) =>
        {
            var (pair, summary) = flagged[i];
            var reading = await reader.ReadAsync(program.ProgramId, pair.PairId, request.Now, ct);
            var last = reading?.Log.Messages.Where(m => m.SentAt is not null).MaxBy(m => m.SentAt);
            items[i] = new AtRiskPair(pair.PairId, reading?.MentorName, reading?.MenteeName, summary.RiskLevel!.Value, summary.Score ?? 0, summary.EvaluatedAt,
                [.. reading?.Evaluation?.Health.Reasons ?? []],
                last is null ? null : new LastEmail(last.Decision.TemplateId, last.Decision.Recipient.Kind.ToString(), last.SentAt!.Value));
        });

        return Results.Json(new { items, continuationToken = next is null ? null : PageToken.Create(AtRiskRoute, program.ProgramId, next) }, AdminJson.Options);
    }

    /// <summary>A pair's ledger, its meetings as they stand, the signals now, and every message decided, with why.</summary>
    public async Task<IResult> TimelineAsync(AdminRequest request)
    {
        var reading = await reader.ReadAsync(request.ProgramId, request.Route("pairId"), request.Now, request.Aborted)
            ?? throw ApiProblem.NotFound("pair");
        var policy = reading.Program.Policy;
        var view = new TimelineView(
            reading.Pair.PairId,
            reading.MentorName,
            reading.MenteeName,
            reading.Pair.Status,
            reading.Evaluation?.Health.Level ?? reading.Summary.RiskLevel,
            reading.Evaluation?.Health.Score ?? reading.Summary.Score,
            [.. reading.Evaluation?.Health.Reasons ?? []],
            [.. reading.Log.Ledger.OrderBy(c => c.ChangedAt).Select(c => new TimelineChange(c.ChangedAt, c.MeetingId, c.Kind, c.Start, c.PreviousStart, c.ChangedBy, c.Reason, c.Source))],
            [.. PairEngine.MeetingsAt(reading.Log.Ledger, request.Now, policy).Select(m => new TimelineMeeting(m.Id, m.Start, m.Status, m.HeldConfirmed, m.TimesMoved))],
            [.. reading.Log.Messages.OrderBy(m => m.DecidedAt).Select(m => new TimelineMessage(
                m.Decision.TemplateId, m.Decision.Recipient.Kind.ToString(), m.Decision.Reason, m.Status.ToString(), m.DecidedAt, m.Decision.NotBefore, m.SentAt, m.Decision.Step))]);
        return Results.Json(view, AdminJson.Options);
    }

    private static DateTimeOffset Clamp(DateTimeOffset value, DateTimeOffset min, DateTimeOffset max) =>
        value < min ? min : value > max ? max : value;

    private static CycleFigures Figures(
        string? cycleId, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<(PairRecord Pair, IReadOnlyList<LedgerChange> Ledger)> ledgers,
        ProgramRecord program, DateTimeOffset now)
    {
        var held = 0;
        var postponed = 0;
        var expected = 0.0;
        foreach (var (pair, ledger) in ledgers)
        {
            held += PairEngine.MeetingsAt(ledger, now, program.Policy).Count(m => m.Status == MeetingStatus.Held && m.Start >= from && m.Start < to);
            postponed += ledger.Count(c => c.ChangedAt >= from && c.ChangedAt < to
                && (c.Kind == ChangeKind.Cancelled || (c.Kind == ChangeKind.Rescheduled && c.Start > c.PreviousStart)));
            if (pair.Status != PairStatus.Ended)
            {
                var start = pair.StartedAt > from ? pair.StartedAt : from;
                if (to > start)
                    expected += (to - start).TotalDays / program.Policy.CadenceDays;
            }
        }

        var rate = held + postponed == 0 ? 0 : Math.Round((double)postponed / (held + postponed), 3);
        return new CycleFigures(cycleId, from, to, held, Math.Round(expected, 1), postponed, rate);
    }
}
