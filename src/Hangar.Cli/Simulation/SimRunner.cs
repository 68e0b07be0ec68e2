using Hangar.Core.Instances;

namespace Hangar.Cli.Simulation;

/// <summary>A runner in a replay: booting until <see cref="OnlineAt"/>, then idle, then busy with one job, then gone.</summary>
internal sealed class SimRunner(string name, string pool, DateTimeOffset createdAt, DateTimeOffset onlineAt)
{
    public string Name { get; } = name;

    public string Pool { get; } = pool;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset OnlineAt { get; } = onlineAt;

    public InstanceState State { get; set; } = InstanceState.Booting;

    public DateTimeOffset StateChangedAt { get; set; } = createdAt;

    public SimJob? Job { get; set; }

    public Instance ToInstance() => new()
    {
        Name = Name,
        Pool = Pool,
        Provider = "simulated",
        State = State,
        CreatedAt = CreatedAt,
        StateChangedAt = StateChangedAt,
    };
}
