using System.Diagnostics.CodeAnalysis;
using Mentoring.Application.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Mentoring.Application.Links;

/// <summary>
/// How every link POST starts: the token verified for the handler's purposes (a refusal is logged by its kind, never the
/// token) and the body read within the handler's cap.
/// </summary>
internal static class LinkPost
{
    public static async Task<LinkPostRequest> ReadAsync(
        HttpContext context, LinkSigner signer, IReadOnlyCollection<LinkPurpose> purposes, DateTimeOffset now, int maxBodyBytes, Action<string> logRefused)
    {
        if (!signer.TryVerify(HttpBodies.LastSegment(context.Request), purposes, now, out var link, out var refusal))
        {
            logRefused(refusal.ToString());
            return new(null, null, LinkPages.Refuse(context.Request, refusal));
        }

        var body = await HttpBodies.ReadAsync(context.Request, maxBodyBytes, context.RequestAborted);
        return body is null
            ? new(null, null, LinkPages.TooLarge(context.Request))
            : new(link, HttpBodies.Form(context.Request, body), null);
    }
}

/// <summary>A link POST after <see cref="LinkPost.ReadAsync"/>: the verified link and its form, or the page that refuses it.</summary>
internal sealed record LinkPostRequest(VerifiedLink? Link, Dictionary<string, StringValues>? Form, IResult? Refusal)
{
    [MemberNotNullWhen(false, nameof(Link), nameof(Form))]
    [MemberNotNullWhen(true, nameof(Refusal))]
    public bool IsRefused => Refusal is not null;
}
