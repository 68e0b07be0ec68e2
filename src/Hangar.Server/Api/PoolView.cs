namespace Hangar.Server.Api;

/// <summary>
/// A pool as <c>/pools</c> shows it. <see cref="State"/> is <c>ok</c>, <c>degraded</c> (its creates kept failing and are
/// held back until <see cref="RetryAt"/>) or <c>probing</c> (one create is being tried); <see cref="LastError"/> says why.
/// <see cref="Owner"/> is the replica that plans and provisions it (its lease's holder; null while no replica holds it),
/// <see cref="Replica"/> the replica it is pinned to, if any. <see cref="Enabled"/>, <see cref="MinIdle"/> and
/// <see cref="MaxRunners"/> are in effect now; <see cref="Overrides"/> holds the run-time overrides behind them, if any,
/// next to the file's values.
/// </summary>
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
    IReadOnlyDictionary<string, int> Runners,
    string State,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? DegradedSince,
    DateTimeOffset? RetryAt,
    string? Owner,
    string? Replica,
    PoolOverrideView? Overrides = null);
