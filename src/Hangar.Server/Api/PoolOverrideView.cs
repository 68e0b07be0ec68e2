namespace Hangar.Server.Api;

/// <summary>
/// A pool's run-time overrides next to what the configuration file says. A set value wins over the file until it is
/// cleared (<c>DELETE /pools/{name}/overrides</c>), also across reloads of the file; null: the file's value applies.
/// </summary>
internal sealed record PoolOverrideView(
    bool? Enabled,
    int? MinIdle,
    int? MaxRunners,
    string SetBy,
    DateTimeOffset SetAt,
    bool ConfiguredEnabled,
    int ConfiguredMinIdle,
    int ConfiguredMaxRunners);
