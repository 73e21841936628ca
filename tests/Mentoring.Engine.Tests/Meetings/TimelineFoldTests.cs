using System.Collections.ObjectModel;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Policy;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Meetings;

/// <summary>The fold's shortcuts (ledger positions, the meeting id hash, the early meetings' cut-off) change no result.</summary>
public sealed class TimelineFoldTests
{
    private static readonly DateTimeOffset Now = T0 + Days(60);

    [Fact]
    public void Ledger_AsArrayListOrOtherList_FoldsTheSame()
    {
        LedgerChange[] ledger =
        [
            Moved("m2", T0 + Days(3), T0 + Days(10), T0 + Days(12)),
            Scheduled("m1", T0, T0 + Days(5)),
            Scheduled("m2", T0 + Days(1), T0 + Days(10)),
            Scheduled("m1", T0, T0 + Days(5)),
            Cancelled("m1", T0 + Days(2)),
        ];

        var fromArray = PairEngine.MeetingsAt(ledger, Now, EngagementPolicy.Default);
        Assert.Equal(fromArray, PairEngine.MeetingsAt([.. ledger], Now, EngagementPolicy.Default));
        Assert.Equal(fromArray, PairEngine.MeetingsAt(new List<LedgerChange>(ledger), Now, EngagementPolicy.Default));
        Assert.Equal(fromArray, PairEngine.MeetingsAt(new ReadOnlyCollection<LedgerChange>(ledger), Now, EngagementPolicy.Default));
        Assert.Equal(
            PairEngine.DistinctChanges(ledger, Now, EngagementPolicy.Default),
            PairEngine.DistinctChanges(new ReadOnlyCollection<LedgerChange>(ledger), Now, EngagementPolicy.Default));
    }

    [Theory]
    [InlineData("AAMkAGI2TG93AAA=/")]
    [InlineData("")]
    [InlineData("x")]
    public void MeetingIds_SharingAPrefix_EachAMeetingOfItsOwn(string prefix)
    {
        var ledger = new List<LedgerChange>();
        for (var i = 0; i < 300; i++)
            ledger.Add(Scheduled(prefix + i, T0, T0 + Days(1) + Hours(i)));
        for (var i = 0; i < 300; i += 3)
            ledger.Add(Cancelled(new string([.. prefix + i]), T0 + Hours(1))); // an equal id, not the same string

        var meetings = PairEngine.MeetingsAt(ledger, T0 + Hours(2), EngagementPolicy.Default);

        Assert.Equal(300, meetings.Count);
        Assert.Equal(100, meetings.Count(m => m.Status == MeetingStatus.Cancelled));
    }

    [Fact]
    public void MeetingIds_DifferingOnlyFarFromTheirEnd_Distinct()
    {
        var ledger = Enumerable.Range(0, 50)
            .Select(i => Scheduled($"{i}-{new string('z', 40)}", T0, T0 + Days(1) + Hours(i)))
            .ToArray();

        Assert.Equal(50, PairEngine.MeetingsAt(ledger, T0 + Hours(1), EngagementPolicy.Default).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    public void EarlyMeetings_AsCountingThoseBeforeEach(int count)
    {
        // Ties in original start on purpose: position breaks them.
        int[] startDays = [5, 3, 3, 9, 1, 3, 7];
        var ledger = startDays.Select((day, i) => Scheduled($"m{i}", T0, T0 + Days(day))).ToArray();
        var timeline = Timeline.Build(ledger, T0 + Hours(1), EngagementPolicy.Default);

        for (var m = 0; m < timeline.MeetingCount; m++)
        {
            var start = timeline.Meetings[m].OriginalStart;
            var before = 0;
            for (var i = 0; i < timeline.MeetingCount; i++)
            {
                var other = timeline.Meetings[i].OriginalStart;
                if (other < start || (other == start && i < m))
                    before++;
            }

            Assert.Equal(before < count, timeline.IsAmongFirst(m, count));
        }
    }
}
