using CsCheck;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Replay;
using Mentoring.Engine.Sending;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Properties;

public sealed class EngineProperties
{
    private static readonly EngagementPolicy Office = EngagementPolicy.Default with
    {
        Campaign = new CampaignPolicy { PreMeetingReminders = true },
    };

    [Fact]
    public void Replay_AnyHistory_NoMessageInsideQuietHours()
    {
        Gen.Select(Histories.Pair, Histories.Ledger).Sample(
            t =>
            {
                var (pair, ledger) = t;
                var result = PairReplay.Run(pair, ledger, Office, T0 + Days(130));
                foreach (var message in result.Messages.Concat(result.Pending))
                {
                    var zone = ZoneOf(pair, message.Recipient);
                    Assert.True(
                        SendWindow.IsWorkingInstant(message.NotBefore, zone, Office.Sending),
                        $"{message.IdempotencyKey} at {message.NotBefore:O} is quiet time in {zone.Id}");
                    Assert.True(message.NotBefore >= message.DueAt, "deferred, never brought forward");
                }
            },
            iter: 150);
    }

    [Fact]
    public void Replay_AnyHistory_NeverTwoMessagesWithOneIdempotencyKey()
    {
        Gen.Select(Histories.Pair, Histories.Ledger).Sample(
            t =>
            {
                var result = PairReplay.Run(t.Item1, t.Item2, Office, T0 + Days(130));
                var keys = result.Messages.Concat(result.Pending).Select(m => m.IdempotencyKey).ToList();
                Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
                Assert.All(
                    result.Messages.Concat(result.Pending).Where(m => m.Step is not null).GroupBy(m => m.EpisodeKey),
                    episode => Assert.True(episode.Select(m => m.Step).Distinct().Count() <= Office.Ladder.MaxStepsPerEpisode));
            },
            iter: 150);
    }

    [Fact]
    public void Evaluate_DuplicatedAndShuffledLedger_SameJudgementAndDecisions()
    {
        Gen.Select(Histories.Pair, Histories.Ledger, Histories.Now, Gen.Int.Array[0, 40]).Sample(
            t =>
            {
                var (pair, ledger, now, noise) = t;
                var messy = ledger.Concat(ledger.Take(noise.Length % (ledger.Length + 1)))
                    .Select((change, i) => (change, order: noise.Length == 0 ? i : noise[i % noise.Length] ^ i))
                    .OrderBy(x => x.order)
                    .Select(x => x.change)
                    .ToArray();

                var tidy = Evaluate(ledger, now, pair, Office);
                var shuffled = Evaluate(messy, now, pair, Office);

                Assert.Equal(tidy.Health.Score, shuffled.Health.Score);
                Assert.Equal(tidy.Health.Level, shuffled.Health.Level);
                Assert.Equal(tidy.Health.Signals, shuffled.Health.Signals);
                Assert.Equal(tidy.NextEvaluationAt, shuffled.NextEvaluationAt);
                Assert.Equal(
                    tidy.Decisions.Select(d => (d.IdempotencyKey, d.NotBefore)),
                    shuffled.Decisions.Select(d => (d.IdempotencyKey, d.NotBefore)));
            },
            iter: 500);
    }

    [Fact]
    public void Evaluate_SameInputTwice_SameOutput()
    {
        Gen.Select(Histories.Pair, Histories.Ledger, Histories.Now).Sample(
            t =>
            {
                var first = Evaluate(t.Item2, t.Item3, t.Item1, Office);
                var second = Evaluate(t.Item2, t.Item3, t.Item1, Office);
                Assert.Equal(first.Health.Signals, second.Health.Signals);
                Assert.Equal(first.Decisions.Select(d => d.IdempotencyKey), second.Decisions.Select(d => d.IdempotencyKey));
            },
            iter: 200);
    }

    [Fact]
    public void Evaluate_AMeetingHeld_ClosesTheEpisode()
    {
        Gen.Select(Histories.Pair, Histories.Ledger, Histories.Now).Sample(
            t =>
            {
                var (pair, ledger, now) = t;
                var before = Evaluate(ledger, now, pair, Office);
                var latestStart = ledger.Select(c => c.Start ?? c.ChangedAt).DefaultIfEmpty(now).Max();
                LedgerChange[] met = [.. ledger, Held("checked-in", now, (latestStart > now ? latestStart : now) + Minute)];

                var after = Evaluate(met, now, pair, Office);

                Assert.Equal("ep-after-checked-in", after.EpisodeKey);
                Assert.NotEqual(before.EpisodeKey, after.EpisodeKey);
                Assert.All(after.Decisions.Where(d => d.Step is not null), d => Assert.Equal(after.EpisodeKey, d.EpisodeKey));
                Assert.DoesNotContain(after.Health.Signals, s => s.Kind is Engine.Signals.SignalKind.RepeatedPostponement or Engine.Signals.SignalKind.Drifting or Engine.Signals.SignalKind.AtRisk);
            },
            iter: 300);
    }

    private static TimeZoneInfo ZoneOf(PairContext pair, Recipient recipient) => recipient.Kind switch
    {
        RecipientKind.Mentor => pair.Mentor.TimeZone,
        RecipientKind.Mentee => pair.Mentee.TimeZone,
        RecipientKind.Manager => recipient.ParticipantId == pair.Mentor.Id ? pair.Mentor.TimeZone : pair.Mentee.TimeZone,
        _ => pair.ProgramTimeZone,
    };
}
