using Hangar.Emulator.Faults;

namespace Hangar.Emulator.Gitea;

/// <summary>How a <see cref="GiteaEmulatorHost"/> behaves: flavor, token, webhook target (Gitea only) and faults.</summary>
public sealed record GiteaEmulatorOptions
{
    public GiteaFlavor Flavor { get; init; } = GiteaFlavor.Gitea;

    /// <summary>Loopback URL to listen on; port 0 picks a free port.</summary>
    public string Listen { get; init; } = "http://127.0.0.1:0";

    /// <summary>The personal access token the REST API accepts (<c>Authorization: token …</c>).</summary>
    public required string Token { get; init; }

    /// <summary>Where Gitea sends <c>workflow_job</c> webhooks; none when null (Forgejo never sends them).</summary>
    public Uri? WebhookUrl { get; init; }

    public string? WebhookSecret { get; init; }

    /// <summary>How long a job runs once a runner took it, unless queued with its own duration.</summary>
    public TimeSpan DefaultJobDuration { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>REST 5xx/429 rates and webhook drop/duplicate rates (the GitHub emulator's fault set).</summary>
    public EmulatorFaults Faults { get; init; } = EmulatorFaults.None;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
