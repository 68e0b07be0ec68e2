using System.Diagnostics.Metrics;
using Hangar.Core.Planning;

namespace Hangar.Engine;

/// <summary>
/// What the engine did, as counters on the <c>Hangar.Engine</c> meter (exported at <c>/metrics</c>). Names follow
/// OpenTelemetry conventions; the Prometheus exporter turns <c>hangar.instances.created</c> into
/// <c>hangar_instances_created_total</c>.
/// </summary>
internal sealed class EngineMetrics : IDisposable
{
    public const string MeterName = "Hangar.Engine";

    private readonly Meter _meter;
    private readonly Counter<long> _created;
    private readonly Counter<long> _createFailed;
    private readonly Counter<long> _deleted;
    private readonly Counter<long> _destroyed;
    private readonly Counter<long> _loopPasses;
    private readonly Counter<long> _loopFailures;
    private readonly Counter<long> _jobEvents;
    private readonly Counter<long> _orphans;
    private readonly Counter<long> _loopActions;
    private readonly Counter<long> _breakerTrips;
    private readonly Histogram<double> _queueTime;
    private readonly Histogram<double> _bootTime;

    public EngineMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _created = _meter.CreateCounter<long>("hangar.instances.created", description: "Instances created at a provider.");
        _createFailed = _meter.CreateCounter<long>("hangar.instances.create_failed", description: "Instance creations that failed.");
        _deleted = _meter.CreateCounter<long>("hangar.instances.deleted", description: "Instances fully deleted.");
        _destroyed = _meter.CreateCounter<long>("hangar.instances.destroy_started", description: "Destroys started, by reason.");
        _loopPasses = _meter.CreateCounter<long>("hangar.loop.passes", description: "Completed reconciler loop passes, by loop.");
        _loopFailures = _meter.CreateCounter<long>("hangar.loop.failures", description: "Reconciler loop passes that failed, by loop.");
        _jobEvents = _meter.CreateCounter<long>("hangar.job_events", description: "Job events submitted, by outcome.");
        _orphans = _meter.CreateCounter<long>("hangar.orphans.removed", description: "Orphans removed, by kind.");
        _loopActions = _meter.CreateCounter<long>("hangar.loop.actions", description: "What each reconciler loop did, by loop and action.");
        _breakerTrips = _meter.CreateCounter<long>("hangar.pool.breaker_trips", description: "Times a pool's create breaker opened (or opened again after a failed probe), by pool.");
        _queueTime = _meter.CreateHistogram(
            MetricNames.QueueTime, "s", "Seconds from a job queued to a runner taking it, by the pool it was routed to.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 7200] });
        _bootTime = _meter.CreateHistogram(
            MetricNames.BootTime, "s", "Seconds from an instance's intent stored to its runner online at the forge, by pool.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600] });
    }

    public void InstanceCreated(string pool) => _created.Add(1, new KeyValuePair<string, object?>("pool", pool));

    public void InstanceCreateFailed(string pool) => _createFailed.Add(1, new KeyValuePair<string, object?>("pool", pool));

    public void InstanceDeleted(string pool) => _deleted.Add(1, new KeyValuePair<string, object?>("pool", pool));

    public void DestroyStarted(DestroyReason reason) => _destroyed.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void LoopPass(string loop) => _loopPasses.Add(1, new KeyValuePair<string, object?>("loop", loop));

    public void LoopFailure(string loop) => _loopFailures.Add(1, new KeyValuePair<string, object?>("loop", loop));

    public void JobEvent(string outcome) => _jobEvents.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void OrphanRemoved(string kind) => _orphans.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void LoopAction(string loop, string action, long count = 1) =>
        _loopActions.Add(count, new KeyValuePair<string, object?>("loop", loop), new KeyValuePair<string, object?>("action", action));

    public void BreakerTripped(string pool) => _breakerTrips.Add(1, new KeyValuePair<string, object?>("pool", pool));

    /// <summary><c>hangar.pool.degraded</c> (Prometheus <c>hangar_pool_degraded</c>): 1 for each pool whose creates are held back, else 0.</summary>
    public void ObservePools(Func<IEnumerable<PoolCondition>> pools) =>
        _meter.CreateObservableGauge(
            "hangar.pool.degraded",
            () => pools().Select(p => new Measurement<int>(p.State == PoolState.Ok ? 0 : 1, new KeyValuePair<string, object?>("pool", p.Pool))),
            description: "1 while a pool's create breaker holds its creates back (degraded or probing), else 0.");

    /// <summary>A runner took a job queued <paramref name="waited"/> ago (<see cref="MetricNames.QueueTime"/>).</summary>
    public void JobStarted(string pool, TimeSpan waited) =>
        _queueTime.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>("pool", pool));

    /// <summary>An instance's runner came online <paramref name="took"/> after its intent was stored (<see cref="MetricNames.BootTime"/>).</summary>
    public void RunnerOnline(string pool, TimeSpan took) =>
        _bootTime.Record(Math.Max(0, took.TotalSeconds), new KeyValuePair<string, object?>("pool", pool));

    /// <summary><see cref="MetricNames.Pressure"/>: each flavor's pressure as last counted.</summary>
    public void ObservePressure(Func<IReadOnlyDictionary<string, int>> pressure) =>
        _meter.CreateObservableGauge(
            MetricNames.Pressure,
            () => pressure().Select(p => new Measurement<int>(p.Value, new KeyValuePair<string, object?>("flavor", p.Key))),
            unit: "{job}",
            description: "Each flavor's pressure: max(minimum_pressure, open jobs routed to it).");

    public void Dispose() => _meter.Dispose();
}
