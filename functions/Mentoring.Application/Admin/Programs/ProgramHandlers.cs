using System.Text.Json;
using Mentoring.Application.Roster;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Programs;

/// <summary>Programs and cycles.</summary>
internal sealed class ProgramHandlers(ProgramStore programs, ProgramProfileStore profiles, PairStore pairs)
{
    public async Task<IResult> ListAsync(AdminRequest request)
    {
        var views = new List<ProgramView>();
        foreach (var id in (await profiles.ListIdsAsync(request.Aborted)).Where(request.Caller.CanSee).Order(StringComparer.Ordinal))
        {
            if (await programs.GetAsync(id, request.Aborted) is { } program)
                views.Add(program.ToView(await profiles.GetAsync(id, request.Aborted)));
        }

        return Results.Json(new { items = views }, AdminJson.Options);
    }

    public async Task<IResult> CreateAsync(AdminRequest request)
    {
        var body = await request.BodyAsync<ProgramBody>();
        new Validation().Require(Validation.IsId(body.Id), "id", "Required: letters, digits, '-', '_' or '.', at most 64.").ThrowIfInvalid();
        if (await programs.GetAsync(body.Id!, request.Aborted) is not null)
            throw ApiProblem.Conflict($"Program '{body.Id}' exists; PUT it to change it.");
        var view = await SaveAsync(request, body.Id!, body, currentCycleId: null);
        return Results.Json(view, AdminJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> GetAsync(AdminRequest request)
    {
        var program = await programs.ProgramOfAsync(request);
        return Results.Json(program.ToView(await profiles.GetAsync(program.ProgramId, request.Aborted)), AdminJson.Options);
    }

    public async Task<IResult> UpdateAsync(AdminRequest request)
    {
        var program = await programs.ProgramOfAsync(request);
        var body = await request.BodyAsync<ProgramBody>();
        if (body.Id is { } id && id != program.ProgramId)
            throw ApiProblem.Invalid("The body's id differs from the route's.", new Dictionary<string, string[]> { ["id"] = ["Differs from the route."] });
        return Results.Json(await SaveAsync(request, program.ProgramId, body, program.CurrentCycleId), AdminJson.Options);
    }

    public async Task<IResult> ListCyclesAsync(AdminRequest request)
    {
        var program = await programs.ProgramOfAsync(request);
        var cycles = await profiles.ListCyclesAsync(program.ProgramId, request.Aborted);
        return Results.Json(new { items = cycles.Select(c => c.ToView(program.CurrentCycleId)) }, AdminJson.Options);
    }

    public async Task<IResult> CreateCycleAsync(AdminRequest request)
    {
        var program = await programs.ProgramOfAsync(request);
        var body = await request.BodyAsync<CycleBody>();
        new Validation()
            .Require(Validation.IsId(body.Id), "id", "Letters, digits, '-', '_' or '.', at most 64.")
            .Require(body.End > body.Start, "end", "Must be after start.")
            .ThrowIfInvalid();
        var cycle = new CycleRecord(program.ProgramId, body.Id, body.Start, body.End);
        await programs.SaveCycleAsync(cycle, request.Aborted);
        if (body.Current)
            await programs.SaveAsync(program with { CurrentCycleId = cycle.CycleId }, request.Aborted);
        return Results.Json(cycle.ToView(body.Current ? cycle.CycleId : program.CurrentCycleId), AdminJson.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// The next cycle of a recurring program, as long as the current one, from its end. Re-enrolment is opt-in: the pairs
    /// named move into the new cycle (a fresh start); the current cycle's other active or paused pairs end.
    /// </summary>
    public async Task<IResult> RollAsync(AdminRequest request)
    {
        var program = await programs.ProgramOfAsync(request);
        var body = await request.BodyAsync<RollBody>();
        var profile = await profiles.GetAsync(program.ProgramId, request.Aborted);
        var current = program.CurrentCycleId is { } currentId ? await programs.GetCycleAsync(program.ProgramId, currentId, request.Aborted) : null;
        new Validation()
            .Require(profile.Recurring, "recurring", "Only a recurring program rolls into a next cycle.")
            .Require(current is not null, "currentCycleId", "The program has no current cycle to roll from.")
            .Require(Validation.IsId(body.Id) && body.Id != current?.CycleId, "id", "A new cycle id: letters, digits, '-', '_' or '.'.")
            .ThrowIfInvalid();
        var next = new CycleRecord(program.ProgramId, body.Id, current!.End, current.End + (current.End - current.Start));

        await programs.SaveCycleAsync(next, request.Aborted);
        await programs.SaveAsync(program with { CurrentCycleId = next.CycleId }, request.Aborted);

        var optedIn = body.ReEnrolPairIds.ToHashSet(StringComparer.Ordinal);
        var (reEnrolled, ended) = (new List<string>(), new List<string>());
        foreach (var (pair, _) in await pairs.ListAsync(program.ProgramId, request.Aborted))
        {
            if (pair.CycleId != current.CycleId || pair.Status == PairStatus.Ended)
                continue;
            var reEnrol = optedIn.Contains(pair.PairId);
            if (reEnrol)
                await pairs.ReEnrolAsync(program.ProgramId, pair.PairId, next.CycleId, next.Start, request.Now, request.Aborted);
            else
                await pairs.EndAtRollAsync(program.ProgramId, pair.PairId, request.Now, request.Aborted);
            (reEnrol ? reEnrolled : ended).Add(pair.PairId);
        }

        return Results.Json(new RollView(next.ToView(next.CycleId), reEnrolled, ended), AdminJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private async Task<ProgramView> SaveAsync(AdminRequest request, string programId, ProgramBody body, string? currentCycleId)
    {
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(body.Name) && body.Name.Length <= 200, "name", "Required, at most 200 characters.")
            .Require(!string.IsNullOrWhiteSpace(body.BusinessGoal) && body.BusinessGoal.Length <= 2000, "businessGoal", "Required, at most 2,000 characters.")
            .Require(body.SponsorWords is null || body.SponsorWords.Length <= 2000, "sponsorWords", "At most 2,000 characters.")
            .Require(Validation.IsZone(body.TimeZone), "timeZone", "An IANA time zone id, e.g. Europe/Berlin.")
            .Require(body.Admins.Count is >= 1 and <= 20 && body.Admins.All(Validation.IsMailbox), "admins", "One to 20 email addresses (each may be 'Name <address>').")
            .Require(body.Culture is null || Validation.IsCulture(body.Culture), "culture", Validation.CultureRule)
            .Require(body.SponsorEmail is null || Validation.IsEmail(body.SponsorEmail), "sponsorEmail", "An email address.");
        var policy = EngagementPolicy.Default;
        if (body.Policy is { ValueKind: JsonValueKind.Object } overrides)
        {
            try
            {
                policy = overrides.Deserialize<EngagementPolicy>(AdminJson.Options) ?? policy;
            }
            catch (JsonException e)
            {
                validation.Require(false, "policy" + (e.Path is { Length: > 1 } path ? path.TrimStart('$') : ""), "Unknown or invalid policy setting.");
            }
        }

        if (body.CadenceDays is { } cadence)
            policy = policy with { CadenceDays = cadence };
        foreach (var error in policy.Validate())
            validation.Require(false, "policy", error);
        validation.ThrowIfInvalid();

        // The goal and the sponsor's words go on the program row: the one place every email and preview reads them.
        var voice = new ProgramVoice(body.BusinessGoal.Trim(), body.SponsorName?.Trim() ?? "", body.SponsorRole?.Trim() ?? "", body.SponsorWords?.Trim() ?? "");
        var (adminEmail, adminName) = Validation.ParseMailbox(body.Admins[0])!.Value;
        var culture = Validation.CultureName(body.Culture) ?? Outbox.Rendering.EmailRecipient.DefaultCulture;
        var program = new ProgramRecord(programId, body.Name, body.TimeZone, policy, adminEmail, body.SponsorEmail, currentCycleId, voice, adminName, culture);
        var profile = new ProgramProfile(body.Admins, body.Recurring, body.Policy?.GetRawText());
        await programs.SaveAsync(program, request.Aborted);
        await profiles.SaveAsync(programId, profile, request.Aborted);
        return program.ToView(profile);
    }
}
