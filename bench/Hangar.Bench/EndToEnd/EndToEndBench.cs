using Docker.DotNet;
using Hangar.Bench.Harness;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Providers.Docker;
using Hangar.Providers.Process;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Stats = Hangar.Bench.Harness.Stats;

namespace Hangar.Bench.EndToEnd;

/// <summary>
/// End-to-end overhead: a job queued at the emulator → a runner connected for it, through Hangar (webhook → intake →
/// plan → JIT credential → the real Docker or process provider → the Native AOT runner boots and connects), next to
/// the same runner (same image, same binary, same container settings) started directly with the provider's own means
/// in the same run — the Engine API, <c>docker run</c>, a fork/exec. The ratio is what Hangar adds on top of the
/// provider. One job at a time (rounds rotate which side goes first), then bursts of 20 as in <c>hangar demo</c>.
/// The server runs with the default converge and observe intervals (10 s), so a path that waits for a timer shows.
/// </summary>
internal sealed class EndToEndBench(BenchOptions options, Report report)
{
    private const string Image = "hangar/emulated-runner:native";
    private static readonly string[] DockerJob = ["self-hosted", "linux", "e2e-docker"];
    private static readonly string[] ProcessJob = ["self-hosted", "linux", "e2e-process"];

    public async Task RunAsync(CancellationToken ct)
    {
        var binary = EmulatedRunnerBinary.Path;
        using var docker = new DockerClientConfiguration().CreateClient();
        await docker.Images.InspectImageAsync(Image, ct).ConfigureAwait(false);
        await using var emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions { Token = BenchHost.Token, WebhookSecret = BenchHost.Secret, DefaultJobDuration = TimeSpan.Zero }, ct).ConfigureAwait(false);

        var workDir = options.NewDir("e2e");
        var controllerId = "bench-e2e-" + Guid.NewGuid().ToString("N")[..8];
        using var realDocker = new DockerProvider(new DockerProviderOptions { Name = "docker", ControllerId = controllerId }, NullLogger<DockerProvider>.Instance);
        var dockerProvider = new TimingProvider(realDocker);
        var processProvider = new TimingProvider(new ProcessProvider(
            new ProcessProviderOptions { Name = "process", ControllerId = controllerId, WorkDir = Path.Combine(workDir, "process") },
            NullLogger<ProcessProvider>.Instance));
        var burst = options.EndToEndBurst;
        // A burst can leave a spare runner idle (more runners than jobs); it must be gone before the next measurement,
        // or that job would find a runner already connected.
        var idleGrace = TimeSpan.FromSeconds(2);
        PoolSpec[] pools =
        [
            BenchHost.Pool("e2e-docker", dockerProvider.Name, burst, DockerJob[1..]) with { Image = Image, NetworkMode = "host", IdleGrace = idleGrace },
            BenchHost.Pool("e2e-process", processProvider.Name, burst, ProcessJob[1..]) with { Command = [binary, "--idle-timeout", "120"], IdleGrace = idleGrace },
        ];
        await using var app = BenchHost.Create(
            workDir,
            pools,
            services =>
            {
                services.AddSingleton<IProvider>(dockerProvider);
                services.AddSingleton<IProvider>(processProvider);
            },
            forgeApi: emulator.ApiUrl,
            controllerId: controllerId);
        await app.StartAsync(ct).ConfigureAwait(false);
        emulator.SetWebhook(new Uri(BenchHost.Url(app) + "/webhooks/github"), BenchHost.Secret);

        var hangar = new ThroughHangar(emulator, app.Services.GetRequiredService<IStore>(), [dockerProvider, processProvider]);
        using var direct = new DirectStarts(emulator, docker, Image, binary);
        var samples = new Dictionary<string, List<StartSample>>(StringComparer.Ordinal);
        try
        {
            var single = new (string Name, Func<Task<StartSample[]>> Run)[]
            {
                ("hangar-docker", () => hangar.StartAsync(DockerJob, 1, ct)),
                ("docker-api", () => direct.DockerApiAsync(1, ct)),
                ("docker-cli", () => direct.DockerCliAsync(1, ct)),
                ("hangar-process", () => hangar.StartAsync(ProcessJob, 1, ct)),
                ("exec", () => direct.ExecAsync(1, ct)),
            };
            await RunRoundsAsync(single, options.EndToEndRounds, samples).ConfigureAwait(false);

            var bursts = new (string Name, Func<Task<StartSample[]>> Run)[]
            {
                ("hangar-docker-burst", () => hangar.StartAsync(DockerJob, burst, ct)),
                ("docker-api-burst", () => direct.DockerApiAsync(burst, ct)),
                ("hangar-process-burst", () => hangar.StartAsync(ProcessJob, burst, ct)),
                ("exec-burst", () => direct.ExecAsync(burst, ct)),
            };
            await RunRoundsAsync(bursts, options.EndToEndBurstRounds, samples).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await direct.RemoveLeftoversAsync().ConfigureAwait(false);

                // A failed round leaves Hangar's machines behind: its loops are stopped now, so the bench removes them
                // (the process provider's through the provider: they are processes, not containers).
                foreach (var machine in await processProvider.ListAsync(null, CancellationToken.None).ConfigureAwait(false))
                {
                    await processProvider.DeleteAsync(machine.Name, CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                await BenchContainers.RemoveAllAsync(controllerId).ConfigureAwait(false);
            }
        }

        double P50(string name) => Stats.Median(samples[name].Select(s => s.Total));
        foreach (var kind in samples.Keys.Where(k => k.StartsWith("hangar-", StringComparison.Ordinal)))
        {
            var staged = samples[kind].Where(s => s.ToCreate is not null).ToArray();
            Report.Say($"e2e {kind}: p50 queue→create called {Stats.Median(staged.Select(s => s.ToCreate!.Value)):0.0} ms, create {Stats.Median(staged.Select(s => s.Create!.Value)):0.0} ms, create returned→connect {Stats.Median(staged.Select(s => s.Boot!.Value)):0.0} ms (n={staged.Length})");
        }

        void Add(string figure, string through, string direct, string reference, int perRound)
        {
            report.Add(new Figure(figure, P50(through), "ms", reference, P50(direct)));
            Report.Say($"{figure}: Hangar / direct paired round by round (same minute of the run), median {PairedRatio(samples[through], samples[direct], perRound):0.00}");
        }

        Add("e2e.docker.p50", "hangar-docker", "docker-api", "docker-api-direct(create+start → connect)", 1);
        Add("e2e.docker.vs-cli", "hangar-docker", "docker-cli", "docker-run-cli(→ connect)", 1);
        Add("e2e.process.p50", "hangar-process", "exec", "exec-direct(fork/exec → connect)", 1);
        Add($"e2e.docker.burst{burst}.p50", "hangar-docker-burst", "docker-api-burst", $"docker-api-direct(x{burst}, {DirectStarts.Concurrency} at once)", burst);
        Add($"e2e.process.burst{burst}.p50", "hangar-process-burst", "exec-burst", $"exec-direct(x{burst}, {DirectStarts.Concurrency} at once)", burst);
    }

    /// <summary>The median over rounds of each round's ratio: robust to the machine's speed drifting during the run.</summary>
    private static double PairedRatio(List<StartSample> through, List<StartSample> direct, int perRound)
    {
        double RoundMedian(List<StartSample> samples, int round) => Stats.Median(samples.Skip(round * perRound).Take(perRound).Select(s => s.Total));
        var rounds = Math.Min(through.Count, direct.Count) / perRound;
        return Stats.Median(Enumerable.Range(0, rounds).Select(r => RoundMedian(through, r) / RoundMedian(direct, r)));
    }

    private static async Task RunRoundsAsync((string Name, Func<Task<StartSample[]>> Run)[] kinds, int rounds, Dictionary<string, List<StartSample>> samples)
    {
        for (var round = 0; round < rounds; round++)
        {
            var shift = round % kinds.Length;
            foreach (var (name, run) in kinds.Skip(shift).Concat(kinds.Take(shift)))
            {
                var measured = await run().ConfigureAwait(false);
                (samples.TryGetValue(name, out var list) ? list : samples[name] = []).AddRange(measured);
                Report.Say($"e2e round {round} {name}: p50 {Stats.Median(measured.Select(s => s.Total)):0.0} ms, max {measured.Max(s => s.Total):0.0} ms (n={measured.Length})");
            }
        }
    }
}
