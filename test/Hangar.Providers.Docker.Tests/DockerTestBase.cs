using Docker.DotNet;
using Docker.DotNet.Models;
using Hangar.Core.Providers;

namespace Hangar.Providers.Docker.Tests;

/// <summary>What only the Docker provider does (engine parameters, labels, errors): each test gets its own controller
/// ids, and everything they made is removed afterwards, pass or fail.</summary>
public abstract class DockerTestBase(DockerEngineFixture engine) : IAsyncLifetime
{
    protected DockerEngineFixture Engine { get; } = engine;

    protected DockerMachines Machines { get; } = new(engine);

    protected DockerClient Client => Engine.Client;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await Machines.DisposeAsync();
    }

    protected static string UniqueName(string prefix = "hangar-t") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    protected DockerProvider NewProvider(string? controllerId = null) => Machines.NewProvider(controllerId ?? UniqueName("ctl"));

    protected DockerProvider NewProvider(Func<DockerProviderOptions, DockerProviderOptions> configure) => Machines.NewProvider(UniqueName("ctl"), configure);

    /// <summary>Registers a container the test makes outside any provider, so it is removed too.</summary>
    protected string TrackName(string name) => Machines.Track(name);

    protected static RunnerSpec Spec(string? name = null, string pool = "pool-a", params string[] command) => new()
    {
        Name = name ?? UniqueName(),
        Pool = pool,
        Labels = ["self-hosted", "linux"],
        Image = DockerEngineFixture.Image,
        Command = command.Length > 0 ? command : ["sh", "-c", "sleep 30"],
        NetworkMode = "host",
    };

    protected Task<ContainerInspectResponse?> InspectAsync(string name) => Machines.InspectAsync(name);
}
