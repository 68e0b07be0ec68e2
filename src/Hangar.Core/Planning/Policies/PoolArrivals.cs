namespace Hangar.Core.Planning.Policies;

/// <summary>
/// One pool's arrivals as <see cref="DemandForecaster"/> keeps them: a count per minute for the last eight days (a ring,
/// so memory is fixed), two smoothed rates, the batch size, recent boot times and the idle/runner minutes of the budget.
/// </summary>
internal sealed class PoolArrivals
{
    public const int MinutesKept = 8 * 1440;

    private const double LongMinutes = 10;
    private const double ShortMinutes = 1;
    private static readonly TimeSpan SameBatch = TimeSpan.FromSeconds(2);

    private readonly int[] _counts = new int[MinutesKept];
    private readonly long[] _minuteOf = new long[MinutesKept];
    private readonly Queue<TimeSpan> _boots = new();
    private double _long;
    private double _short;
    private DateTimeOffset _rateAt;
    private DateTimeOffset _lastArrival = DateTimeOffset.MinValue;
    private int _batchJobs;
    private double _batchSize = 1;
    private double _idleMinutes;
    private double _runnerMinutes;
    private long _allJobs;
    private DateTimeOffset? _suppliedAt;
    private int _lastIdle;
    private int _lastLive;
    private HashSet<string> _idleNames = new(StringComparer.Ordinal);
    private HashSet<string> _liveNames = new(StringComparer.Ordinal);
    private double _allIdleMinutes;
    private double _allRunnerMinutes;
    private double _held;
    private DateTimeOffset _heldAt;

    /// <summary>The distribution of the pushes' matrix sizes.</summary>
    public BatchSizes Sizes { get; } = new();

    /// <summary>The pool's busy spells as its pushes tell them.</summary>
    public SpellDetector Spells { get; } = new();

    /// <summary>Whether the pool's profile predicts it better than its level.</summary>
    public ProfileSkill Skill { get; } = new();

    /// <summary>The price of a warm runner as the pool's budget has found it.</summary>
    public WarmPrice Price { get; } = new();

    /// <summary>The first arrival seen: profile days before it are not counted as quiet days.</summary>
    public DateTimeOffset? Since { get; private set; }

    public void Arrive(DateTimeOffset at)
    {
        Since = Since is { } since && since <= at ? since : at;
        var minute = MinuteOf(at);
        var slot = (int)(minute % MinutesKept);
        if (_minuteOf[slot] != minute)
        {
            _minuteOf[slot] = minute;
            _counts[slot] = 0;
        }

        _counts[slot]++;
        _allJobs++;

        // Rates move forward only; an arrival recorded late counts at the rates' own time.
        Decay(at);
        _long += 1 / LongMinutes;
        _short += 1 / ShortMinutes;

        if (at - _lastArrival > SameBatch)
        {
            Spells.Push(at);
            if (_batchJobs > 0)
            {
                _batchSize += (_batchJobs - _batchSize) * 0.2;
                Sizes.Record(_batchJobs);
            }

            _batchJobs = 0;
        }

        _batchJobs++;
        _lastArrival = at > _lastArrival ? at : _lastArrival;
    }

    public void Boot(TimeSpan boot)
    {
        _boots.Enqueue(boot);
        if (_boots.Count > 20)
        {
            _boots.Dequeue();
        }
    }

    /// <summary>
    /// The pool's live runners at <paramref name="now"/>: adds the minutes since the last look to the budget's idle and
    /// runner minutes. Counting the runners of the last look for the whole span would be biased: runners come online,
    /// take jobs, are made and end between looks. So each runner's own timestamps are used where they fall inside the
    /// span (created, idle since, busy since); a runner gone since the last look counts half the span when it was
    /// working (its job ended at some point in it) and nothing when it was idle (the last look's plan retired it).
    /// </summary>
    public void Supply(DateTimeOffset now, IReadOnlyList<Instances.Instance> live, TimeSpan window)
    {
        var idleNow = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instance in live)
        {
            names.Add(instance.Name);
            if (instance.State == Instances.InstanceState.Idle)
            {
                idleNow.Add(instance.Name);
            }
        }

        if (_suppliedAt is { } last && now > last)
        {
            var span = (now - last).TotalMinutes;
            var idle = _lastIdle * span;
            var runners = _lastLive * span;
            foreach (var instance in live)
            {
                if (!_liveNames.Contains(instance.Name))
                {
                    runners += Math.Clamp((now - instance.CreatedAt).TotalMinutes, 0, span);
                }

                var since = Math.Clamp((now - instance.StateChangedAt).TotalMinutes, 0, span);
                var wasIdle = _idleNames.Contains(instance.Name);
                var isIdle = idleNow.Contains(instance.Name);
                idle += isIdle && !wasIdle ? since : !isIdle && wasIdle ? -since : 0;
            }

            foreach (var gone in _liveNames)
            {
                if (!names.Contains(gone))
                {
                    // When it went is not known: half the span on average for a job that ended; an idle runner gone was
                    // retired by the last look's plan.
                    var wasIdle = _idleNames.Contains(gone);
                    runners -= wasIdle ? span : span / 2;
                    idle -= wasIdle ? span : 0;
                }
            }

            var keep = Math.Exp(-span / window.TotalMinutes);
            idle = Math.Max(0, idle);
            _idleMinutes = (_idleMinutes * keep) + idle;
            runners = Math.Max(idle, runners);
            _runnerMinutes = (_runnerMinutes * keep) + runners;
            _allIdleMinutes += idle;
            _allRunnerMinutes += runners;
        }

        if (_suppliedAt is null || now >= _suppliedAt)
        {
            _suppliedAt = now;
            _lastIdle = idleNow.Count;
            _lastLive = live.Count;
            _idleNames = idleNow;
            _liveNames = names;
        }
    }

    public double RecentRate(DateTimeOffset now) => _long * Math.Exp(-Math.Max(0, (now - _rateAt).TotalMinutes) / LongMinutes);

    public double ShortRate(DateTimeOffset now) => _short * Math.Exp(-Math.Max(0, (now - _rateAt).TotalMinutes) / ShortMinutes);

    /// <summary>The batch size, counting the batch still arriving once it is larger than the average.</summary>
    public double BatchSize => Math.Max(1, Math.Max(_batchSize, _batchJobs));

    public double IdleShare => _runnerMinutes <= 0 ? 0 : _idleMinutes / _runnerMinutes;

    public double RunnerMinutes => _runnerMinutes;

    /// <summary>The window's idle credit over its allowance: 1 when nothing was spent, negative when overspent, 0
    /// before any runner was seen.</summary>
    public double CreditShare(double budget) => budget <= 0 || _runnerMinutes <= 0 ? 0 : IdleCredit(budget) / (budget * _runnerMinutes);

    /// <summary>
    /// Busy runner-minutes per job since the pool was first seen, 0 before both were seen. Over the whole run, not the
    /// budget's window: a job counts when it arrives and its minutes as they pass, so over a short window a burst of
    /// arrivals would read as jobs that cost nothing.
    /// </summary>
    public double BusyMinutesPerJob => _allJobs == 0 || _allRunnerMinutes <= _allIdleMinutes ? 0 : (_allRunnerMinutes - _allIdleMinutes) / _allJobs;

    /// <summary>
    /// The idle minutes the budget still allows: its share of the window's runner-minutes less the window's idle
    /// minutes, but never more than what is left since the pool was first seen. Savings expire with the window (a quiet
    /// weekend does not pay for a Monday of warm runners); an overspend stays owed until busy minutes repay it, so the
    /// share over a long run does not creep above the budget.
    /// </summary>
    public double IdleCredit(double budget) =>
        Math.Min((budget * _runnerMinutes) - _idleMinutes, (budget * _allRunnerMinutes) - _allIdleMinutes);

    /// <summary>Runners booting or busy at the last look.</summary>
    public int Working => _lastLive - _lastIdle;

    /// <summary>
    /// A burst's rate held through the dip after it: it follows <paramref name="rate"/> up at once and down no faster
    /// than an exponential decay of time constant <paramref name="hold"/>, so a lull of a few minutes after a burst does
    /// not retire warm runners that the next push of the cluster needs again (hysteresis).
    /// </summary>
    public double Held(DateTimeOffset now, double rate, TimeSpan hold)
    {
        if (now > _heldAt)
        {
            _held *= hold > TimeSpan.Zero ? Math.Exp(-(now - _heldAt).TotalMinutes / hold.TotalMinutes) : 0;
            _heldAt = now;
        }

        _held = Math.Max(_held, rate);
        return _held;
    }

    /// <summary>The median of the last boots seen, or null before the first.</summary>
    public TimeSpan? BootTime => _boots.Count == 0 ? null : _boots.Order().ElementAt(_boots.Count / 2);

    /// <summary>
    /// The busiest minute of [now, now + span) on past days: the mean over the last seven days of the same kind
    /// (weekday or weekend, in UTC) blended half and half with the same weekday one week back, when it is known.
    /// </summary>
    /// <param name="known">Whether any past day covered the span at all (the profile says something).</param>
    public double ProfileRate(DateTimeOffset now, TimeSpan span, out bool known)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(span.TotalMinutes));
        var weekend = IsWeekend(now);
        var peak = 0.0;
        known = false;
        for (var m = 0; m < minutes; m++)
        {
            double sum = 0;
            var days = 0;
            double? weekAgo = null;
            for (var d = 1; d <= 7; d++)
            {
                var then = now.AddDays(-d).AddMinutes(m);
                if (Since is not { } since || then < since.AddMinutes(-1) || IsWeekend(now.AddDays(-d)) != weekend)
                {
                    continue;
                }

                // A minute either side: recurring bursts drift by a little from day to day.
                var count = (Count(then.AddMinutes(-1)) + (2 * Count(then)) + Count(then.AddMinutes(1))) / 4.0;
                sum += count;
                days++;
                if (d == 7)
                {
                    weekAgo = count;
                }
            }

            if (days > 0)
            {
                known = true;
                var mean = sum / days;
                peak = Math.Max(peak, weekAgo is { } w ? (mean + w) / 2 : mean);
            }
        }

        return peak;
    }

    /// <summary>The jobs that arrived in the minute of <paramref name="at"/>, 0 when it is no longer kept.</summary>
    public int Count(DateTimeOffset at)
    {
        var minute = MinuteOf(at);
        var slot = (int)(minute % MinutesKept);
        return _minuteOf[slot] == minute ? _counts[slot] : 0;
    }

    private void Decay(DateTimeOffset at)
    {
        if (at <= _rateAt)
        {
            return;
        }

        var minutes = (at - _rateAt).TotalMinutes;
        _long *= Math.Exp(-minutes / LongMinutes);
        _short *= Math.Exp(-minutes / ShortMinutes);
        _rateAt = at;
    }

    private static bool IsWeekend(DateTimeOffset at) => at.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;
}
