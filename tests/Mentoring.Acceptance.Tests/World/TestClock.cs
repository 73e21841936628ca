using System.Diagnostics;
using System.Globalization;

namespace Mentoring.Acceptance.Tests.World;

/// <summary>
/// The clock the test moves: the host's <see cref="TimeProvider"/>, and (through a file the tests' Azurite reads) the
/// storage emulator's. Between moves it runs with the wall clock, so short waits (a queue pump's back-off) pass as they
/// would; a move jumps it forward and fires every timer the jump passed (the sweep's CRON, the calendar timers).
/// <para>
/// It also tells when the host is quiet: every background loop parked on one of its timers, and a round of the queue
/// pumps that found nothing (a pump that ran a message restarts its back-off at 100 ms; one that found nothing doubles it).
/// </para>
/// </summary>
internal sealed class TestClock : TimeProvider
{
    private static readonly TimeSpan PumpRestart = TimeSpan.FromMilliseconds(100);
    private static readonly TimeProvider Wall = TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly HashSet<VirtualTimer> _active = [];
    private readonly List<(long Sequence, TimerKind Kind, TimeSpan Due)> _created = [];
    private DateTimeOffset _moved;
    private DateTimeOffset _wallAtMove;
    private long _sequence;
    private long _loopFires;

    public TestClock(DateTimeOffset start, string file)
    {
        File = file;
        Set(start);
    }

    /// <summary>The file the tests' Azurite reads its clock from.</summary>
    public string File { get; }

    /// <summary>The background loops the local host runs: 4 queue pumps, the sweep, subscription renewal and ICS poll.</summary>
    public int ExpectedPumps { get; init; } = 4;

    public int ExpectedSchedules { get; init; } = 3;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return _moved + (Wall.GetUtcNow() - _wallAtMove);
    }

    public void MoveTo(DateTimeOffset to)
    {
        if (to < GetUtcNow())
            throw new InvalidOperationException($"The clock only moves forward: it is {GetUtcNow():O}, asked for {to:O}.");
        List<VirtualTimer> active;
        lock (_gate)
        {
            Set(to);
            active = [.. _active];
        }

        foreach (var timer in active)
            timer.Reschedule();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state, KindOfCaller());
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Waits until the host has nothing left to do at this instant (see the class summary).</summary>
    public async Task SettleAsync(TimeSpan timeout)
    {
        var deadline = Wall.GetUtcNow() + timeout;
        while (true)
        {
            await WaitUntilAsync(Parked, deadline);
            long mark;
            long loopFires;
            List<VirtualTimer> pumps;
            lock (_gate)
            {
                mark = _sequence;
                loopFires = _loopFires;
                pumps = [.. _active.Where(t => t.Kind == TimerKind.Pump)];
            }

            foreach (var pump in pumps)
                pump.FireNow();
            await WaitUntilAsync(() => Parked() && PumpsSince(mark), deadline);
            lock (_gate)
            {
                var ranSomething = _created.Any(c => c.Sequence > mark && c.Kind == TimerKind.Pump && c.Due <= PumpRestart);
                if (!ranSomething && _loopFires == loopFires)
                {
                    _created.RemoveAll(c => c.Sequence <= mark);
                    return;
                }
            }
        }
    }

    private bool Parked()
    {
        lock (_gate)
        {
            return _active.Count(t => t.Kind == TimerKind.Pump) == ExpectedPumps
                && _active.Count(t => t.Kind == TimerKind.Schedule) == ExpectedSchedules;
        }
    }

    private bool PumpsSince(long mark)
    {
        lock (_gate)
            return _active.Where(t => t.Kind == TimerKind.Pump).All(t => t.Sequence > mark);
    }

    private async Task WaitUntilAsync(Func<bool> condition, DateTimeOffset deadline)
    {
        while (!condition())
        {
            if (Wall.GetUtcNow() > deadline)
            {
                string counts;
                lock (_gate)
                    counts = string.Join(", ", _active.GroupBy(t => t.Kind).Select(g => $"{g.Key} {g.Count()}"));
                throw new TimeoutException($"The host did not settle at {GetUtcNow():O}: parked timers {counts}.");
            }

            await Task.Delay(5);
        }
    }

    private void Set(DateTimeOffset to)
    {
        _moved = to;
        _wallAtMove = Wall.GetUtcNow();
        var temporary = File + ".tmp";
        global::System.IO.File.WriteAllText(
            temporary, string.Create(CultureInfo.InvariantCulture, $"{_moved.ToUnixTimeMilliseconds()} {_wallAtMove.ToUnixTimeMilliseconds()}"));
        global::System.IO.File.Move(temporary, File, overwrite: true);
    }

    /// <summary>Which loop asks for a timer: the first frame of the product's code above the BCL's.</summary>
    private static TimerKind KindOfCaller()
    {
        foreach (var frame in new StackTrace(2, false).GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType?.FullName ?? "";
            if (!type.StartsWith("Mentoring.", StringComparison.Ordinal) || type.StartsWith("Mentoring.Acceptance.", StringComparison.Ordinal))
                continue;
            if (type.StartsWith("Mentoring.LocalHost.Queues.QueuePump+<RunAsync>", StringComparison.Ordinal))
                return TimerKind.Pump;
            if (type.StartsWith("Mentoring.LocalHost.Timers.TimerSetup+", StringComparison.Ordinal))
                return TimerKind.Schedule;
            return TimerKind.Other;
        }

        return TimerKind.Other;
    }

    private enum TimerKind
    {
        Pump,
        Schedule,
        Other,
    }

    /// <summary>A timer due at an instant of the test's clock, carried by a wall-clock timer rescheduled on each move.</summary>
    private sealed class VirtualTimer : ITimer
    {
        private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);
        private readonly TestClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly Timer _wall;
        private DateTimeOffset? _dueAt;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public VirtualTimer(TestClock clock, TimerCallback callback, object? state, TimerKind kind)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            Kind = kind;
            _wall = new Timer(_ => OnWall(), null, Timeout.Infinite, Timeout.Infinite);
        }

        public TimerKind Kind { get; }

        public long Sequence { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_clock._gate)
            {
                if (_disposed)
                    return false;
                Sequence = ++_clock._sequence;
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    _dueAt = null;
                    _clock._active.Remove(this);
                    _wall.Change(Timeout.Infinite, Timeout.Infinite);
                    return true;
                }

                _dueAt = _clock._moved + (Wall.GetUtcNow() - _clock._wallAtMove) + dueTime;
                _clock._active.Add(this);
                _clock._created.Add((Sequence, Kind, dueTime));
            }

            Reschedule();
            return true;
        }

        /// <summary>Fires at once whatever its due time (a <c>Task.Delay</c> ending early is harmless: the loop polls again).</summary>
        public void FireNow()
        {
            lock (_clock._gate)
            {
                if (_disposed || _dueAt is null)
                    return;
                _dueAt = _clock._moved + (Wall.GetUtcNow() - _clock._wallAtMove);
            }

            Reschedule();
        }

        public void Reschedule()
        {
            lock (_clock._gate)
            {
                if (_disposed || _dueAt is not { } due)
                    return;
                var wait = due - (_clock._moved + (Wall.GetUtcNow() - _clock._wallAtMove));
                _wall.Change(wait <= TimeSpan.Zero ? TimeSpan.Zero : wait < LongestWait ? wait : LongestWait, Timeout.InfiniteTimeSpan);
            }
        }

        public void Dispose()
        {
            lock (_clock._gate)
            {
                _disposed = true;
                _clock._active.Remove(this);
            }

            _wall.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void OnWall()
        {
            bool fire;
            lock (_clock._gate)
            {
                if (_disposed || _dueAt is not { } due)
                    return;
                fire = _clock._moved + (Wall.GetUtcNow() - _clock._wallAtMove) >= due;
                if (fire)
                {
                    if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                    {
                        _dueAt = due + _period;
                    }
                    else
                    {
                        _dueAt = null;
                        _clock._active.Remove(this);
                    }

                    if (Kind == TimerKind.Schedule)
                        _clock._loopFires++;
                }
            }

            Reschedule();
            if (fire)
                _callback(_state);
        }
    }
}
