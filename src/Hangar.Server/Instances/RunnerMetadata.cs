namespace Hangar.Server.Instances;

/// <summary><c>GET metadata/runner-metadata</c>: what the machine is to become (snake_case on the wire, as GARM's).</summary>
internal sealed record RunnerMetadata(
    string RunnerName,
    IReadOnlyList<string> RunnerLabels,
    string Pool,
    string ControllerId,
    bool JitEnabled,
    string ServiceName,
    string State,
    DateTimeOffset TokenExpiresAt);
