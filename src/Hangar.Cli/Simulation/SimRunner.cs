using Hangar.Core.Instances;

namespace Hangar.Cli.Simulation;

/// <summary>A runner in a replay: pending until a provider slot is free, provisioning while its machine is made, booting
/// until online, then idle, then busy with one job, then gone.</summary>
internal sealed class SimRunner(string name, string pool, string provider, DateTimeOffset createdAt)
{
    public string Name { get; } = name;

    public string Pool { get; } = pool;

    public string Provider { get; } = provider;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public InstanceState State { get; set; } = InstanceState.Pending;

    public DateTimeOffset StateChangedAt { get; set; } = createdAt;

    public SimJob? Job { get; set; }

    public Instance ToInstance() => new()
    {
        Name = Name,
        Pool = Pool,
        Provider = Provider,
        State = State,
        CreatedAt = CreatedAt,
        StateChangedAt = StateChangedAt,
    };
}
