using Docker.DotNet;
using Docker.DotNet.Models;
using Hangar.Core.Providers;

namespace Hangar.Providers.Docker;

/// <summary>Finds containers by name and tells this controller's (by its label) from everyone else's.</summary>
internal sealed class OurContainers(DockerClient client, string controllerId)
{
    /// <summary>The container named exactly <paramref name="name"/>, whoever made it, or null.</summary>
    public async Task<ContainerInspectResponse?> ByNameAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.Containers.InspectContainerAsync(name, cancellationToken).ConfigureAwait(false);

            // The engine also resolves id prefixes; only an exact name match is the instance we were asked about.
            return response.Name == "/" + name ? response : null;
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The container named <paramref name="name"/> if it carries this controller's label, else null.</summary>
    public async Task<ContainerInspectResponse?> OursByNameAsync(string name, CancellationToken cancellationToken)
    {
        var existing = await ByNameAsync(name, cancellationToken).ConfigureAwait(false);
        return existing is not null && IsOurs(existing.Config?.Labels) ? existing : null;
    }

    public async Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, bool> { [$"{DockerLabels.Controller}={controllerId}"] = true };
        if (pool is not null)
        {
            labels[$"{DockerLabels.Pool}={pool}"] = true;
        }

        var containers = await client.Containers.ListContainersAsync(
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

    public bool IsOurs(IDictionary<string, string>? labels) => LabelOf(labels, DockerLabels.Controller) == controllerId;

    public static bool TakesCredentialFiles(ContainerInspectResponse container) =>
        LabelOf(container.Config?.Labels, DockerLabels.Credentials) == DockerLabels.CredentialsByFile;

    public static ProviderInstance ToInstance(ContainerInspectResponse container) => new(
        container.Name.TrimStart('/'),
        container.ID,
        LabelOf(container.Config?.Labels, DockerLabels.Pool) ?? string.Empty,
        ContainerParameters.StatusOf(container.State?.Status));

    private static string? LabelOf(IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : null;
}
