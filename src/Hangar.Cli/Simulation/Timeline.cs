namespace Hangar.Cli.Simulation;

/// <summary>
/// A replay over time, in equal buckets, for the plot: arrivals, the average runners in each phase (from their exact
/// phase intervals) and the longest and mean queue wait of the jobs that started in each bucket.
/// </summary>
internal sealed class Timeline
{
    public Timeline(DateTimeOffset start, DateTimeOffset end, int buckets = 600)
    {
        Start = start;
        var span = Math.Max(1, (end - start).TotalMinutes);
        BucketMinutes = Math.Max(1, Math.Ceiling(span / buckets));
        var count = (int)Math.Ceiling(span / BucketMinutes) + 1;
        Arrivals = new double[count];
        Booting = new double[count];
        Idle = new double[count];
        Busy = new double[count];
        MaxWait = new double[count];
        WaitSum = new double[count];
        Started = new double[count];
    }

    public DateTimeOffset Start { get; }

    public double BucketMinutes { get; }

    public int Count => Arrivals.Length;

    public double[] Arrivals { get; }

    public double[] Booting { get; }

    public double[] Idle { get; }

    public double[] Busy { get; }

    public double[] MaxWait { get; }

    public double[] WaitSum { get; }

    public double[] Started { get; }

    public void Arrive(DateTimeOffset at) => Arrivals[Bucket(at)]++;

    public void JobStarted(DateTimeOffset at, TimeSpan wait)
    {
        var b = Bucket(at);
        MaxWait[b] = Math.Max(MaxWait[b], wait.TotalSeconds);
        WaitSum[b] += wait.TotalSeconds;
        Started[b]++;
    }

    /// <summary>Spreads a runner's phase from <paramref name="from"/> to <paramref name="to"/> over the buckets it covers, as
    /// average runners per bucket.</summary>
    public void Phase(double[] phase, DateTimeOffset from, DateTimeOffset to)
    {
        var a = (from - Start).TotalMinutes;
        var z = (to - Start).TotalMinutes;
        while (a < z)
        {
            var b = Math.Min((int)(a / BucketMinutes), phase.Length - 1);
            var edge = Math.Min(z, (b + 1) * BucketMinutes);
            phase[b] += (edge - a) / BucketMinutes;
            if (edge <= a)
            {
                break;
            }

            a = edge;
        }
    }

    private int Bucket(DateTimeOffset at) => Math.Clamp((int)((at - Start).TotalMinutes / BucketMinutes), 0, Arrivals.Length - 1);
}
