using System.Globalization;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Ladder;

/// <summary>
/// The escalation ladder. An episode opens with the first actionable signal after a held meeting and closes with the
/// next held meeting. Steps climb nudge → value reminder → sponsor or manager → admin, spaced by the policy; a meeting
/// booked inside the cadence pauses the climb; a program crunch holds it back.
/// </summary>
internal static class EscalationLadder
{
    private const string StartEpisode = "ep-start";
    private const string AfterHeldPrefix = "ep-after-";

    public static string EpisodeKeyOf(PairObservation seen, PairContext pair)
    {
        if (pair.StatusChangedAt is { } resumedAt && resumedAt == seen.Reference)
            return "ep-resumed-" + resumedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
        return seen.HasHeld ? AfterHeldPrefix + seen.LastHeld.Id : StartEpisode;
    }

    public static void Decide(
        PairObservation seen,
        string episodeKey,
        IReadOnlyList<Signal> signals,
        PairContext pair,
        ProgramConditions program,
        EngagementPolicy policy,
        IReadOnlyList<SentMessage> history,
        DecisionSink sink,
        ref NextEvaluation next)
    {
        if (pair.Status != PairStatus.Active)
            return;

        var primary = Primary(signals);
        if (primary is null)
            return; // nothing to act on: no episode, or its signal cleared (a meeting was booked)

        var now = seen.Timeline.Now;
        var (stepsTaken, lastStepAt) = StepsTaken(history, episodeKey, null);
        var stepCount = StepCount(pair, policy);
        if (stepsTaken >= stepCount)
            return;

        if (seen.NextUpcomingIndex >= 0 && seen.NextUpcoming.Start <= seen.Timeline.NowTicks + policy.Cadence.Ticks)
        {
            next.Consider(seen.NextUpcoming.EndAt); // paused until the booked meeting is held (or moved)
            return;
        }

        var openedAt = OpenedAt(signals);
        var due = stepsTaken == 0 ? openedAt : lastStepAt + policy.Ladder.SpacingBefore(stepsTaken);
        if (due > now)
        {
            next.Consider(due);
            return;
        }

        if (program.CrunchActive)
        {
            next.Consider(now + TimeSpan.FromDays(1)); // the sponsor got one program-wide message instead
            return;
        }

        var template = StepTemplate(stepsTaken, stepCount, pair, policy);
        var recipients = RecipientsOf(template, seen, signals, pair);
        var step = stepsTaken;
        var unreachable = recipients.Count == 0;
        if (unreachable)
        {
            template = TemplateIds.AdminAlert;
            step = stepCount - 1;
            recipients = [Recipient.Admin];
        }

        string? reason = null; // described only when a step is new: a re-evaluation mostly finds it decided
        foreach (var recipient in recipients)
        {
            var key = $"{pair.PairId}/{episodeKey}/step-{step}/{recipient.Key}";
            if (sink.AlreadyDecided(key))
                continue;
            reason ??= unreachable ? "No participant of this pair takes these reminders any more. " + primary.Describe() : primary.Describe();
            sink.Add(key, template, recipient, due, reason, LadderFacts.For(sink.PairFacts, recipient, episodeKey, history, seen), episodeKey: episodeKey, step: step);
        }
    }

    /// <summary>When a held meeting closes an episode in which we wrote at least once: a short thank-you.</summary>
    public static void ThankOnClose(
        PairObservation seen, PairContext pair, EngagementPolicy policy, IReadOnlyList<SentMessage> history, DecisionSink sink)
    {
        if (!policy.Ladder.ThankYouOnHeld || pair.Status != PairStatus.Active || !seen.HasHeld)
            return;

        var previousHeldId = seen.PreviousHeldIndex >= 0 ? seen.Timeline.Meetings[seen.PreviousHeldIndex].Id : null;
        if (StepsTaken(history, previousHeldId is null ? StartEpisode : AfterHeldPrefix, previousHeldId).Taken == 0)
            return;

        var closedEpisode = previousHeldId is null ? StartEpisode : AfterHeldPrefix + previousHeldId;
        ref readonly var held = ref seen.LastHeld;
        var heldAt = held.EndAt < seen.Timeline.Now ? held.EndAt : seen.Timeline.Now;
        if (seen.Timeline.Now - heldAt > TimeSpan.FromDays(policy.CadenceDays))
            return; // too long ago to thank for
        foreach (var participant in PairRecipients.Reachable(pair, TemplateIds.ThankYou))
        {
            var recipient = PairRecipients.Of(participant);
            sink.Add(
                $"{pair.PairId}/{closedEpisode}/thanks/{recipient.Key}",
                TemplateIds.ThankYou,
                recipient,
                heldAt,
                "A meeting was held: the episode is closed.",
                episodeKey: closedEpisode,
                meetingId: held.Id);
        }
    }

    /// <summary>Ladder steps already decided in the episode whose key is <paramref name="key"/> followed by <paramref name="suffix"/>.</summary>
    private static (int Taken, DateTimeOffset LastAt) StepsTaken(IReadOnlyList<SentMessage> history, string key, string? suffix)
    {
        var taken = 0;
        var lastAt = DateTimeOffset.MinValue;
        for (var i = 0; i < history.Count; i++)
        {
            var sent = history[i];
            if (sent.Step is not { } step || !IsEpisode(sent.EpisodeKey, key, suffix))
                continue;
            taken = Math.Max(taken, step + 1);
            if (sent.SentAt > lastAt)
                lastAt = sent.SentAt;
        }

        return (taken, lastAt);
    }

    // Compared piecewise so that checking the history allocates no key string.
    private static bool IsEpisode(string? episodeKey, string key, string? suffix) =>
        episodeKey is not null
        && episodeKey.Length == key.Length + (suffix?.Length ?? 0)
        && episodeKey.StartsWith(key, StringComparison.Ordinal)
        && (suffix is null || episodeKey.AsSpan(key.Length).SequenceEqual(suffix));

    /// <summary>Nudge, value reminder, sponsor or manager (where allowed), admin; at most the policy's maximum, admin last.</summary>
    private static bool HasSponsorStep(PairContext pair, EngagementPolicy policy) =>
        policy.Ladder.SponsorStep && (pair.HasSponsor || pair.Mentor.AllowsManagerNotes || pair.Mentee.AllowsManagerNotes);

    private static int StepCount(PairContext pair, EngagementPolicy policy) =>
        Math.Min(HasSponsorStep(pair, policy) ? 4 : 3, policy.Ladder.MaxStepsPerEpisode);

    private static string StepTemplate(int index, int count, PairContext pair, EngagementPolicy policy) =>
        index == count - 1 && count > 1 ? TemplateIds.AdminAlert
        : index == 0 ? TemplateIds.Nudge
        : index == 1 ? TemplateIds.ValueReminder
        : HasSponsorStep(pair, policy) ? TemplateIds.SponsorNote
        : TemplateIds.AdminAlert;

    private static List<Recipient> RecipientsOf(string template, PairObservation seen, IReadOnlyList<Signal> signals, PairContext pair)
    {
        var postponer = signals.FirstOrDefault(s => s.Kind == SignalKind.OneSided)?.Party ?? seen.LastSetbackBy;
        switch (template)
        {
            case TemplateIds.Nudge:
                var first = PairRecipients.Reachable(pair, template, postponer).Select(PairRecipients.Of).ToList();
                return first.Count > 0 ? first : [.. PairRecipients.Reachable(pair, template).Select(PairRecipients.Of)];
            case TemplateIds.ValueReminder:
                return [.. PairRecipients.Reachable(pair, template).Select(PairRecipients.Of)];
            case TemplateIds.SponsorNote:
                if (pair.HasSponsor)
                    return [Recipient.Sponsor];
                var consenting = new List<Recipient>(2);
                foreach (var participant in postponer is { } party ? [pair[party], pair[Other(party)]] : new[] { pair.Mentor, pair.Mentee })
                {
                    if (participant.AllowsManagerNotes)
                        consenting.Add(PairRecipients.ManagerOf(participant));
                }

                return consenting.Count > 0 ? consenting.Take(1).ToList() : [Recipient.Admin];
            default:
                return [Recipient.Admin];
        }
    }

    private static Party Other(Party party) => party == Party.Mentor ? Party.Mentee : Party.Mentor;

    /// <summary>The strongest actionable signal: the one a message names (the first of its kind).</summary>
    internal static Signal? Primary(IReadOnlyList<Signal> signals)
    {
        Signal? primary = null;
        var best = int.MaxValue;
        for (var i = 0; i < signals.Count; i++)
        {
            var rank = Rank(signals[i].Kind);
            if (rank < best)
            {
                best = rank;
                primary = signals[i];
            }
        }

        return primary;
    }

    /// <summary>Which actionable signal a message names first; the others never.</summary>
    private static int Rank(SignalKind kind) => kind switch
    {
        SignalKind.Dormant => 0,
        SignalKind.AtRisk => 1,
        SignalKind.CancelledNotRebooked => 2,
        SignalKind.RepeatedPostponement => 3,
        SignalKind.LateChange => 4,
        SignalKind.Drifting => 5,
        SignalKind.SlowStart => 6,
        _ => int.MaxValue,
    };

    private static DateTimeOffset OpenedAt(IReadOnlyList<Signal> signals)
    {
        var opened = DateTimeOffset.MaxValue;
        for (var i = 0; i < signals.Count; i++)
        {
            var signal = signals[i];
            if (signal.IsActionable && signal.Since < opened)
                opened = signal.Since;
        }

        return opened;
    }
}
