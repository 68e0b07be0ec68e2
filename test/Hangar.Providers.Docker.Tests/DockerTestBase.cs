using Docker.DotNet;
using Docker.DotNet.Models;
using Hangar.Core.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Docker.Tests;

/// <summary>
/// Gives each test its own controller ids and removes every container carrying them (and any foreign-labelled
/// container the test made by name) afterwards, pass or fail. Nothing else on the engine is touched.
/// </summary>
public abstract class DockerTestBase(DockerEngineFixture engine) : IAsyncLifetime
{
    private readonly List<string> _controllers = [];
    private readonly List<string> _containerNames = [];
    private readonly List<DockerProvider> _providers = [];

    protected DockerEngineFixture Engine { get; } = engine;

    protected DockerClient Client => Engine.Client;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(Timeouts.Call);
        foreach (var controller in _controllers)
        {
            var ours = await Client.Containers.ListContainersAsync(
                new ContainersListParameters
                {
                    All = true,
                    Filters = new Dictionary<string, IDictionary<string, bool>>
                    {
                        ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Controller}={controller}"] = true },
                    },
                },
                timeout.Token);
            foreach (var container in ours)
            {
                await RemoveQuietlyAsync(container.ID, timeout.Token);
            }
        }

        foreach (var name in _containerNames)
        {
            await RemoveQuietlyAsync(name, timeout.Token);
        }

        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected static string UniqueName(string prefix = "hangar-t") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    protected DockerProvider NewProvider(string? controllerId = null)
    {
        controllerId ??= UniqueName("ctl");
        _controllers.Add(controllerId);
        var provider = new DockerProvider(
            new DockerProviderOptions { Name = "docker-test", ControllerId = controllerId, Endpoint = DockerEngineFixture.Endpoint },
            NullLogger<DockerProvider>.Instance);
        _providers.Add(provider);
        return provider;
    }

    /// <summary>Registers a container the test makes outside any provider, so it is removed too.</summary>
    protected string TrackName(string name)
    {
        _containerNames.Add(name);
        return name;
    }

    protected static RunnerSpec Spec(string? name = null, string pool = "pool-a", params string[] command) => new()
    {
        Name = name ?? UniqueName(),
        Pool = pool,
        Labels = ["self-hosted", "linux"],
        Image = DockerEngineFixture.Image,
        Command = command.Length > 0 ? command : ["sh", "-c", "sleep 30"],
        NetworkMode = "host",
    };

    protected async Task<ContainerInspectResponse?> InspectAsync(string name)
    {
        try
        {
            return await Client.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken).Within();
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    private async Task RemoveQuietlyAsync(string idOrName, CancellationToken cancellationToken)
    {
        try
        {
            await Client.Containers.RemoveContainerAsync(idOrName, new ContainerRemoveParameters { Force = true }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }
}
