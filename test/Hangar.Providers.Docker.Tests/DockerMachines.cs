using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Hangar.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Docker.Tests;

/// <summary>
/// The providers a test makes and everything they leave: every container carrying one of their controller ids (and
/// any container the test made by name) is removed when the test ends, pass or fail. Nothing else on the engine is
/// touched.
/// </summary>
public sealed class DockerMachines(DockerEngineFixture engine) : IAsyncDisposable
{
    private readonly List<string> _controllers = [];
    private readonly List<string> _containerNames = [];
    private readonly List<DockerProvider> _providers = [];

    public DockerClient Client => engine.Client;

    public DockerProvider NewProvider(string controllerId, Func<DockerProviderOptions, DockerProviderOptions>? configure = null)
    {
        var options = OptionsFor(controllerId);
        var provider = new DockerProvider(configure is null ? options : configure(options), NullLogger<DockerProvider>.Instance);
        _providers.Add(provider);
        return provider;
    }

    /// <summary>The options of a provider for <paramref name="controllerId"/>, whose containers are removed at the end.</summary>
    public DockerProviderOptions OptionsFor(string controllerId)
    {
        _controllers.Add(controllerId);
        return new DockerProviderOptions
        {
            Name = "docker-test",
            ControllerId = controllerId,
            Endpoint = DockerEngineFixture.Endpoint,
            StopGrace = TimeSpan.FromSeconds(2),
        };
    }

    /// <summary>What the container wrote to its standard output and error so far.</summary>
    public async Task<string> LogsAsync(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        using var stream = await Client.Containers.GetContainerLogsAsync(
            name, tty: false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, ct).Within();
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(ct).Within();
        return stdout + stderr;
    }

    /// <summary>Registers a container the test makes outside any provider, so it is removed too.</summary>
    public string Track(string name)
    {
        _containerNames.Add(name);
        return name;
    }

    /// <summary>The container with that name or id, or null.</summary>
    public async Task<ContainerInspectResponse?> InspectAsync(string name)
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

    /// <summary>A file inside the container (running or not), or null when there is no such file or container.</summary>
    public async Task<ContainerFile?> ReadFileAsync(string name, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        GetArchiveFromContainerResponse archive;
        try
        {
            archive = await Client.Containers.GetArchiveFromContainerAsync(
                name, new GetArchiveFromContainerParameters { Path = path }, statOnly: false, ct).Within();
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        await using var stream = archive.Stream;
        await using var reader = new TarReader(stream);
        var entry = await reader.GetNextEntryAsync(copyData: true, ct).AsTask().Within();
        if (entry?.DataStream is null)
        {
            return null;
        }

        using var text = new StreamReader(entry.DataStream);
        return new ContainerFile(await text.ReadToEndAsync(ct).Within(), entry.Mode, entry.Uid, entry.Gid);
    }

    /// <summary>Containers (any state) labelled with <paramref name="controllerId"/>, straight from the engine.</summary>
    public async Task<IList<ContainerListResponse>> LabelledAsync(string controllerId, CancellationToken cancellationToken) =>
        await Client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Controller}={controllerId}"] = true },
                },
            },
            cancellationToken).WaitAsync(TaskDeadlines.Call, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TaskDeadlines.Call);
        foreach (var controller in _controllers.Distinct())
        {
            foreach (var container in await LabelledAsync(controller, timeout.Token))
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
    }

    private async Task RemoveQuietlyAsync(string idOrName, CancellationToken cancellationToken)
    {
        try
        {
            // With its volumes: a container with file delivery has one of its own.
            await Client.Containers.RemoveContainerAsync(idOrName, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }
}
