using Mentoring.Application.Hosting;
using Mentoring.Application.Outbox;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Outbox.Suppressions;
using Mentoring.Application.Roster;
using Mentoring.Engine.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Mentoring.Application.Links;

/// <summary>
/// <c>/api/unsubscribe/{token}</c>, unsubscribe by kind. A POST without the page's <c>choose</c> field is RFC 8058's
/// one-click unsubscribe (what mail clients send for <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>): it stops
/// the kind of the email the link came in (ladder, campaign or meeting reminders; all for links signed before kinds),
/// adding to what was stopped before. GET shows a page where the person chooses which kinds to stop, the email's own
/// kind ticked; its form POSTs <c>choose=1</c> and a <c>stop</c> field per kind ticked, and exactly those stay stopped
/// (an empty choice resubscribes). Stops are kept on the suppression list (a keyed hash only) and, for a participant,
/// on their record for the engine, whose pairs are re-evaluated. Idempotent. A GET never changes anything.
/// </summary>
internal sealed partial class UnsubscribeHandler(
    LinkSigner signer, ProgramStore programs, EmailAssembler assembler, SuppressionStore suppressions, Suppressor suppressor, TimeProvider time,
    ILogger<UnsubscribeHandler> logger)
{
    public const int MaxBodyBytes = 4 * 1024;
    private const string ChooseField = "choose";
    private const string StopField = "stop";
    private static readonly LinkPurpose[] Purposes = [LinkPurpose.Unsubscribe];

    public async Task<IResult> GetAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        if (!signer.TryVerify(HttpBodies.LastSegment(context.Request), Purposes, time.GetUtcNow(), out var link, out var refusal))
            return LinkPages.Refuse(context.Request, refusal);
        var claims = link!.Claims;
        if (await AddresseeAsync(claims, ct) is not { } to)
            return Nobody(context.Request);

        var stopped = await StoppedAsync(claims, to, ct);
        var words = to.Words;
        var ticked = stopped | (claims.Kind ?? EmailKinds.All);
        var boxes = string.Concat(EmailKindNames.Each.Select(e =>
            $"<p><label><input type=\"checkbox\" name=\"{StopField}\" value=\"{e.Name}\"{((ticked & e.Kind) != 0 ? " checked" : "")}> "
            + $"<strong>{LinkPages.Attribute(words.Label(e.Kind))}</strong><br><span style=\"color:#52606d\">{LinkPages.Attribute(words.Describe(e.Kind))}</span></label></p>"));
        return LinkPages.Page(
            words.WhichShouldStop,
            LinkPages.Text(words.TickWhat)
            + LinkPages.Form($"<input type=\"hidden\" name=\"{ChooseField}\" value=\"1\">" + boxes, words.SaveMyChoice)
            + LinkPages.Text(words.BookingEmailsStill),
            language: words.Language);
    }

    public async Task<IResult> PostAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var now = time.GetUtcNow();
        var request = await LinkPost.ReadAsync(context, signer, Purposes, now, MaxBodyBytes, LogRefused);
        if (request.IsRefused)
            return request.Refusal;

        var (link, form) = (request.Link, request.Form);
        var claims = link.Claims;
        var choosing = form.ContainsKey(ChooseField);
        var chosen = EmailKinds.None;
        var to = await AddresseeAsync(claims, ct);
        if (choosing && !TryReadChoice(form.GetValueOrDefault(StopField), out chosen))
        {
            var (title, detail) = (to?.Words ?? new UnsubscribeWords(ReaderLanguage.DefaultLanguage, "")).UnknownKind(string.Join(", ", EmailKindNames.Each.Select(e => e.Name)));
            return LinkPages.Refuse(context.Request, StatusCodes.Status400BadRequest, title, detail, to?.Words.Language ?? ReaderLanguage.DefaultLanguage);
        }

        if (to is null)
        {
            LogNobody(claims.ProgramId, claims.RecipientKey); // erased or gone: nobody left to email
            return Nobody(context.Request);
        }

        var recipient = RecipientKeys.Parse(claims.RecipientKey);
        EmailKinds stopped;
        if (choosing)
        {
            // A choice can be made again with the same link: each is its own unit of work (the evaluation it starts included).
            stopped = await suppressor.ChooseAsync(to.Address, chosen, "page", claims.ProgramId, recipient, $"{link.ActionId}/{now.UtcTicks}", now, ct);
        }
        else if (claims.Kind is { } kind)
        {
            var before = await StoppedAsync(claims, to, ct);
            stopped = (before & kind) != 0 ? before
                : await suppressor.ChooseAsync(to.Address, before | kind, "one-click", claims.ProgramId, recipient, link.ActionId, now, ct);
        }
        else
        {
            // Signed before kinds: the email promised that one click stops everything.
            await suppressor.SuppressAsync(to.Address, SuppressionReason.Unsubscribed, "one-click", claims.ProgramId, recipient, link.ActionId, now, ct);
            stopped = EmailKinds.All;
        }

        var names = EmailKindNames.Names(stopped);
        if (!HttpBodies.WantsHtml(context.Request))
            return Results.Ok(new { status = stopped == EmailKinds.None ? "subscribed" : "unsubscribed", stopped = names });

        var words = to.Words;
        var page = context.Request.Path.Value ?? "";
        var change = $"<p><a href=\"{LinkPages.Attribute(page)}\" style=\"color:#0b6e4f\">{LinkPages.Attribute(words.ChangeWhatYouGet)}</a></p>";
        return stopped == EmailKinds.None
            ? LinkPages.Page(words.EveryEmailAgain, LinkPages.Text(words.KeepYouPosted) + change, language: words.Language)
            : LinkPages.Page(
                words.Unsubscribed(fromAll: stopped == EmailKinds.All),
                LinkPages.Text(words.Stopped(EmailKindNames.Each.Where(e => (stopped & e.Kind) != 0).Select(e => words.Label(e.Kind))))
                + (stopped == EmailKinds.All
                    ? LinkPages.Text(words.NoMoreEmails)
                    : LinkPages.Text(words.StillComing(EmailKindNames.Each.Where(e => (stopped & e.Kind) == 0).Select(e => words.Label(e.Kind)))))
                + change,
                language: words.Language);
    }

    /// <summary>The page's ticks: each a known kind's name (an unknown one refuses the whole choice).</summary>
    internal static bool TryReadChoice(StringValues values, out EmailKinds chosen)
    {
        chosen = EmailKinds.None;
        foreach (var value in values)
        {
            if (!EmailKindNames.TryParse(value, out var kind))
                return false;
            chosen |= kind;
        }

        return true;
    }

    private sealed record Target(string Address, ParticipantRecord? Person, UnsubscribeWords Words);

    private async Task<Target?> AddresseeAsync(LinkClaims claims, CancellationToken ct) =>
        RecipientKeys.Parse(claims.RecipientKey) is { } r && await programs.GetAsync(claims.ProgramId, ct) is { } program
        && await assembler.AddresseeAsync(program, r, ct) is { } to
            ? new Target(to.Address, r.Kind is RecipientKind.Mentor or RecipientKind.Mentee ? to.Person : null,
                new UnsubscribeWords(ReaderLanguage.For(to.Culture, UnsubscribeWords.Languages).Language, program.Name))
            : null;

    /// <summary>What the address takes no more: the suppression list's rows, and a participant's own record.</summary>
    private async Task<EmailKinds> StoppedAsync(LinkClaims claims, Target to, CancellationToken ct) =>
        (to.Person?.Stopped ?? EmailKinds.None) | await suppressions.StoppedAsync(to.Address, claims.ProgramId, ct);

    private static IResult Nobody(HttpRequest request) =>
        HttpBodies.WantsHtml(request)
            ? LinkPages.Page("Nothing to change", LinkPages.Text("We no longer have this address for the program, so it gets no more emails."))
            : Results.Ok(new { status = "unsubscribed", stopped = EmailKindNames.Names(EmailKinds.All) });

    [LoggerMessage(5101, LogLevel.Information, "Unsubscribe link refused: {Refusal}")]
    private partial void LogRefused(string refusal);

    [LoggerMessage(5102, LogLevel.Information, "Unsubscribe for {RecipientKey} of program {ProgramId}: nobody has that address any more")]
    private partial void LogNobody(string programId, string recipientKey);
}
