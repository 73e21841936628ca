using Mentoring.Application.Auth;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.ApiKeys;

/// <summary>Create with <c>programs: null</c> for every program; <c>readOnly</c> for a reader key.</summary>
internal sealed record KeyBody(string Name, IReadOnlyList<string>? Programs, bool ReadOnly = true);

internal sealed record KeyView(string Id, string Name, IReadOnlyList<string>? Programs, bool ReadOnly, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

internal sealed record CreatedKeyView(string Id, string Key, string Name, IReadOnlyList<string>? Programs, bool ReadOnly);

/// <summary>API keys: stored as their SHA-256; the key itself is shown once, on creation.</summary>
internal sealed class KeyHandlers(ApiKeyStore keyStore)
{
    public async Task<IResult> ListAsync(AdminRequest request)
    {
        var keys = await keyStore.ListAsync(request.Aborted);
        return Results.Json(new { items = keys.Select(k => new KeyView(k.KeyId, k.Name, k.Programs, k.ReadOnly, k.CreatedAt, k.RevokedAt)) }, AdminJson.Options);
    }

    public async Task<IResult> CreateAsync(AdminRequest request)
    {
        var body = await request.BodyAsync<KeyBody>();
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(body.Name) && body.Name.Length <= 100, "name", "Required, at most 100 characters.")
            .Require(body.Programs is null || (body.Programs.Count is >= 1 and <= 100 && body.Programs.All(Validation.IsId)), "programs", "Null (every program) or 1–100 program ids.")
            .ThrowIfInvalid();
        var (key, keyId) = ApiKeyStore.NewKey();
        await keyStore.AddAsync(
            new ApiKeyRecord(keyId, body.Name, ApiKeyStore.HashOf(key), body.Programs, body.ReadOnly, request.Now, request.Caller.Id), request.Aborted);
        return Results.Json(new CreatedKeyView(keyId, key, body.Name, body.Programs, body.ReadOnly), AdminJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> RevokeAsync(AdminRequest request) =>
        await keyStore.RevokeAsync(request.Route("keyId"), request.Now, request.Aborted)
            ? Results.NoContent()
            : throw ApiProblem.NotFound("key");
}
