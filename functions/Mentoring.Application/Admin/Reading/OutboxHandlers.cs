using Azure.Data.Tables;
using Mentoring.Application.Storage;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Reading;

internal sealed record OutboxItem(string PairId, string TemplateId, string Recipient, string Status, DateTimeOffset DecidedAt, DateTimeOffset NotBefore, DateTimeOffset? SentAt, string Reason);

/// <summary>The outbox of a program: counts per status, and the latest rows (optionally of one status).</summary>
internal static class OutboxHandlers
{
    public static async Task<IResult> ListAsync(AdminRequest request)
    {
        await Programs.ProgramHandlers.LoadAsync(request);
        var status = request.Query("status");
        if (status is not null && !Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out _))
            throw ApiProblem.Invalid("status must be one of " + string.Join(", ", Enum.GetNames<OutboxStatus>()) + ".");
        var prefix = Keys.Encode(request.ProgramId) + Keys.Separator;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {prefix} and PartitionKey lt {prefix + "\u007f"} and RowKey ge {"msg~"} and RowKey lt {"msg\u007f"}");
        var table = request.Get<TableServiceClient>().GetTableClient(TableNames.PairLogs);
        var counts = Enum.GetNames<OutboxStatus>().ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var items = new List<OutboxItem>();
        var select = new[] { "PairId", "TemplateId", "RecipientKind", "Status", "DecidedAt", "NotBefore", "SentAt", "Reason" };
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: select, cancellationToken: request.Aborted))
        {
            var rowStatus = e.GetString("Status") ?? nameof(OutboxStatus.Pending);
            counts[rowStatus] = counts.GetValueOrDefault(rowStatus) + 1;
            if (status is null || string.Equals(rowStatus, status, StringComparison.OrdinalIgnoreCase))
            {
                items.Add(new OutboxItem(e.GetString("PairId") ?? "", e.GetString("TemplateId") ?? "", e.GetString("RecipientKind") ?? "", rowStatus,
                    e.GetDateTimeOffset("DecidedAt") ?? default, e.GetDateTimeOffset("NotBefore") ?? default, e.GetDateTimeOffset("SentAt"), e.GetString("Reason") ?? ""));
            }
        }

        var latest = items.OrderByDescending(i => i.DecidedAt).Take(request.Page().Size).ToList();
        return Results.Json(new { counts, total = items.Count, items = latest }, AdminJson.Options);
    }
}
