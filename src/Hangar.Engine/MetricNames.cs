namespace Hangar.Engine;

/// <summary>
/// The engine's instruments operators build dashboards on (<c>docs/grafana-dashboard.json</c>), named in one place.
/// The Prometheus exporter appends the unit and, for a histogram, <c>_bucket</c>/<c>_sum</c>/<c>_count</c>:
/// <c>hangar.pool.queue_time</c> in seconds is scraped as <c>hangar_pool_queue_time_seconds_bucket</c>.
/// </summary>
internal static class MetricNames
{
    /// <summary>Histogram, seconds, by <c>pool</c>: a job queued → a runner took it (the job's start).</summary>
    public const string QueueTime = "hangar.pool.queue_time";

    /// <summary>Histogram, seconds, by <c>pool</c>: an instance's intent stored → its runner online at the forge.</summary>
    public const string BootTime = "hangar.pool.boot_time";

    /// <summary>Gauge, jobs, by <c>flavor</c>: <see cref="Core.Planning.FlavorPressure"/>.</summary>
    public const string Pressure = "hangar.flavor.pressure";
}
