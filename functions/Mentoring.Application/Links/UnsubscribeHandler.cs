using Mentoring.Application.Hosting;
using Mentoring.Application.Outbox;
using Mentoring.Application.Outbox.Suppressions;
using Mentoring.Application.Roster;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Links;

/// <summary>
/// <c>/api/unsubscribe/{token}</c>. POST is RFC 8058's one-click unsubscribe (what mail clients send for
/// <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>) and the page's button: it puts the address on the
/// suppression list (a keyed hash only), marks a participant Suppressed for the engine and re-evaluates their pairs.
/// Idempotent. GET only shows the page with the button: a GET never unsubscribes.
/// </summary>
internal sealed partial class UnsubscribeHandler(
    LinkSigner signer, ProgramStore programs, EmailAssembler assembler, Suppressor suppressor, TimeProvider time, ILogger<UnsubscribeHandler> logger)
{
    public const int MaxBodyBytes = 4 * 1024;
    private static readonly LinkPurpose[] Purposes = [LinkPurpose.Unsubscribe];

    public Task<IResult> GetAsync(HttpContext context)
    {
        if (!signer.TryVerify(HttpBodies.LastSegment(context.Request), Purposes, time.GetUtcNow(), out _, out var refusal))
            return Task.FromResult(LinkPages.Refuse(context.Request, refusal));
        return Task.FromResult(LinkPages.Page(
            "Unsubscribe from mentoring emails?",
            LinkPages.Text("You will get no more emails from the mentoring program. If your pair needs help, the program's admins will hear instead.")
            + LinkPages.Form("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">", "Unsubscribe")));
    }

    public async Task<IResult> PostAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var now = time.GetUtcNow();
        // RFC 8058 bodies say "List-Unsubscribe=One-Click"; the signed token is what authorises, so any small body will do.
        var request = await LinkPost.ReadAsync(context, signer, Purposes, now, MaxBodyBytes, LogRefused);
        if (request.IsRefused)
            return request.Refusal;

        var link = request.Link;
        var claims = link.Claims;
        var recipient = RecipientKeys.Parse(claims.RecipientKey);
        if (recipient is { } r && await programs.GetAsync(claims.ProgramId, ct) is { } program
            && await assembler.AddresseeAsync(program, r, ct) is { } to)
            await suppressor.SuppressAsync(to.Address, SuppressionReason.Unsubscribed, "one-click", claims.ProgramId, r, link.ActionId, now, ct);
        else
            LogNobody(claims.ProgramId, claims.RecipientKey); // erased or gone: nobody left to email

        return HttpBodies.WantsHtml(context.Request)
            ? LinkPages.Page("You are unsubscribed", LinkPages.Text("You will get no more emails from the mentoring program. Thank you for the time you gave it."))
            : Results.Ok(new { status = "unsubscribed" });
    }

    [LoggerMessage(5101, LogLevel.Information, "Unsubscribe link refused: {Refusal}")]
    private partial void LogRefused(string refusal);

    [LoggerMessage(5102, LogLevel.Information, "Unsubscribe for {RecipientKey} of program {ProgramId}: nobody has that address any more")]
    private partial void LogNobody(string programId, string recipientKey);
}
