using Azure.Data.Tables;
using Mentoring.Application.Outbox;
using Mentoring.Application.Storage;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Reading;

internal sealed record OutboxItem(string PairId, string TemplateId, string Recipient, string Status, DateTimeOffset DecidedAt, DateTimeOffset NotBefore, DateTimeOffset? SentAt, string Reason);

/// <summary>
/// The outbox of a program, a page at a time: <c>pageSize</c> outbox rows read (default Admin:DefaultPageSize, at most
/// Admin:MaxPageSize) in key order — pair by pair —, their counts per status, and those of them of <c>?status=</c> (all
/// when absent), latest first within the page.
/// </summary>
internal static class OutboxHandlers
{
    private const string Route = "outbox";
    private static readonly string[] Select = ["PartitionKey", "RowKey", "PairId", "TemplateId", "RecipientKind", "Status", "DecidedAt", "NotBefore", "SentAt", "Reason"];

    public static async Task<IResult> ListAsync(AdminRequest request)
    {
        await Programs.ProgramHandlers.LoadAsync(request);
        var status = request.Query("status");
        if (status is not null && !Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out _))
            throw ApiProblem.Invalid("status must be one of " + string.Join(", ", Enum.GetNames<OutboxStatus>()) + ".");
        var (size, token) = request.Page();
        var prefix = Keys.Encode(request.ProgramId) + Keys.Separator;
        var after = PageToken.Read(token, Route, request.ProgramId, keyCount: 2);
        if (after is not null && !after[0].StartsWith(prefix, StringComparison.Ordinal))
            throw ApiProblem.Invalid("continuationToken is not one this route gave for this program.");
        var filter = after is null
            ? TableClient.CreateQueryFilter(
                $"PartitionKey ge {prefix} and PartitionKey lt {prefix + "\u007f"} and RowKey ge {"msg~"} and RowKey lt {"msg\u007f"}")
            : TableClient.CreateQueryFilter(
                $"PartitionKey ge {after[0]} and PartitionKey lt {prefix + "\u007f"} and RowKey ge {"msg~"} and RowKey lt {"msg\u007f"} and (PartitionKey gt {after[0]} or RowKey gt {after[1]})");
        var table = request.Get<TableServiceClient>().GetTableClient(TableNames.PairLogs);
        var (rows, more) = await table.QueryPageAsync(filter, size, Select, request.Aborted);
        var counts = Enum.GetNames<OutboxStatus>().ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var items = new List<OutboxItem>();
        foreach (var e in rows)
        {
            var rowStatus = e.GetString("Status") ?? nameof(OutboxStatus.Pending);
            counts[rowStatus] = counts.GetValueOrDefault(rowStatus) + 1;
            if (status is null || string.Equals(rowStatus, status, StringComparison.OrdinalIgnoreCase))
            {
                items.Add(new OutboxItem(e.GetString("PairId") ?? "", e.GetString("TemplateId") ?? "", e.GetString("RecipientKind") ?? "", rowStatus,
                    e.GetDateTimeOffset("DecidedAt") ?? default, e.GetDateTimeOffset("NotBefore") ?? default, e.GetDateTimeOffset("SentAt"), e.GetString("Reason") ?? ""));
            }
        }

        var next = more ? PageToken.Create(Route, request.ProgramId, rows[^1].PartitionKey, rows[^1].RowKey) : null;
        return Results.Json(
            new { counts, total = rows.Count, items = items.OrderByDescending(i => i.DecidedAt).ToList(), continuationToken = next }, AdminJson.Options);
    }
}
