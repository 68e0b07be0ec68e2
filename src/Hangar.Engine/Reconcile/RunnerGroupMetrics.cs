using System.Diagnostics.Metrics;

namespace Hangar.Engine.Reconcile;

/// <summary>Managed runner groups' instruments (meter <c>Hangar.Engine</c>): drift found, by forge, group and field
/// (<see cref="Core.RunnerGroups.RunnerGroupDrift"/> names, <c>missing</c> for a group that is not there), and
/// corrections that failed.</summary>
internal sealed class RunnerGroupMetrics
{
    private readonly Counter<long> _drift;
    private readonly Counter<long> _failed;

    public RunnerGroupMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(EngineMetrics.MeterName);
        _drift = meter.CreateCounter<long>("hangar.runner_groups.drift", description: "Managed runner groups found away from their declaration, by forge, group and field.");
        _failed = meter.CreateCounter<long>("hangar.runner_groups.correction_failures", description: "Creates or corrections of managed runner groups that failed, by forge and group.");
    }

    public void Drift(string forge, string group, string field) =>
        _drift.Add(1, new KeyValuePair<string, object?>("forge", forge), new("group", group), new("field", field));

    public void Failed(string forge, string group) =>
        _failed.Add(1, new KeyValuePair<string, object?>("forge", forge), new("group", group));
}
