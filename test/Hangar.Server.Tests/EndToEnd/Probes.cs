using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>What the end-to-end tests look at from outside the server: Docker, the REST API, and time.</summary>
internal static class Probes
{
    /// <summary>Containers (any state) carrying this controller id.</summary>
    public static async Task<int> CountContainersAsync(string controllerId)
    {
        using var docker = new DockerClientConfiguration().CreateClient();
        var list = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"dev.hangar.controller={controllerId}"] = true } },
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

    /// <summary>Polls an outside process's state (a child server, Docker) until it holds, with a deadline.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"timed out after {timeout} waiting for {what}");
    }
}
