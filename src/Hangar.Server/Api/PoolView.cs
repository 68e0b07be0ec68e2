namespace Hangar.Server.Api;

internal sealed record PoolView(
    string Name,
    string Forge,
    string Target,
    IReadOnlyList<string> Labels,
    string Provider,
    int MinIdle,
    int MaxRunners,
    int Priority,
    bool Enabled,
    int QueuedJobs,
    IReadOnlyDictionary<string, int> Runners);
