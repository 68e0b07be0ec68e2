using System.Net.Http.Headers;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>What the end-to-end tests look at from outside the server: Docker and the REST API.</summary>
internal static class Probes
{
    /// <summary>How often a test looks at these from outside: each look is a Docker or HTTP call.</summary>
    public static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Containers (any state) carrying this controller id under <paramref name="label"/> (Hangar's Docker
    /// provider's by default; GARM providers use <c>garm-controller-id</c>).</summary>
    public static async Task<int> CountContainersAsync(string controllerId, string label = "dev.hangar.controller")
    {
        using var docker = new DockerClientConfiguration().CreateClient();
        var list = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{label}={controllerId}"] = true } },
        });
        return list.Count;
    }

    /// <summary>Instances not yet deleted, as <c>GET /api/v1/runners</c> reports them (every page).</summary>
    public static async Task<int> LiveRunnersAsync(Uri server, string apiToken)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        var count = 0;
        string? cursor = null;
        do
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(
                "api/v1/runners?limit=1000" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))));
            count += doc.RootElement.GetProperty("items").GetArrayLength();
            cursor = doc.RootElement.TryGetProperty("next_cursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        return count;
    }

    /// <summary>The containers (name and Docker state) carrying this controller id under <paramref name="label"/>.</summary>
    public static async Task<IReadOnlyList<(string Name, string State)>> ContainersAsync(string controllerId, string label = "dev.hangar.controller")
    {
        using var docker = new DockerClientConfiguration().CreateClient();
        var list = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{label}={controllerId}"] = true } },
        });
        return [.. list.Select(c => (c.Names.First().TrimStart('/'), c.State))];
    }

    /// <summary>Removes those containers: what a test leaves once the server that kept them is gone.</summary>
    public static async Task RemoveContainersAsync(string controllerId, string label = "dev.hangar.controller")
    {
        using var docker = new DockerClientConfiguration().CreateClient();
        foreach (var (name, _) in await ContainersAsync(controllerId, label))
        {
            await docker.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
        }
    }

    /// <summary>The one runner the server lists as stopped, or null when there is not exactly one.</summary>
    public static async Task<string?> StoppedRunnerAsync(Uri server, string apiToken)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        using var doc = JsonDocument.Parse(await http.GetStringAsync("api/v1/runners?state=stopped"));
        var items = doc.RootElement.GetProperty("items");
        return items.GetArrayLength() == 1 ? items[0].GetProperty("name").GetString() : null;
    }
}
