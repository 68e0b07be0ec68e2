using Hangar.Cli.Traces;

namespace Hangar.Cli.Simulation;

/// <summary>
/// A pool's machines as the trace's own instances measured them, from the moment a create has its provider slot: how long
/// the provider's create held the slot (provisioning → booting) and how long until the runner was online (provisioning →
/// online; it may connect before Hangar hears that the create returned), drawn together from one instance; and how long
/// a destroy held a slot (deleting → deleted). With these a replay queues creates and destroys for the provider's slots
/// as the actuator does, instead of drawing one created → online time that holds whatever slot waits the recorded run had.
/// </summary>
internal sealed class MachinePhases
{
    private readonly (TimeSpan Create, TimeSpan Online)[] _machines;

    public MachinePhases(IEnumerable<(TimeSpan Create, TimeSpan Online)> machines, BootTimes? destroy)
    {
        _machines = [.. machines.OrderBy(m => m.Online).ThenBy(m => m.Create)];
        Destroy = destroy;
    }

    public BootTimes? Destroy { get; }

    public (TimeSpan Create, TimeSpan Online) Draw(Random random) => _machines[random.Next(_machines.Length)];

    /// <summary>
    /// Per pool, from the trace's instances that record their phases (an exported trace). Only instances whose online time
    /// is the start of a job that was waiting for them are used when the pool has any: the others' online time is when
    /// Hangar next looked at the forge, late by up to that loop's interval. A pool without measured phases is left out,
    /// and boots for its created → online times.
    /// </summary>
    public static Dictionary<string, MachinePhases> FromTrace(IEnumerable<TraceRecord> records)
    {
        var phases = new Dictionary<string, MachinePhases>(StringComparer.Ordinal);
        foreach (var pool in records.Where(r => r.Kind == TraceRecord.InstanceKind && r.Pool is not null).GroupBy(r => r.Pool!))
        {
            var made = pool.Where(r => r.CreateTime is not null && r.MachineTime is not null).ToList();
            if (made.Any(r => r.OnlineFromJob))
            {
                made = [.. made.Where(r => r.OnlineFromJob)];
            }

            if (made.Count == 0)
            {
                continue;
            }

            var destroys = pool.Where(r => r.DestroyTime is not null).Select(r => r.DestroyTime!.Value).ToList();
            phases[pool.Key] = new MachinePhases(
                made.Select(r => (r.CreateTime!.Value, r.MachineTime!.Value)),
                destroys.Count > 0 ? BootTimes.Observed(destroys) : null);
        }

        return phases;
    }
}
