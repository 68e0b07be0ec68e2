namespace Hangar.Server.Dashboard;

/// <summary>A pool's line: runners by phase, queued jobs, breaker state, and its recent queue and boot times in seconds,
/// oldest first (the charts).</summary>
internal sealed record DashboardPool(
    string Name,
    string Provider,
    bool Enabled,
    int MinIdle,
    int MaxRunners,
    int QueuedJobs,
    IReadOnlyDictionary<string, int> Runners,
    string State,
    string? LastError,
    IReadOnlyList<double> QueueSeconds,
    IReadOnlyList<double> BootSeconds);
