using System.Globalization;
using Docker.DotNet.Models;
using Hangar.Core.Providers;

namespace Hangar.Providers.Docker;

/// <summary>Turns a <see cref="RunnerSpec"/> into the engine's create request, least privilege by default.</summary>
internal static class ContainerParameters
{
    /// <summary>A read-only root still needs somewhere to write temporary files. Its mode comes from the image's
    /// own <c>/tmp</c> (the engine copies it up), which is world-writable and sticky in any usual image.</summary>
    public const string TmpfsOptions = "rw,nosuid,nodev,mode=1777";

    public static CreateContainerParameters For(RunnerSpec spec, DockerProviderOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.Image);

        var env = RunnerEnvironment.Of(spec, ContainerCredentials.Directory);

        // The engine quotes a malformed entry whole (value included) in its error, so names are checked here first.
        var badKey = env.Keys.FirstOrDefault(k => k.Length == 0 || k.Contains('=', StringComparison.Ordinal) || k.Contains('\0', StringComparison.Ordinal));
        if (badKey is not null)
        {
            throw new ArgumentException($"runner {spec.Name}: invalid environment variable name '{badKey}'", nameof(spec));
        }

        var byFile = spec.CredentialDelivery == CredentialDelivery.File;
        var badFile = byFile ? RunnerEnvironment.Secrets(spec).Keys.FirstOrDefault(k => !RunnerEnvironment.IsValidFileName(k)) : null;
        if (badFile is not null)
        {
            throw new ArgumentException($"runner {spec.Name}: secret name '{badFile}' cannot be a credential file name", nameof(spec));
        }

        var labels = new Dictionary<string, string>
        {
            [DockerLabels.Controller] = options.ControllerId,
            [DockerLabels.Pool] = spec.Pool,
            [DockerLabels.Instance] = spec.Name,
        };
        if (byFile)
        {
            labels[DockerLabels.Credentials] = DockerLabels.CredentialsByFile;
        }

        return new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            Cmd = spec.Command.Count > 0 ? [.. spec.Command] : null,
            Env = [.. env.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}={e.Value}"))],
            Labels = labels,
            User = spec.User,
            // The credentials go in a volume of the container's own (removed with it): the engine's archive API
            // writes into a volume even when the root file system is read-only, and into a tmpfs never before start.
            Volumes = byFile ? new Dictionary<string, EmptyStruct> { [ContainerCredentials.Root] = default } : null,
            HostConfig = new HostConfig
            {
                Mounts = [.. spec.Mounts.Select(m => new Mount { Type = "bind", Source = m.Source, Target = m.Target, ReadOnly = m.ReadOnly })],
                NetworkMode = spec.NetworkMode,
                NanoCPUs = spec.Cpus is { } cpus ? (long)Math.Round(cpus * 1_000_000_000d) : 0,
                Memory = (spec.MemoryMb ?? options.DefaultMemoryMb) * 1024 * 1024,
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                PidsLimit = options.PidsLimit,
                ReadonlyRootfs = spec.ReadOnlyRootFilesystem,
                Tmpfs = spec.ReadOnlyRootFilesystem ? new Dictionary<string, string> { ["/tmp"] = TmpfsOptions } : null,
                Privileged = false,
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No },
            },
        };
    }

    public static ProviderInstanceStatus StatusOf(string? state) => state switch
    {
        "created" => ProviderInstanceStatus.Created,
        "running" or "restarting" or "paused" => ProviderInstanceStatus.Running,
        "exited" or "dead" or "removing" => ProviderInstanceStatus.Exited,
        _ => ProviderInstanceStatus.Unknown,
    };
}
