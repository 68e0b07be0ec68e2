using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Docker.DotNet;
using Docker.DotNet.Models;
using Hangar.Bench.Harness;
using Hangar.Core.Providers;
using Hangar.Emulator;
using Hangar.Providers.Docker;

namespace Hangar.Bench.EndToEnd;

/// <summary>
/// The reference side of the end-to-end figure: the same runner started with the provider's own means and nothing of
/// Hangar — a JIT config registered beforehand (not timed), then the clock runs from the start request to the runner
/// connecting to the emulator. Several runners go <see cref="Concurrency"/> at once, as Hangar's provider calls do.
/// </summary>
internal sealed class DirectStarts(EmulatorHost emulator, DockerClient docker, string image, string binary) : IDisposable
{
    public const int Concurrency = 8;
    private const string JitVariable = "ACTIONS_RUNNER_INPUT_JITCONFIG";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    // Not Hangar's controller id: Hangar's provider would take containers with its own label for orphans and remove them.
    private readonly string _controllerId = "bench-direct-" + Guid.NewGuid().ToString("N")[..8];
    private readonly HttpClient _forge = new()
    {
        BaseAddress = emulator.ApiUrl,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", BenchHost.Token) },
    };

    private int _next;

    /// <summary>Create + start through the Engine API with the container the Docker provider itself would create.</summary>
    public Task<StartSample[]> DockerApiAsync(int count, CancellationToken ct) => MeasureAsync(count, async (name, jit) =>
    {
        var spec = new RunnerSpec
        {
            Name = name,
            Pool = "direct",
            Labels = [],
            Image = image,
            NetworkMode = "host",
            SecretEnv = new Dictionary<string, string> { [JitVariable] = jit },
        };
        var created = await docker.Containers.CreateContainerAsync(ContainerParameters.For(spec, new DockerProviderOptions { Name = "direct", ControllerId = _controllerId }), ct).ConfigureAwait(false);
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct).ConfigureAwait(false);
        return RemoveContainer(created.ID);
    }, ct);

    /// <summary><c>docker run -d</c> with the same options (the JIT config passed by name, from the CLI's environment).</summary>
    public Task<StartSample[]> DockerCliAsync(int count, CancellationToken ct) => MeasureAsync(count, async (name, jit) =>
    {
        var info = new ProcessStartInfo("docker",
        [
            "run", "-d", "--name", name, "--label", $"{DockerLabels.Controller}={_controllerId}", "--network", "host",
            "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--pids-limit", "4096", "--memory", "8192m", "-e", JitVariable, image,
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment[JitVariable] = jit;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var id = (await process.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false)).Trim();
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        return process.ExitCode == 0 ? RemoveContainer(id) : throw new InvalidOperationException($"docker run failed: {await stderr.ConfigureAwait(false)}");
    }, ct);

    /// <summary>A plain fork/exec of the runner binary, its output read and dropped.</summary>
    public Task<StartSample[]> ExecAsync(int count, CancellationToken ct) => MeasureAsync(count, (_, jit) =>
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment[JitVariable] = jit;
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return Task.FromResult<IAsyncDisposable>(new Cleanup(async () =>
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            process.Dispose();
        }));
    }, ct);

    /// <summary>Removes anything a failed measurement left behind.</summary>
    public async Task RemoveLeftoversAsync()
    {
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Controller}={_controllerId}"] = true } };
        foreach (var container in await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }).ConfigureAwait(false))
        {
            await RemoveContainer(container.ID).DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _forge.Dispose();

    private async Task<StartSample[]> MeasureAsync(int count, Func<string, string, Task<IAsyncDisposable>> start, CancellationToken ct)
    {
        var runners = new List<(long Id, string Name, string Jit)>();
        for (var i = 0; i < count; i++)
        {
            runners.Add(await RegisterAsync($"{_controllerId}-{Interlocked.Increment(ref _next)}", ct).ConfigureAwait(false));
        }

        var started = new ConcurrentBag<IAsyncDisposable>();
        using var gate = new SemaphoreSlim(Concurrency);
        var t0 = TimeProvider.System.GetUtcNow();
        try
        {
            await Task.WhenAll(runners.Select(async runner =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    started.Add(await start(runner.Name, runner.Jit).ConfigureAwait(false));
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ConnectTimeout);
            await emulator.State.WaitUntilAsync(s => runners.All(r => s.GetRunner(r.Id)?.ConnectedAt is not null), timeout.Token).ConfigureAwait(false);
            return [.. runners.Select(r => new StartSample((emulator.State.GetRunner(r.Id)!.ConnectedAt!.Value - t0).TotalMilliseconds))];
        }
        finally
        {
            foreach (var runner in started)
            {
                await runner.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<(long Id, string Name, string Jit)> RegisterAsync(string name, CancellationToken ct)
    {
        // Labels no queued job carries, so the emulator never hands one of Hangar's jobs to a direct runner.
        using var response = await _forge.PostAsJsonAsync(
            $"repos/{BenchHost.Repository}/actions/runners/generate-jitconfig",
            new { name, runner_group_id = 1, labels = new[] { "bench-direct" } },
            ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false))!;
        return (body["runner"]!["id"]!.GetValue<long>(), name, body["encoded_jit_config"]!.GetValue<string>());
    }

    private Cleanup RemoveContainer(string id) => new(async () =>
    {
        try
        {
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    });
}
