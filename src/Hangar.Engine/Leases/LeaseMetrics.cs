using System.Diagnostics.Metrics;

namespace Hangar.Engine.Leases;

/// <summary>
/// Lease ownership on the engine's meter: <c>hangar_leases_held</c> (1 per lease this replica holds, by lease and
/// kind), <c>hangar_leases_acquired_total</c> (take-overs included) and <c>hangar_leases_lost_total</c> (by reason:
/// taken, expired, renew failed, shutdown). Summed over replicas, held is 1 per lease when all is well.
/// </summary>
internal sealed class LeaseMetrics
{
    private readonly Counter<long> _acquired;
    private readonly Counter<long> _lost;

    public LeaseMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(EngineMetrics.MeterName);
        _acquired = meter.CreateCounter<long>("hangar.leases.acquired", description: "Leases this replica took (a new owner, or itself again after losing one), by kind.");
        _lost = meter.CreateCounter<long>("hangar.leases.lost", description: "Leases this replica lost, by kind and reason.");
        Meter = meter;
    }

    private Meter Meter { get; }

    public void Acquired(string lease) => _acquired.Add(1, new KeyValuePair<string, object?>("kind", KindOf(lease)));

    public void Lost(string lease, string reason) =>
        _lost.Add(1, new KeyValuePair<string, object?>("kind", KindOf(lease)), new KeyValuePair<string, object?>("reason", reason));

    public void ObserveHeld(Func<IEnumerable<string>> held) =>
        Meter.CreateObservableGauge(
            "hangar.leases.held",
            () => held().Select(l => new Measurement<int>(1, new KeyValuePair<string, object?>("lease", l), new KeyValuePair<string, object?>("kind", KindOf(l)))),
            description: "1 for each lease this replica holds.");

    private static string KindOf(string lease) => lease.IndexOf(':', StringComparison.Ordinal) is var i and > 0 ? lease[..i] : lease;
}
