using Mentoring.Engine.Signals;
using Mentoring.Engine.Tests.Support;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Signals;

public sealed class OneSidedTests
{
    private static readonly DateTimeOffset Start = T0 + Days(10);

    private static LedgerChange[] MovedBy(params Party[] movers)
    {
        var ledger = new List<LedgerChange> { Scheduled("m1", T0, Start) };
        var at = Start;
        for (var i = 0; i < movers.Length; i++)
        {
            ledger.Add(Moved("m1", T0 + Days(1 + i), at, at + Days(2), movers[i]));
            at += Days(2);
        }

        return [.. ledger];
    }

    [Fact]
    public void OneSided_OneChangeEach_NotOneSided()
    {
        Assert.False(Has.Signal(Evaluate(MovedBy(Party.Mentor, Party.Mentee), T0 + Days(5)), SignalKind.OneSided));
    }

    [Fact]
    public void OneSided_TwoOfThreeByTheMentee_OneSidedTowardsTheMentee()
    {
        var evaluation = Evaluate(MovedBy(Party.Mentee, Party.Mentor, Party.Mentee), T0 + Days(5));

        var signal = Assert.Single(evaluation.Health.Signals, s => s.Kind == SignalKind.OneSided);
        Assert.Equal(Party.Mentee, signal.Party);
    }

    [Fact]
    public void OneSided_TwoOfFourByEach_NotOneSided()
    {
        Assert.False(Has.Signal(
            Evaluate(MovedBy(Party.Mentee, Party.Mentor, Party.Mentee, Party.Mentor), T0 + Days(6)), SignalKind.OneSided));
    }

    [Fact]
    public void OneSided_ASingleChange_TooFewToJudge()
    {
        Assert.False(Has.Signal(Evaluate(MovedBy(Party.Mentor), T0 + Days(5)), SignalKind.OneSided));
    }
}
