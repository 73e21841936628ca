using System.Security.Cryptography;
using System.Text;
using Mentoring.Application.Storage;
using Mentoring.Engine.Messages;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Email;

/// <summary>
/// Turns an outbox row into an email: finds the recipient's address (null when there is none or they unsubscribed) and
/// renders a short plain-text body from the template id and the decision's facts. The full templates are the email
/// feature's; these say the one business reason and the one action each step stands for.
/// </summary>
internal sealed class EmailComposer(ProgramStore programs, ParticipantStore participants, IOptions<EmailOptions> options)
{
    public async Task<EmailMessage?> ComposeAsync(OutboxMessage row, DateTimeOffset now, CancellationToken ct)
    {
        var decision = row.Decision;
        var program = await programs.GetAsync(row.ProgramId, ct);
        if (program is null)
            return null;
        var (to, name) = await AddressOfAsync(program, decision.Recipient, ct);
        if (to is null)
            return null;

        var facts = decision.Facts;
        string Fact(string key) => facts.TryGetValue(key, out var value) ? value : "";
        var (subject, body) = decision.TemplateId switch
        {
            TemplateIds.Nudge => (
                $"{program.Name}: your mentoring time is work time",
                (Fact("postponementsSinceLastMeeting") is "" or "0"
                    ? $"You last met {Fact("daysSinceLastMeeting")} days ago, and no meeting is booked."
                    : $"Your mentoring meetings have slipped: {Fact("postponementsSinceLastMeeting")} postponed or cancelled since you last met, "
                      + $"{Fact("daysSinceLastMeeting")} days ago.")
                + $"\n\n{program.Name} is part of how the business grows its people; "
                + "the hour you protect for it is work, not a favour.\n\nOne action: book your next meeting this week."),
            TemplateIds.ValueReminder => (
                $"{program.Name}: what your mentoring is worth",
                $"Your pair has held {Fact("meetingsHeld")} meetings; the last was {Fact("daysSinceLastMeeting")} days ago. "
                + $"{decision.Reason}\n\nThe program exists because the business asked for it. Please put the next meeting in both calendars."),
            TemplateIds.SponsorNote => (
                $"{program.Name}: a pair needs its time protected",
                $"A mentoring pair has not met for {Fact("daysSinceLastMeeting")} days. {decision.Reason}\n\n"
                + "A word from you that this time is business time is what helps most."),
            TemplateIds.AdminAlert => (
                $"{program.Name}: a pair needs a human",
                $"Pair {Fact("pairId")} has not recovered after our emails. {decision.Reason}\nHealth score: {Fact("healthScore")}."),
            TemplateIds.ThankYou => (
                $"{program.Name}: thank you for meeting",
                $"You met again: that is {Fact("streak")} in a row. Thank you for keeping the time."),
            TemplateIds.ProgramCrunch => (
                $"{program.Name}: deadline season",
                $"{Fact("postponingPairs")} of {Fact("activePairs")} active pairs postponed in the last {Fact("windowDays")} days. "
                + "One message from you that mentoring time stays protected reaches every pair at once."),
            _ => ($"{program.Name}", $"{decision.Reason}"),
        };

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["X-Mentoring-Template"] = decision.TemplateId,
            ["X-Mentoring-Idempotency-Key"] = decision.IdempotencyKey,
        };
        var from = $"{options.Value.FromName} <{options.Value.FromAddress}>";
        return new EmailMessage(MessageIdOf(decision.IdempotencyKey), from, to, name, subject, body + "\n", now, headers);
    }

    private async Task<(string? Address, string? Name)> AddressOfAsync(ProgramRecord program, Recipient recipient, CancellationToken ct)
    {
        switch (recipient.Kind)
        {
            case RecipientKind.Sponsor:
                return (program.SponsorEmail, null);
            case RecipientKind.Admin:
                return (program.AdminEmail, null);
        }

        var person = recipient.ParticipantId is { } id ? await participants.GetAsync(program.ProgramId, id, ct) : null;
        if (person is null)
            return (null, null);
        return recipient.Kind == RecipientKind.Manager
            ? (person.AllowsManagerNotes ? person.ManagerEmail : null, null)
            : (person.Suppressed ? null : person.Email, person.DisplayName);
    }

    private static string MessageIdOf(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32] + "@mentoring.local";
}
