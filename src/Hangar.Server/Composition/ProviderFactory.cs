using Hangar.Core.Providers;
using Hangar.Configuration;
using Hangar.Providers.Docker;
using Hangar.Providers.Process;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Composition;

internal static class ProviderFactory
{
    public static IProvider Create(ProviderConfig config, string controllerId, string dataDir, ILoggerFactory loggers) => config.Type switch
    {
        "docker" => new DockerProvider(
            new DockerProviderOptions
            {
                Name = config.Name,
                ControllerId = controllerId,
                Endpoint = config.Endpoint ?? "unix:///var/run/docker.sock",
            },
            loggers.CreateLogger<DockerProvider>()),
        "process" => new ProcessProvider(
            new ProcessProviderOptions
            {
                Name = config.Name,
                ControllerId = controllerId,
                WorkDir = config.WorkDir ?? Path.Combine(dataDir, "process"),
            },
            loggers.CreateLogger<ProcessProvider>()),
        _ => throw new InvalidOperationException($"provider {config.Name}: unknown type '{config.Type}'"),
    };
}
