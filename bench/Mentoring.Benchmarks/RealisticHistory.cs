using Mentoring.Engine.Ledger;

namespace Mentoring.Benchmarks;

/// <summary>
/// A pair's history as calendars report it: a meeting booked every two weeks, about one in four moved (mostly later,
/// sometimes twice), one in ten cancelled and rebooked, a few confirmed by check-in. Seeded, so every run reads the same.
/// </summary>
internal static class RealisticHistory
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    public static LedgerChange[] WithChanges(int count, int seed = 42)
    {
        var random = new Random(seed);
        var changes = new List<LedgerChange>(count);
        var slot = Start + TimeSpan.FromDays(3);
        for (var meeting = 0; changes.Count < count; meeting++)
        {
            var id = $"AAMkAGI2TG93AAA=/{meeting}";
            var booked = slot - TimeSpan.FromDays(10);
            var start = slot;
            changes.Add(new LedgerChange($"{id}/created", id, ChangeKind.Scheduled, booked, start, start.AddHours(1), Source: "graph"));
            var roll = random.Next(100);
            if (roll < 25)
            {
                var moves = roll < 8 ? 2 : 1;
                for (var m = 0; m < moves && changes.Count < count; m++)
                {
                    var to = start + TimeSpan.FromDays(roll < 20 ? 2 + m : -1);
                    changes.Add(new LedgerChange($"{id}/moved/{m}", id, ChangeKind.Rescheduled, start - TimeSpan.FromDays(2 - m), to, to.AddHours(1), start, roll % 2 == 0 ? Party.Mentee : Party.Mentor, Source: "graph"));
                    start = to;
                }
            }
            else if (roll < 35 && changes.Count < count)
            {
                changes.Add(new LedgerChange($"{id}/cancelled", id, ChangeKind.Cancelled, start - TimeSpan.FromHours(20), ChangedBy: Party.Mentee, Reason: "deadline", Source: "graph"));
            }
            else if (roll < 50 && changes.Count < count)
            {
                changes.Add(new LedgerChange($"{id}/checkin", id, ChangeKind.Held, start.AddHours(2), start, start.AddHours(1), Source: "checkin"));
            }

            slot += TimeSpan.FromDays(14);
        }

        return [.. changes.Take(count)];
    }
}
