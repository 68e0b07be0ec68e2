using Hangar.Core.Pools;

namespace Hangar.Core.Providers;

/// <summary>Everything a provider needs to start one runner.</summary>
public sealed record RunnerSpec
{
    public required string Name { get; init; }

    public required string Pool { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public string? Image { get; init; }

    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Plain environment for the runner.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Secret environment (the one-job credential). Providers pass it to the runner only and never log it.</summary>
    public IReadOnlyDictionary<string, string> SecretEnv { get; init; } = new Dictionary<string, string>();

    /// <summary>How <see cref="SecretEnv"/> and <see cref="InstanceToken"/> reach the runner.</summary>
    public CredentialDelivery CredentialDelivery { get; init; } = CredentialDelivery.Environment;

    /// <summary>
    /// The token this instance presents to Hangar (metadata, callbacks, agent), scoped to it. Secret: delivered like
    /// <see cref="SecretEnv"/>, as <see cref="RunnerEnvironment.InstanceToken"/>. Null when none was issued.
    /// </summary>
    public string? InstanceToken { get; init; }

    /// <summary>Where the in-instance agent dials Hangar, given as <see cref="RunnerEnvironment.AgentAddress"/>; null when none.</summary>
    public Uri? AgentAddress { get; init; }

    public IReadOnlyList<MountSpec> Mounts { get; init; } = [];

    public string? NetworkMode { get; init; }

    public double? Cpus { get; init; }

    public long? MemoryMb { get; init; }

    /// <summary>The size of the machine's disk in GiB; null for the provider's default.</summary>
    public int? DiskGb { get; init; }

    /// <summary>A cloud's machine type (a GARM provider's "flavor"); null for the provider's default.</summary>
    public string? InstanceType { get; init; }

    /// <summary>The user the runner runs as (a name, or a uid; Docker also takes <c>uid:gid</c>); null for the
    /// provider's default (the image's user, Hangar's own user).</summary>
    public string? User { get; init; }

    /// <summary>Run with a read-only root filesystem (Docker; <c>/tmp</c> is then a tmpfs).</summary>
    public bool ReadOnlyRootFilesystem { get; init; }

    public override string ToString() => $"RunnerSpec {{ Name = {Name}, Pool = {Pool}, Image = {Image} }}";
}
