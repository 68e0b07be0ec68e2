namespace Hangar.Core.Pools;

/// <summary>
/// What a pool's machine is told to run when it carries the agent (<see cref="PoolSpec.Agent"/>): the agent, with the
/// pool's command (the runner) after <c>--</c> for it to start and watch; the agent alone for a pool that only runs
/// <c>hangar exec</c> tasks. Shared by the engine's creates and exec's.
/// </summary>
public static class AgentLaunch
{
    public static IReadOnlyList<string> Command(PoolSpec pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (pool.Agent is not { } agent)
        {
            return pool.Command;
        }

        return pool.Command.Count == 0 ? [agent] : [agent, "--", .. pool.Command];
    }
}
