using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Admin.Privacy;

/// <summary>
/// Addresses that must never be written to again, as SHA-256 of the trimmed, lower-cased address (hex): table
/// <c>suppressions</c>, PK = "email". The hash survives a person's erasure; it cannot be turned back into the address.
/// </summary>
internal sealed class Suppressions(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(AdminTables.Suppressions);

    public static string HashOf(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    public Task<bool> AddAsync(string email, string reason, DateTimeOffset now, CancellationToken ct) =>
        _table.TryAddAsync(new TableEntity("email", HashOf(email)) { ["Reason"] = reason, ["At"] = now }, ct);

    public async Task<bool> ContainsAsync(string email, CancellationToken ct) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>("email", HashOf(email), ["PartitionKey"], ct)).HasValue;
}
