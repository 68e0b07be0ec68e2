using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Hangar.Bench.Harness;
using Stats = Hangar.Bench.Harness.Stats;
using Hangar.Core.Providers;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Providers.Docker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Bench.FanOut;

/// <summary>
/// Docker fan-out: 50 runner containers started through Hangar (50 queued jobs at the emulator → webhooks → plan →
/// JIT credentials → Docker provider, 8 calls at once) against the same 50 containers started directly, 8 at once, same
/// image and command: through the Engine API (create + start, what <c>docker run -d</c> does) and through the docker
/// CLI. Wall time from the first request to the last container started. Containers run <c>sleep</c> so what they do
/// does not load the machine; every container carries a per-run label and is removed afterwards.
/// </summary>
internal sealed class FanOutBench(BenchOptions options, Report report)
{
    private const string Image = "hangar/emulated-runner:native";
    private const int Concurrency = 8;
    private static readonly string[] Command = ["sleep", "600"];

    public async Task RunAsync(CancellationToken ct)
    {
        using var docker = new DockerClientConfiguration().CreateClient();
        await docker.Images.InspectImageAsync(Image, ct).ConfigureAwait(false);
        var n = options.FanOutContainers;
        var hangar = new List<double>();
        var api = new List<double>();
        var cli = new List<double>();
        for (var round = 0; round < options.FanOutRounds; round++)
        {
            var order = new (string Name, Func<string, Task<double>> Run, List<double> Into)[]
            {
                ("api", id => DirectApiAsync(docker, id, n, ct), api),
                ("cli", id => DirectCliAsync(id, n, ct), cli),
                ("hangar", id => ThroughHangarAsync(id, n, ct), hangar),
            };
            foreach (var (name, run, into) in order.Skip(round % 3).Concat(order.Take(round % 3)))
            {
                var id = $"bench-fan-{name}-{Guid.NewGuid().ToString("N")[..8]}";
                try
                {
                    var wall = await run(id).ConfigureAwait(false);
                    into.Add(wall);
                    Report.Say($"fanout round {round} {name}: {n} containers in {wall:0} ms");
                }
                finally
                {
                    await BenchContainers.RemoveAllAsync(docker, id).ConfigureAwait(false);
                }
            }
        }

        report.Add(new Figure("fanout.wall", Stats.Median(hangar), "ms", $"docker-api-direct(create+start x{n}, {Concurrency} at once)", Stats.Median(api)));
        report.Add(new Figure("fanout.wall.vs-cli", Stats.Median(hangar), "ms", $"docker-run-cli(x{n}, {Concurrency} at once)", Stats.Median(cli)));
    }

    private async Task<double> ThroughHangarAsync(string controllerId, int count, CancellationToken ct)
    {
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Token = BenchHost.Token, WebhookSecret = BenchHost.Secret }, ct).ConfigureAwait(false);
        using var dockerProvider = new DockerProvider(
            new DockerProviderOptions { Name = "docker", ControllerId = controllerId, Endpoint = "unix:///var/run/docker.sock" },
            NullLogger<DockerProvider>.Instance);
        var timing = new TimingProvider(dockerProvider) { Expected = count };
        var pool = BenchHost.Pool("fan", "docker", maxRunners: count) with { Image = Image, Command = Command, NetworkMode = "host" };
        await using var app = BenchHost.Create(
            options.NewDir("fanout"),
            [pool],
            services => services.AddSingleton<IProvider>(timing),
            forgeApi: emulator.ApiUrl,
            controllerId: controllerId,
            interval: TimeSpan.FromSeconds(2));
        await app.StartAsync(ct).ConfigureAwait(false);
        emulator.SetWebhook(new Uri(BenchHost.Url(app) + "/webhooks/github"), BenchHost.Secret);

        var start = Stopwatch.GetTimestamp();
        emulator.QueueJobs(new JobRequest { Repository = BenchHost.Repository, Labels = ["self-hosted", .. BenchHost.PoolLabels], Count = count });
        var end = await timing.AllCreated.Task.WaitAsync(TimeSpan.FromMinutes(3), ct).ConfigureAwait(false);
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return Stats.Ms(start, end);
    }

    private static async Task<double> DirectApiAsync(DockerClient docker, string controllerId, int count, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(Concurrency);
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
                {
                    Name = $"{controllerId}-{i}",
                    Image = Image,
                    Cmd = Command,
                    Labels = new Dictionary<string, string> { ["bench.controller"] = controllerId },
                    HostConfig = new HostConfig
                    {
                        NetworkMode = "host",
                        CapDrop = ["ALL"],
                        SecurityOpt = ["no-new-privileges"],
                        PidsLimit = 4096,
                        RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No },
                    },
                }, ct).ConfigureAwait(false);
                await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return Stats.Ms(start, Stopwatch.GetTimestamp());
    }

    private static async Task<double> DirectCliAsync(string controllerId, int count, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(Concurrency);
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                using var process = Process.Start(new ProcessStartInfo("docker",
                [
                    "run", "-d", "--name", $"{controllerId}-{i}", "--label", $"bench.controller={controllerId}", "--network", "host",
                    "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--pids-limit", "4096", Image, .. Command,
                ])
                { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var stderr = process.StandardError.ReadToEndAsync(ct);
                await process.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
                await process.WaitForExitAsync(ct).ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"docker run failed: {await stderr.ConfigureAwait(false)}");
                }
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return Stats.Ms(start, Stopwatch.GetTimestamp());
    }
}
