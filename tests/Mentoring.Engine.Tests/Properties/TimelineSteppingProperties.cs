using CsCheck;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Policy;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Properties;

/// <summary>A replay folds one timeline as it steps; at every step it must stand exactly where a timeline built afresh stands.</summary>
public sealed class TimelineSteppingProperties
{
    [Fact]
    public void Timeline_FoldedAsItSteps_SameAsBuiltAfreshAtEachStep()
    {
        Gen.Select(Histories.Ledger, Gen.Int[0, 3], Histories.Now.Array[1, 8]).Sample(
            t =>
            {
                var (ledger, duplicated, steps) = t;
                var ordered = ledger.Concat(ledger.Take(duplicated))
                    .OrderBy(c => c.ChangedAt.UtcTicks)
                    .ThenBy(c => c.ChangeId, StringComparer.Ordinal)
                    .ThenBy(c => (int)c.Kind)
                    .ToArray();
                var stepping = Timeline.InReadingOrder(ordered);
                var known = 0;
                foreach (var now in steps.Distinct().Order())
                {
                    while (known < ordered.Length && ordered[known].ChangedAt <= now)
                        known++;
                    stepping.AdvanceTo(known, now, EngagementPolicy.Default);
                    var afresh = Timeline.Build(ordered[..known], now, EngagementPolicy.Default);

                    Assert.Equal(afresh.Meetings.ToArray(), stepping.Meetings.ToArray());
                    Assert.Equal(afresh.Events.ToArray(), stepping.Events.ToArray());
                    Assert.Equal(afresh.CopyChanges(), stepping.CopyChanges());
                }
            },
            iter: 300);
    }

    [Fact]
    public void Timeline_StepBack_Refused()
    {
        var ordered = MeetingHeldAt("m1", T0 + Days(1)).ToArray();
        var stepping = Timeline.InReadingOrder(ordered);
        stepping.AdvanceTo(ordered.Length, T0 + Days(3), EngagementPolicy.Default);

        Assert.Throws<ArgumentOutOfRangeException>(() => stepping.AdvanceTo(ordered.Length, T0 + Days(2), EngagementPolicy.Default));
    }
}
