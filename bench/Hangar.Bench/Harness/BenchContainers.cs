using Docker.DotNet;
using Docker.DotNet.Models;

namespace Hangar.Bench.Harness;

/// <summary>
/// The last step of every Docker bench, on success and on failure: removes every container one run labelled (Hangar's
/// controller label or the bench's own), running or exited, and fails loudly if any is left. It goes by label, not by
/// what a provider lists, so a machine a stopping engine was still creating, or one a failed delete skipped, is found too.
/// </summary>
internal static class BenchContainers
{
    private const int Concurrency = 8;

    /// <summary>A create the engine had in flight when it stopped can land just after a sweep: one more sweep after this.</summary>
    private static readonly TimeSpan LateCreate = TimeSpan.FromSeconds(2);

    public static async Task RemoveAllAsync(string controllerId)
    {
        using var docker = new DockerClientConfiguration().CreateClient();
        await RemoveAllAsync(docker, controllerId).ConfigureAwait(false);
    }

    public static async Task RemoveAllAsync(DockerClient docker, string controllerId)
    {
        await SweepAsync(docker, controllerId).ConfigureAwait(false);
        await Task.Delay(LateCreate).ConfigureAwait(false);
        var left = await SweepAsync(docker, controllerId).ConfigureAwait(false);
        if (left > 0)
        {
            throw new InvalidOperationException($"{left} containers of bench run {controllerId} could not be removed");
        }
    }

    /// <summary>Removes what it finds; returns how many are still there afterwards.</summary>
    private static async Task<int> SweepAsync(DockerClient docker, string controllerId)
    {
        var left = 0;
        foreach (var label in new[] { $"dev.hangar.controller={controllerId}", $"bench.controller={controllerId}" })
        {
            var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } };
            var found = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }).ConfigureAwait(false);
            using var gate = new SemaphoreSlim(Concurrency);
            await Task.WhenAll(found.Select(async c =>
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    await docker.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true }).ConfigureAwait(false);
                }
                catch (DockerContainerNotFoundException)
                {
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
            left += (await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }).ConfigureAwait(false)).Count;
        }

        return left;
    }
}
