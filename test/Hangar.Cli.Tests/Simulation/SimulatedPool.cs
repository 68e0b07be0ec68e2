using Hangar.Core.Pools;

namespace Hangar.Cli.Tests.Simulation;

/// <summary>The one pool the simulation tests replay their traces against.</summary>
internal static class SimulatedPool
{
    public static readonly PoolSpec Linux = new()
    {
        Name = "linux",
        Forge = "github",
        Target = ForgeTarget.Organization("acme"),
        Labels = ["self-hosted", "linux"],
        Provider = "docker",
        MaxRunners = 300,
    };
}
