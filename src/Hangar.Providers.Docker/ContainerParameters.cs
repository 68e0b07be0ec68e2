using System.Globalization;
using Docker.DotNet.Models;
using Hangar.Core.Providers;

namespace Hangar.Providers.Docker;

/// <summary>Turns a <see cref="RunnerSpec"/> into the engine's create request, least privilege by default.</summary>
internal static class ContainerParameters
{
    /// <summary>Bounds a fork bomb in a job without getting in the way of real builds.</summary>
    public const long PidsLimit = 4096;

    public static CreateContainerParameters For(RunnerSpec spec, string controllerId)
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
            [DockerLabels.Controller] = controllerId,
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
            HostConfig = new HostConfig
            {
                Mounts = [.. spec.Mounts.Select(m => new Mount { Type = "bind", Source = m.Source, Target = m.Target, ReadOnly = m.ReadOnly })],
                NetworkMode = spec.NetworkMode,
                NanoCPUs = spec.Cpus is { } cpus ? (long)Math.Round(cpus * 1_000_000_000d) : 0,
                Memory = spec.MemoryMb is { } mb ? mb * 1024 * 1024 : 0,
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                PidsLimit = PidsLimit,
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
