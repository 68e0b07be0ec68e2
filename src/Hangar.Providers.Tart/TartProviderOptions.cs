namespace Hangar.Providers.Tart;

/// <summary><c>providers.NAME</c> with <c>type: tart</c>.</summary>
public sealed record TartProviderOptions
{
    /// <summary>The provider's configured name.</summary>
    public required string Name { get; init; }

    /// <summary>Recorded for every VM (Tart has no labels); only VMs recorded with it are ever touched. Set by the host.</summary>
    public string ControllerId { get; init; } = "";

    /// <summary>The <c>tart</c> executable.</summary>
    public string Executable { get; init; } = "tart";

    /// <summary>Where each VM's record, share and log live: <c>{state_dir}/{name}/</c>.</summary>
    public string StateDir { get; init; } = "/var/lib/hangar/tart";

    /// <summary>The most VMs running on this host at once, Hangar's or not: macOS runs at most two.</summary>
    public int MaxRunning { get; init; } = 2;

    /// <summary>How long one tart call may take (a clone copies a disk) before it is killed.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a <c>tart pull</c> of a remote image may take (tens of GB for a macOS image) before it is killed.</summary>
    public TimeSpan PullTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a started VM has to show as running.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
