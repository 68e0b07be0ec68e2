namespace Hangar.Cli.Simulation;

/// <summary>What a replay measured for one pool (or all of them): queue waits and runner-minutes by phase.</summary>
internal sealed class PoolFigures
{
    private readonly List<double> _waits = [];
    private double[]? _sorted;

    public int Jobs => _waits.Count;

    /// <summary>Jobs that never started before the replay ended (no pool could serve them, or none had room).</summary>
    public int Unserved { get; set; }

    public double RunnerMinutes => BootMinutes + IdleMinutes + BusyMinutes;

    public double BootMinutes { get; set; }

    public double IdleMinutes { get; set; }

    public double BusyMinutes { get; set; }

    public int Runners { get; set; }

    /// <summary>Idle runner-minutes over runner-minutes.</summary>
    public double IdleShare => RunnerMinutes <= 0 ? 0 : IdleMinutes / RunnerMinutes;

    public void Waited(TimeSpan wait)
    {
        _waits.Add(wait.TotalSeconds);
        _sorted = null;
    }

    /// <summary>The <paramref name="p"/>-th percentile of queue wait in seconds (nearest rank); 0 without jobs.</summary>
    public double WaitPercentile(double p)
    {
        if (_waits.Count == 0)
        {
            return 0;
        }

        _sorted ??= [.. _waits.Order()];
        var rank = (int)Math.Ceiling(p / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    /// <summary>The share of jobs that waited at least <paramref name="seconds"/> (a whole cold start at the boot time):
    /// past 5 % of the jobs, the p95 wait is a cold start.</summary>
    public double ShareWaitingAtLeast(double seconds) => _waits.Count == 0 ? 0 : _waits.Count(w => w >= seconds - 1e-9) / (double)_waits.Count;

    public double MeanWait => _waits.Count == 0 ? 0 : _waits.Average();

    /// <summary>Adds <paramref name="other"/>'s jobs and minutes to these (the overall figures).</summary>
    public void Merge(PoolFigures other)
    {
        _waits.AddRange(other._waits);
        _sorted = null;
        Unserved += other.Unserved;
        BootMinutes += other.BootMinutes;
        IdleMinutes += other.IdleMinutes;
        BusyMinutes += other.BusyMinutes;
        Runners += other.Runners;
    }
}
