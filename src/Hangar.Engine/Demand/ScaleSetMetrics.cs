using System.Diagnostics.Metrics;

namespace Hangar.Engine.Demand;

/// <summary>The scale-set listeners' instruments (meter <c>Hangar.Engine</c>): messages, acquires, session conflicts and
/// job startup as ARC measures it (<c>runnerAssignTime − scaleSetAssignTime</c>).</summary>
internal sealed class ScaleSetMetrics
{
    private readonly Counter<long> _messages;
    private readonly Counter<long> _acquires;
    private readonly Counter<long> _acquired;
    private readonly Counter<long> _conflicts;
    private readonly Histogram<double> _startup;

    public ScaleSetMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(EngineMetrics.MeterName);
        _messages = meter.CreateCounter<long>("hangar.scaleset.messages", description: "Scale-set queue messages handled, by pool.");
        _acquires = meter.CreateCounter<long>("hangar.scaleset.acquires", description: "acquirejobs calls, by pool.");
        _acquired = meter.CreateCounter<long>("hangar.scaleset.jobs_acquired", description: "Jobs acquired for a scale set, by pool.");
        _conflicts = meter.CreateCounter<long>("hangar.scaleset.session_conflicts", description: "Session creates refused with 409, by pool.");
        _startup = meter.CreateHistogram<double>("hangar.scaleset.job_startup", unit: "s",
            description: "Job startup as ARC measures it: runnerAssignTime - scaleSetAssignTime, by pool.");
    }

    public void Message(string pool) => _messages.Add(1, Tag(pool));

    public void Acquire(string pool, int acquired)
    {
        _acquires.Add(1, Tag(pool));
        _acquired.Add(acquired, Tag(pool));
    }

    public void SessionConflict(string pool) => _conflicts.Add(1, Tag(pool));

    public void JobStartup(string pool, TimeSpan startup) => _startup.Record(Math.Max(0, startup.TotalSeconds), Tag(pool));

    private static KeyValuePair<string, object?> Tag(string pool) => new("pool", pool);
}
