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
    private readonly OurContainers _containers;

    public DockerProvider(DockerProviderOptions options, ILogger<DockerProvider> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ControllerId);
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        // The client owns and disposes its configuration.
        _client = new DockerClientConfiguration(new Uri(options.Endpoint)).CreateClient();
        _containers = new OurContainers(_client, options.ControllerId);
    }

    public string Name => _options.Name;

    public ProviderCapabilities Capabilities =>
        ProviderCapabilities.StartStop | ProviderCapabilities.CreateCheck | ProviderCapabilities.CredentialFile | ProviderCapabilities.Prepare;

    public Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default) =>
        MakeAsync(spec, start: true, cancellationToken);

    /// <summary>The container created and not started, for the stopped tier; its credentials are written at its start.</summary>
    public Task<ProviderInstance> PrepareAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.CredentialDelivery != CredentialDelivery.File)
        {
            throw new ArgumentException(
                $"runner {spec.Name}: a container kept stopped gets its credentials by file at its start (its environment is fixed at create)", nameof(spec));
        }

        return MakeAsync(spec, start: false, cancellationToken);
    }

    private async Task<ProviderInstance> MakeAsync(RunnerSpec spec, bool start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.Name);
        if (string.IsNullOrWhiteSpace(spec.Image))
        {
            throw new ArgumentException(DockerCreateCheck.NoImage(spec.Name), nameof(spec));
        }

        var secrets = RunnerEnvironment.Secrets(spec);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _containers.ByNameAsync(spec.Name, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return await AdoptAsync(existing, spec, start, cancellationToken).ConfigureAwait(false);
            }

            if (await DockerCreateCheck.ImageMissingAsync(_client, _options, spec.Image, cancellationToken).ConfigureAwait(false) is { } missing)
            {
                throw new InvalidOperationException(missing);
            }

            string id;
            try
            {
                var parameters = ContainerParameters.For(spec, _options);
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
                throw Failure($"creating container {spec.Name} failed", e, [.. secrets.Values]);
            }

            DockerProviderLog.ContainerCreated(_logger, Name, spec.Name, id, spec.Pool);
            if (!start)
            {
                return await _containers.ByNameAsync(spec.Name, cancellationToken).ConfigureAwait(false) is { } made
                    ? OurContainers.ToInstance(made)
                    : new ProviderInstance(spec.Name, id, spec.Pool, ProviderInstanceStatus.Created);
            }

            if (spec.CredentialDelivery == CredentialDelivery.File && await _containers.ByNameAsync(spec.Name, cancellationToken).ConfigureAwait(false) is { } fresh)
            {
                await WriteCredentialsAsync(fresh, secrets, cancellationToken).ConfigureAwait(false);
            }

            await StartContainerAsync(id, spec.Name, [.. secrets.Values], cancellationToken).ConfigureAwait(false);
            var inspected = await _containers.ByNameAsync(spec.Name, cancellationToken).ConfigureAwait(false);
            return inspected is null
                ? new ProviderInstance(spec.Name, id, spec.Pool, ProviderInstanceStatus.Unknown)
                : OurContainers.ToInstance(inspected);
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var existing = await _containers.ByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return;
        }

        if (!_containers.IsOurs(existing.Config?.Labels))
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

    public async Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        await _containers.OursByNameAsync(name, cancellationToken).ConfigureAwait(false) is { } existing ? OurContainers.ToInstance(existing) : null;

    public Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default) =>
        _containers.ListAsync(pool, cancellationToken);

    public Task<CreateCheck> CheckCreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return DockerCreateCheck.RunAsync(_client, _options, spec, cancellationToken);
    }

    public async Task<ProviderInstance?> StartAsync(
        string name, IReadOnlyDictionary<string, string>? secretEnv = null, CancellationToken cancellationToken = default)
    {
        var existing = await _containers.OursByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        var secrets = secretEnv?.Values.ToArray() ?? [];
        if (secretEnv is not null)
        {
            if (!OurContainers.TakesCredentialFiles(existing))
            {
                throw new InvalidOperationException(
                    $"container {name} was created with its credentials in its environment, which is fixed at create; " +
                    "only a container created with file delivery can be given new ones");
            }

            var bad = secretEnv.Keys.FirstOrDefault(k => !RunnerEnvironment.IsValidFileName(k));
            if (bad is not null)
            {
                throw new ArgumentException($"runner {name}: secret name '{bad}' cannot be a credential file name", nameof(secretEnv));
            }

            await WriteCredentialsAsync(existing, secretEnv, cancellationToken).ConfigureAwait(false);
        }

        if (existing.State?.Running != true)
        {
            await StartContainerAsync(existing.ID, name, secrets, cancellationToken).ConfigureAwait(false);
            DockerProviderLog.ContainerStarted(_logger, Name, name, existing.ID);
        }

        return await GetAsync(name, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProviderInstance?> StopAsync(string name, CancellationToken cancellationToken = default)
    {
        var existing = await _containers.OursByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        try
        {
            // False means "already stopped". The engine sends the image's stop signal, then SIGKILL after the grace.
            var grace = (uint)Math.Ceiling(_options.StopGrace.TotalSeconds);
            if (await _client.Containers.StopContainerAsync(
                existing.ID, new ContainerStopParameters { WaitBeforeKillSeconds = grace }, cancellationToken).ConfigureAwait(false))
            {
                DockerProviderLog.ContainerStopped(_logger, Name, name, existing.ID);
            }
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }

        return await GetAsync(name, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();

    private async Task<ProviderInstance> AdoptAsync(ContainerInspectResponse existing, RunnerSpec spec, bool start, CancellationToken cancellationToken)
    {
        var name = existing.Name.TrimStart('/');
        if (!_containers.IsOurs(existing.Config?.Labels))
        {
            throw new InvalidOperationException(
                $"a container named {name} exists but is not labelled {DockerLabels.Controller}={_options.ControllerId}; " +
                "Hangar does not touch containers it did not create");
        }

        DockerProviderLog.ContainerExists(_logger, Name, name, existing.State?.Status ?? "unknown");
        if (!start || existing.State?.Status != "created")
        {
            return OurContainers.ToInstance(existing);
        }

        // Its creator may have died between create and start: it never got to write the credentials either.
        var secrets = RunnerEnvironment.Secrets(spec);
        if (OurContainers.TakesCredentialFiles(existing))
        {
            await WriteCredentialsAsync(existing, secrets, cancellationToken).ConfigureAwait(false);
        }

        await StartContainerAsync(existing.ID, name, [.. secrets.Values], cancellationToken).ConfigureAwait(false);
        var inspected = await _containers.ByNameAsync(name, cancellationToken).ConfigureAwait(false);
        return inspected is null ? OurContainers.ToInstance(existing) : OurContainers.ToInstance(inspected);
    }

    private async Task WriteCredentialsAsync(ContainerInspectResponse container, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken)
    {
        await ContainerCredentials.WriteAsync(_client, container, secrets, cancellationToken).ConfigureAwait(false);
        DockerProviderLog.CredentialsWritten(_logger, Name, container.Name.TrimStart('/'), secrets.Count);
    }

    private async Task StartContainerAsync(string id, string name, string[] secrets, CancellationToken cancellationToken)
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

    // The engine's error body can quote the request, so the original exception (whose message holds that body) is
    // not attached: only a redacted copy of its text travels on.
    internal static InvalidOperationException Failure(string what, DockerApiException e, string[] secrets) =>
        new($"{what}: {(int)e.StatusCode} {SecretRedactor.Redact(e.ResponseBody, secrets).Trim()}");
}
