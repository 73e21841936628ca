using System.Text.Json;
using Mentoring.Application.Auth;
using Mentoring.Application.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Admin;

/// <summary>One authenticated admin request: the caller, <c>now</c> (read once), and typed access to route, query and body.</summary>
internal sealed class AdminRequest(HttpContext http, Caller caller, DateTimeOffset now)
{
    public HttpContext Http { get; } = http;

    public Caller Caller { get; } = caller;

    public DateTimeOffset Now { get; } = now;

    public CancellationToken Aborted => Http.RequestAborted;

    public AdminOptions Options => Http.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;

    /// <summary>A route value; the program id was checked against the caller before the handler ran.</summary>
    public string Route(string name) => Http.Request.RouteValues[name]?.ToString() ?? throw ApiProblem.Invalid($"Missing route value '{name}'.");

    public string ProgramId => Route("programId");

    public string? Query(string name) => Http.Request.Query[name].ToString() is { Length: > 0 } value ? value : null;

    /// <summary>The page size asked for (capped at Admin:MaxPageSize), and the continuation token, if any.</summary>
    public (int Size, string? Token) Page(int? defaultSize = null)
    {
        var size = defaultSize ?? Options.DefaultPageSize;
        if (Query("pageSize") is { } asked && (!int.TryParse(asked, out size) || size < 1))
            throw ApiProblem.Invalid("pageSize must be a positive whole number.");
        return (Math.Min(size, Options.MaxPageSize), Query("continuationToken"));
    }

    /// <summary>The JSON body as <typeparamref name="T"/>: capped in size, unknown and missing fields named in the 400.</summary>
    public async Task<T> BodyAsync<T>()
    {
        var bytes = await ReadCappedAsync(Options.MaxJsonBytes);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, AdminJson.Options) ?? throw ApiProblem.Invalid("The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : MissingField(e);
            throw ApiProblem.Invalid(
                field is null ? "The body is not valid JSON for this request." : $"Field '{field}' is not allowed or not valid here.",
                field is null ? null : new Dictionary<string, string[]> { [field] = [Reason(e)] });
        }
    }

    private async Task<byte[]> ReadCappedAsync(int maxBytes) =>
        await HttpBodies.ReadAsync(Http.Request, maxBytes, Aborted) ?? throw TooLarge(maxBytes);

    internal static ApiProblem TooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"At most {maxBytes} bytes.");

    /// <summary>The first missing required property, which System.Text.Json names in its message (path "$").</summary>
    private static string? MissingField(JsonException e)
    {
        const string marker = "missing required properties including: '";
        var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            return null;
        var start = at + marker.Length;
        var end = e.Message.IndexOf('\'', start);
        return end > start ? e.Message[start..end] : null;
    }

    private static string Reason(JsonException e) =>
        e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "Unknown field."
        : e.Message.Contains("missing required", StringComparison.OrdinalIgnoreCase) ? "Required field missing."
        : "Not a valid value.";
}
