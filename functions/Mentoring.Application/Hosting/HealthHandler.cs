using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Hosting;

/// <summary><c>GET /api/health</c>: the app is up and its table storage answers.</summary>
internal sealed class HealthHandler(TableServiceClient tables, TimeProvider time)
{
    public async Task<IResult> GetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await tables.GetTableClient(Storage.TableNames.Programs).GetEntityIfExistsAsync<TableEntity>("health", "probe", ["PartitionKey"], ct);
        return Results.Ok(new { status = "healthy", checkedAt = now });
    }
}
