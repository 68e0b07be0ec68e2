namespace Hangar.Providers.Process;

public sealed record ProcessProviderOptions
{
    /// <summary>The provider's configured name.</summary>
    public required string Name { get; init; }

    /// <summary>Recorded with every runner; only runners recorded with it are ever listed or stopped. The installation's
    /// id, set by the host (never by the provider's configuration); registration refuses an empty one.</summary>
    public string ControllerId { get; init; } = "";

    /// <summary>Each runner gets <c>{WorkDir}/{name}</c>: its working directory, log and record.</summary>
    public required string WorkDir { get; init; }

    /// <summary>How long a runner's process group has between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);
}
