using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Hangar.Core.Providers;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Docker;

/// <summary>
/// One container per runner, named after the instance and labelled with the controller id and pool. Containers
/// without this controller's label are never started, stopped or removed, whatever their name. Images are never
/// pulled: what runs is what the operator put on the engine.
/// </summary>
public sealed class DockerProvider : IProvider, IDisposable
{
    // A name conflict means a concurrent creator won. The engine reserves the name before the container can be
    // inspected, and a concurrent delete may remove it again, so the loser looks again a few times, backing off.
    private const int MaxCreateAttempts = 20;

    private static readonly TimeSpan MaxConflictBackoff = TimeSpan.FromMilliseconds(500);

    private readonly DockerProviderOptions _options;
    private readonly ILogger<DockerProvider> _logger;
    private readonly DockerClient _client;
    private readonly TimeProvider _time;

    public DockerProvider(DockerProviderOptions options, ILogger<DockerProvider> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ControllerId);
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        // The client owns and disposes its configuration.
        _client = new DockerClientConfiguration(new Uri(options.Endpoint)).CreateClient();
    }

    public string Name => _options.Name;

    public async Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.Name);
        if (string.IsNullOrWhiteSpace(spec.Image))
        {
            throw new ArgumentException($"runner {spec.Name}: the Docker provider needs an image", nameof(spec));
        }

        var secrets = spec.SecretEnv.Values.ToArray();
        for (var attempt = 1; ; attempt++)
        {
            var existing = await InspectByNameAsync(spec.Name, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return await AdoptAsync(existing, secrets, cancellationToken).ConfigureAwait(false);
            }

            await EnsureImagePresentAsync(spec.Image, cancellationToken).ConfigureAwait(false);
            string id;
            try
            {
                var parameters = ContainerParameters.For(spec, _options.ControllerId);
                var created = await _client.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false);
                id = created.ID;
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && attempt < MaxCreateAttempts)
            {
                DockerProviderLog.CreateRaced(_logger, Name, spec.Name);
                var backoff = TimeSpan.FromMilliseconds(Math.Min(25 * attempt, MaxConflictBackoff.TotalMilliseconds));
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (DockerApiException e)
            {
                throw Failure($"creating container {spec.Name} failed", e, secrets);
            }

            DockerProviderLog.ContainerCreated(_logger, Name, spec.Name, id, spec.Pool);
            await StartAsync(id, spec.Name, secrets, cancellationToken).ConfigureAwait(false);
            var inspected = await InspectByNameAsync(spec.Name, cancellationToken).ConfigureAwait(false);
            return inspected is null
                ? new ProviderInstance(spec.Name, id, spec.Pool, ProviderInstanceStatus.Unknown)
                : ToInstance(inspected);
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var existing = await InspectByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return;
        }

        if (!IsOurs(existing.Config?.Labels))
        {
            DockerProviderLog.ForeignContainerIgnored(_logger, Name, name);
            return;
        }

        try
        {
            // Removing by id, not name: a same-named container created after our inspect is not ours to remove.
            await _client.Containers.RemoveContainerAsync(
                existing.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // "removal already in progress": a concurrent delete owns it now.
            return;
        }

        DockerProviderLog.ContainerRemoved(_logger, Name, name, existing.ID);
    }

    public async Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var existing = await InspectByNameAsync(name, cancellationToken).ConfigureAwait(false);
        return existing is not null && IsOurs(existing.Config?.Labels) ? ToInstance(existing) : null;
    }

    public async Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default)
    {
        var labels = new Dictionary<string, bool> { [$"{DockerLabels.Controller}={_options.ControllerId}"] = true };
        if (pool is not null)
        {
            labels[$"{DockerLabels.Pool}={pool}"] = true;
        }

        var containers = await _client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels },
            },
            cancellationToken).ConfigureAwait(false);

        // The engine already filtered; checking again keeps a filter quirk from ever handing out a foreign container.
        return
        [
            .. containers
                .Where(c => IsOurs(c.Labels) && (pool is null || LabelOf(c.Labels, DockerLabels.Pool) == pool))
                .Select(c => new ProviderInstance(
                    LabelOf(c.Labels, DockerLabels.Instance) ?? c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID,
                    c.ID,
                    LabelOf(c.Labels, DockerLabels.Pool) ?? string.Empty,
                    ContainerParameters.StatusOf(c.State))),
        ];
    }

    public void Dispose() => _client.Dispose();

    private async Task<ProviderInstance> AdoptAsync(ContainerInspectResponse existing, string[] secrets, CancellationToken cancellationToken)
    {
        var name = existing.Name.TrimStart('/');
        if (!IsOurs(existing.Config?.Labels))
        {
            throw new InvalidOperationException(
                $"a container named {name} exists but is not labelled {DockerLabels.Controller}={_options.ControllerId}; " +
                "Hangar does not touch containers it did not create");
        }

        DockerProviderLog.ContainerExists(_logger, Name, name, existing.State?.Status ?? "unknown");
        if (existing.State?.Status != "created")
        {
            return ToInstance(existing);
        }

        await StartAsync(existing.ID, name, secrets, cancellationToken).ConfigureAwait(false);
        var inspected = await InspectByNameAsync(name, cancellationToken).ConfigureAwait(false);
        return inspected is null ? ToInstance(existing) : ToInstance(inspected);
    }

    private async Task StartAsync(string id, string name, string[] secrets, CancellationToken cancellationToken)
    {
        try
        {
            // False means "already started": a concurrent creator got there first, which is what we wanted anyway.
            await _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw Failure($"starting container {name} failed", e, secrets);
        }
    }

    private async Task EnsureImagePresentAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            throw new InvalidOperationException(
                $"image '{image}' is not present on the Docker engine at {_options.Endpoint}; " +
                "Hangar never pulls images: build, load or pull it there first");
        }
    }

    private async Task<ContainerInspectResponse?> InspectByNameAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.Containers.InspectContainerAsync(name, cancellationToken).ConfigureAwait(false);

            // The engine also resolves id prefixes; only an exact name match is the instance we were asked about.
            return response.Name == "/" + name ? response : null;
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    private bool IsOurs(IDictionary<string, string>? labels) => LabelOf(labels, DockerLabels.Controller) == _options.ControllerId;

    private static string? LabelOf(IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : null;

    private static ProviderInstance ToInstance(ContainerInspectResponse container) => new(
        container.Name.TrimStart('/'),
        container.ID,
        LabelOf(container.Config?.Labels, DockerLabels.Pool) ?? string.Empty,
        ContainerParameters.StatusOf(container.State?.Status));

    // The engine's error body can quote the request, so the original exception (whose message holds that body) is
    // not attached: only a redacted copy of its text travels on.
    internal static InvalidOperationException Failure(string what, DockerApiException e, string[] secrets) =>
        new($"{what}: {(int)e.StatusCode} {SecretRedactor.Redact(e.ResponseBody, secrets).Trim()}");
}
