using CsCheck;
using Mentoring.Engine.Pairs;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Properties;

/// <summary>Generators of realistic pair histories: meetings booked, moved either way, cancelled, held, missed.</summary>
internal static class Histories
{
    public static readonly string[] ZoneIds =
        ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "Pacific/Auckland", "America/Sao_Paulo"];

    public static readonly Gen<TimeZoneInfo> Zone = Gen.OneOf(ZoneIds).Select(TimeZoneInfo.FindSystemTimeZoneById);

    private static readonly Gen<Party?> By = Gen.OneOf<Party?>(null, Party.Mentor, Party.Mentee);

    private static readonly Gen<TimeSpan> Minutes = Gen.Int[1, 60 * 24 * 20].Select(m => TimeSpan.FromMinutes(m));

    /// <summary>What happens to one meeting after it is booked.</summary>
    private enum Step
    {
        Later,
        Earlier,
        Cancel,
        Held,
        NoShow,
    }

    private static readonly Gen<(Step Step, TimeSpan After, TimeSpan Shift, Party? By)> Operation =
        Gen.Select(Gen.Enum<Step>(), Gen.Int[10, 60 * 24 * 10], Minutes, By)
            .Select(t => (t.Item1, TimeSpan.FromMinutes(t.Item2), t.Item3, t.Item4));

    private static readonly Gen<LedgerChange[]> Meeting =
        Gen.Select(Gen.Int[0, 60 * 24 * 90], Minutes, Operation.Array[0, 3], Gen.Int[0, 1_000_000])
            .Select(t => MeetingChanges($"m{t.Item4}", T0 + TimeSpan.FromMinutes(t.Item1), t.Item2, t.Item3));

    public static readonly Gen<LedgerChange[]> Ledger = Meeting.Array[0, 6].Select(ms => ms.SelectMany(m => m).ToArray());

    public static readonly Gen<DateTimeOffset> Now = Gen.Int[0, 60 * 24 * 130].Select(m => T0 + TimeSpan.FromMinutes(m));

    public static readonly Gen<PairContext> Pair =
        Gen.Select(Zone, Zone, Gen.Bool, Gen.Bool, Gen.Bool)
            .Select(t => Support.A.Pair(
                mentorZone: t.Item1,
                menteeZone: t.Item2,
                hasSponsor: t.Item3,
                menteeAllowsManager: t.Item4,
                cycle: t.Item5 ? new CycleWindow("c1", T0, T0 + Days(90)) : null));

    private static LedgerChange[] MeetingChanges(
        string id, DateTimeOffset bookedAt, TimeSpan lead, (Step Step, TimeSpan After, TimeSpan Shift, Party? By)[] operations)
    {
        var start = bookedAt + lead;
        var changes = new List<LedgerChange> { Scheduled(id, bookedAt, start) };
        var at = bookedAt;
        foreach (var (step, after, shift, by) in operations)
        {
            at += after;
            switch (step)
            {
                case Step.Later:
                    changes.Add(Moved(id, at, start, start + shift, by));
                    start += shift;
                    break;
                case Step.Earlier:
                    changes.Add(Moved(id, at, start, start - shift, by));
                    start -= shift;
                    break;
                case Step.Cancel:
                    changes.Add(Cancelled(id, at, by, "deadline"));
                    break;
                case Step.Held:
                    changes.Add(Held(id, at, start));
                    break;
                case Step.NoShow:
                    changes.Add(NoShow(id, at));
                    break;
            }
        }

        return [.. changes];
    }
}
