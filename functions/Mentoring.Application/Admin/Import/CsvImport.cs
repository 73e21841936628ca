using System.Globalization;
using Mentoring.Application.Admin.Participants;
using Mentoring.Application.Roster;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Import;

internal sealed record RowError(int Line, string Reason);

internal sealed record ImportReport(string Mode, int Rows, int Imported, int Rejected, IReadOnlyList<RowError> Errors);

/// <summary>
/// CSV imports (RFC 4180, a header row, UTF-8), read as they arrive within the caps of <see cref="CsvRows"/>: a cap
/// exceeded refuses the whole file before anything is written. Every row is validated first; each bad row is reported
/// with its line and reason. Default mode "all": nothing is imported unless every row is good (400 with the report). <c>?mode=partial</c>
/// imports the good rows and reports the bad ones.
/// <para>Participants: <c>id,name,email,role,timeZone,managerEmail,managerNotesConsent,managerName,culture,managerCulture</c> (the last five optional).
/// Pairs: <c>id,mentorId,menteeId,cycleId,startedAt</c>.</para>
/// </summary>
internal sealed class CsvImport(ProgramStore programs, Programs.ProgramProfileStore profiles, ParticipantRows participants, PairStore pairs, Queues.MessageQueues queues)
{
    private const int MaxErrorsReported = 1000;
    private const int Parallelism = 8;

    public async Task<IResult> ParticipantsAsync(AdminRequest request)
    {
        await programs.ProgramOfAsync(request);
        var partial = Mode(request);
        var good = new List<AdminParticipant>();
        var errors = new List<RowError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = await CsvRows.ReadAsync(request, ["id", "name", "email", "role", "timeZone"], (line, row) =>
        {
            var id = row("id");
            var validation = new Validation().Require(Validation.IsId(id), "id", "letters, digits, '-', '_' or '.', at most 64")
                .Require(seen.Add(id), "id", "appears twice in the file");
            var role = Enum.TryParse<ParticipantRole>(row("role"), ignoreCase: true, out var r) && Enum.IsDefined(r) ? r : (ParticipantRole?)null;
            validation.Require(role is not null, "role", "mentor, mentee or both");
            var consent = row("managerNotesConsent") is "" or "false" or "no" or "0" ? false : row("managerNotesConsent") is "true" or "yes" or "1" ? true : (bool?)null;
            validation.Require(consent is not null, "managerNotesConsent", "true or false");
            var body = new ParticipantBody(
                row("name"), row("email"), role ?? ParticipantRole.Both, row("timeZone"), NullIfEmpty(row("managerEmail")), consent ?? false,
                ManagerName: NullIfEmpty(row("managerName")), Culture: NullIfEmpty(row("culture")), ManagerCulture: NullIfEmpty(row("managerCulture")));
            ParticipantHandlers.Validate(body, validation);
            if (validation.Errors.Count > 0)
                errors.Add(new RowError(line, Describe(validation)));
            else
                good.Add(ParticipantHandlers.From(request.ProgramId, id, body, suppressed: false));
        });

        return await FinishAsync(request, partial, rows, good.Count, errors, async () =>
        {
            // A re-imported roster replaces what the file says, not what people stopped (their unsubscribes stay) nor the
            // calendars given through the JSON API (a CSV has no column for them).
            var existing = await participants.KeptOnImportAsync(request.ProgramId, request.Aborted);
            await participants.SaveManyAsync([.. good.Select(p => p.KeepingWhatACsvLacks(existing.GetValueOrDefault(p.Id)))], Parallelism, request.Aborted);
        });
    }

    public async Task<IResult> PairsAsync(AdminRequest request)
    {
        var program = await programs.ProgramOfAsync(request);
        var partial = Mode(request);
        var people = await participants.IdsAsync(request.ProgramId, request.Aborted);
        var cycles = (await profiles.ListCyclesAsync(request.ProgramId, request.Aborted))
            .ToDictionary(c => c.CycleId, StringComparer.Ordinal);
        var good = new List<PairRecord>();
        var errors = new List<RowError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = await CsvRows.ReadAsync(request, ["id", "mentorId", "menteeId"], (line, row) =>
        {
            var (id, mentor, mentee) = (row("id"), row("mentorId"), row("menteeId"));
            var cycleId = NullIfEmpty(row("cycleId")) ?? program.CurrentCycleId;
            var startedText = row("startedAt");
            var startedOk = DateTimeOffset.TryParse(startedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started);
            var validation = new Validation()
                .Require(Validation.IsId(id), "id", "letters, digits, '-', '_' or '.', at most 64")
                .Require(seen.Add(id), "id", "appears twice in the file")
                .Require(people.Contains(mentor), "mentorId", $"no participant '{mentor}' in this program")
                .Require(people.Contains(mentee), "menteeId", $"no participant '{mentee}' in this program")
                .Require(mentor != mentee, "menteeId", "a pair is two people")
                .Require(cycleId is null || cycles.ContainsKey(cycleId), "cycleId", $"no cycle '{cycleId}' in this program")
                .Require(startedText.Length == 0 || startedOk, "startedAt", "an ISO 8601 instant");
            if (validation.Errors.Count > 0)
            {
                errors.Add(new RowError(line, Describe(validation)));
                return;
            }

            var start = startedText.Length > 0 ? started : cycleId is not null && cycles[cycleId].Start > request.Now ? cycles[cycleId].Start : request.Now;
            good.Add(new PairRecord(request.ProgramId, id, mentor, mentee, start, cycleId));
        });

        return await FinishAsync(request, partial, rows, good.Count, errors, async () =>
        {
            await Parallel.ForEachAsync(good, new ParallelOptions { MaxDegreeOfParallelism = Parallelism * 4, CancellationToken = request.Aborted }, async (pair, ct) =>
            {
                await pairs.SaveAsync(pair, ct);
                await queues.EvaluateAsync(new Queues.EvaluatePair($"admin/import/{pair.PairId}/{request.Now.UtcTicks}", pair.ProgramId, pair.PairId), ct);
            });
        });
    }

    private static async Task<IResult> FinishAsync(AdminRequest request, bool partial, int rows, int good, List<RowError> errors, Func<Task> import)
    {
        var reported = errors.Take(MaxErrorsReported).ToList();
        if (rows == 0)
            throw ApiProblem.Invalid("The file has no data rows.");
        if (errors.Count > 0 && !partial)
        {
            var report = new ImportReport("all", rows, 0, errors.Count, reported);
            return Results.Json(report, AdminJson.Options, "application/problem+json", StatusCodes.Status400BadRequest);
        }

        await import();
        return Results.Json(new ImportReport(partial ? "partial" : "all", rows, good, errors.Count, reported), AdminJson.Options);
    }

    private static bool Mode(AdminRequest request) => request.Query("mode") switch
    {
        null or "all" => false,
        "partial" => true,
        _ => throw ApiProblem.Invalid("mode must be 'all' or 'partial'."),
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Describe(Validation validation) =>
        string.Join("; ", validation.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
}
