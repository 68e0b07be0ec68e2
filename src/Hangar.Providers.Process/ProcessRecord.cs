using Hangar.Core.Providers;

namespace Hangar.Providers.Process;

/// <summary>
/// What <c>instance.json</c> holds: enough to find the runner again after Hangar restarts and to start it again after
/// a stop, and nothing secret. It is written before the runner starts, as an intent without a <see cref="Pid"/>, and
/// again with the pid once it runs; a Hangar killed in between finds the runner by <see cref="LaunchId"/>, which the
/// runner and everything it starts carry in their environment (<see cref="LaunchMarker"/>).
/// <see cref="StartTime"/> (field 22 of <c>/proc/&lt;pid&gt;/stat</c>) tells our process from a later one that got the
/// same pid; null when the process was gone before it could be read. <see cref="Command"/> and
/// <see cref="Environment"/> (the plain part only) are null in records written before Hangar could start a runner
/// again, <see cref="LaunchId"/> in records written before intents.
/// </summary>
internal sealed record ProcessRecord(
    string Name,
    string Pool,
    string ControllerId,
    int? Pid,
    long? StartTime,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? Command = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    CredentialDelivery CredentialDelivery = CredentialDelivery.Environment,
    string? LaunchId = null,
    string? User = null);
