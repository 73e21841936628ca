using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Auth;

/// <summary>An API key as stored: its SHA-256, never the key itself.</summary>
internal sealed record ApiKeyRecord(
    string KeyId,
    string Name,
    string Hash,
    IReadOnlyList<string>? Programs,
    bool ReadOnly,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt = null);

/// <summary>API keys: table <c>apikeys</c>, PK = "key", RK = the key's SHA-256 (hex), so a request is one point read.</summary>
internal sealed class ApiKeyStore(TableServiceClient tables)
{
    public const string Table = "apikeys";
    private const string Partition = "key";
    private const string KeyPrefix = "mk_";
    private readonly TableClient _table = tables.GetTableClient(Table);

    /// <summary>A new random key (shown once) and its id.</summary>
    public static (string Key, string KeyId) NewKey()
    {
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (key, "key_" + Base64Url(RandomNumberGenerator.GetBytes(9)));
    }

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task AddAsync(ApiKeyRecord key, CancellationToken ct) =>
        await _table.AddEntityAsync(
            new TableEntity(Partition, key.Hash)
            {
                ["KeyId"] = key.KeyId,
                ["Name"] = key.Name,
                ["Programs"] = key.Programs is null ? null : JsonSerializer.Serialize(key.Programs, StorageJson.Options),
                ["ReadOnly"] = key.ReadOnly,
                ["CreatedAt"] = key.CreatedAt,
                ["CreatedBy"] = key.CreatedBy,
            },
            ct);

    public async Task<ApiKeyRecord?> FindByKeyAsync(string key, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, HashOf(key), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? ToRecord(e) : null;
    }

    public async Task<List<ApiKeyRecord>> ListAsync(CancellationToken ct)
    {
        var rows = await _table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), ct);
        return [.. rows.Select(ToRecord).OrderBy(k => k.CreatedAt)];
    }

    /// <summary>Marks a key revoked; false when there is no such key.</summary>
    public async Task<bool> RevokeAsync(string keyId, DateTimeOffset now, CancellationToken ct)
    {
        var found = (await ListAsync(ct)).FirstOrDefault(k => k.KeyId == keyId);
        if (found is null)
            return false;
        await _table.UpdateAsync(Partition, found.Hash, e =>
        {
            e["RevokedAt"] ??= now;
            return true;
        }, ct);
        return true;
    }

    private static ApiKeyRecord ToRecord(TableEntity e) => new(
        e.GetString("KeyId"),
        e.GetString("Name") ?? "",
        e.RowKey,
        e.GetString("Programs") is { } programs ? JsonSerializer.Deserialize<List<string>>(programs, StorageJson.Options) : null,
        e.GetBoolean("ReadOnly") ?? true,
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetString("CreatedBy") ?? "",
        e.GetDateTimeOffset("RevokedAt"));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
