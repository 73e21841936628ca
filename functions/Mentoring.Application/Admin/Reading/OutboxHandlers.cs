using Mentoring.Application.Outbox;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Reading;

internal sealed record OutboxItem(string PairId, string TemplateId, string Recipient, string Status, DateTimeOffset DecidedAt, DateTimeOffset NotBefore, DateTimeOffset? SentAt, string Reason);

/// <summary>
/// The outbox of a program, a page at a time: <c>pageSize</c> outbox rows read (default Admin:DefaultPageSize, at most
/// Admin:MaxPageSize) in key order — pair by pair —, their counts per status, and those of them of <c>?status=</c> (all
/// when absent), latest first within the page.
/// </summary>
internal sealed class OutboxHandlers(ProgramStore programs, OutboxStore outbox)
{
    private const string Route = "outbox";

    public async Task<IResult> ListAsync(AdminRequest request)
    {
        await programs.ProgramOfAsync(request);
        var status = request.Query("status");
        if (status is not null && !Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out _))
            throw ApiProblem.Invalid("status must be one of " + string.Join(", ", Enum.GetNames<OutboxStatus>()) + ".");
        var (size, token) = request.Page();
        var prefix = Keys.Encode(request.ProgramId) + Keys.Separator;
        var after = PageToken.Read(token, Route, request.ProgramId, keyCount: 2);
        if (after is not null && !after[0].StartsWith(prefix, StringComparison.Ordinal))
            throw ApiProblem.Invalid("continuationToken is not one this route gave for this program.");
        var (rows, more) = await outbox.PageOfProgramAsync(
            request.ProgramId, after is null ? null : new OutboxRef(after[0], after[1]), size, request.Aborted);
        var counts = Enum.GetNames<OutboxStatus>().ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var items = new List<OutboxItem>();
        foreach (var row in rows)
        {
            counts[row.Status] = counts.GetValueOrDefault(row.Status) + 1;
            if (status is null || string.Equals(row.Status, status, StringComparison.OrdinalIgnoreCase))
                items.Add(new OutboxItem(row.PairId, row.TemplateId, row.RecipientKind, row.Status, row.DecidedAt, row.NotBefore, row.SentAt, row.Reason));
        }

        var next = more ? PageToken.Create(Route, request.ProgramId, rows[^1].Ref.Partition, rows[^1].Ref.RowKey) : null;
        return Results.Json(
            new { counts, total = rows.Count, items = items.OrderByDescending(i => i.DecidedAt).ToList(), continuationToken = next }, AdminJson.Options);
    }
}
