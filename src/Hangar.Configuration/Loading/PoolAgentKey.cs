using Hangar.Core.Pools;

namespace Hangar.Configuration.Loading;

/// <summary>
/// <c>pools.X.agent</c>: the path of <c>hangar-agent</c> inside the pool's machines. A runner pool's agent starts the
/// pool's <c>command</c> (the runner) and dials <c>server.agent</c>, so it needs both; an exec-only pool's agent runs
/// tasks alone (exec brings its own endpoint).
/// </summary>
internal static class PoolAgentKey
{
    public static string? Read(MappingReader pool, PoolSpec spec, bool agentEndpoint)
    {
        if (pool.String("agent") is not { } agent)
        {
            return null;
        }

        var at = pool.KeyMark("agent");
        if (!agent.StartsWith('/'))
        {
            pool.Context.Error(at, $"{pool.At("agent")}: expected an absolute path inside the machine, e.g. /opt/runner/hangar-agent");
            return null;
        }

        if (spec.ExecOnly)
        {
            return agent;
        }

        if (spec.Command.Count == 0)
        {
            pool.Context.Error(at, $"{pool.At("agent")}: a runner pool's agent starts the runner: set {pool.At("command")} to the runner's command");
        }

        if (!agentEndpoint)
        {
            pool.Context.Error(at, $"{pool.At("agent")}: the agent dials Hangar's agent endpoint: set server.agent.listen (docs/configuration.md)");
        }

        return agent;
    }
}
