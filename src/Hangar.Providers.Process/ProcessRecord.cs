using Hangar.Core.Providers;

namespace Hangar.Providers.Process;

/// <summary>
/// What <c>instance.json</c> holds: enough to find the runner again after Hangar restarts and to start it again after
/// a stop, and nothing secret. <see cref="StartTime"/> (field 22 of <c>/proc/&lt;pid&gt;/stat</c>) tells our process
/// from a later one that got the same pid; null when the process was gone before it could be read.
/// <see cref="Command"/> and <see cref="Environment"/> (the plain part only) are null in records written before
/// Hangar could start a runner again.
/// </summary>
internal sealed record ProcessRecord(
    string Name,
    string Pool,
    string ControllerId,
    int Pid,
    long? StartTime,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? Command = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    CredentialDelivery CredentialDelivery = CredentialDelivery.Environment);
