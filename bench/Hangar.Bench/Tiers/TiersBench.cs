using System.Diagnostics;
using Docker.DotNet;
using Hangar.Bench.Harness;
using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Providers.Docker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Stats = Hangar.Bench.Harness.Stats;

namespace Hangar.Bench.Tiers;

/// <summary>
/// Queue → runner start for the three kinds of supply, on real Docker, in one run: a job meets a hot pool (an idle
/// runner already connected, <c>min_idle: 1</c>), a stopped pool (a container made and not started,
/// <c>min_stopped: 1</c>: started for the job, its credential minted then and written as a file) and a cold pool
/// (nothing: the container is created and started for the job), and the same cold pool with file delivery. The clock runs from the job queued at the emulator to
/// the job started on a runner (the emulator's own stamps). Rounds rotate which pool goes first; before each job its
/// pool is back at its standing supply and nothing else of the round is left.
/// </summary>
internal sealed class TiersBench(BenchOptions options, Report report)
{
    private const string Image = "hangar/emulated-runner:native";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    private static readonly (string Tier, Func<PoolSpec, PoolSpec> Shape)[] Tiers =
    [
        ("hot", p => p with { MinIdle = 1 }),
        ("stopped", p => p with { MinStopped = 1, CredentialDelivery = CredentialDelivery.File }),
        ("cold", p => p),
        // Cold with the stopped tier's credential delivery: separates what file delivery costs from what the tier saves.
        ("cold-file", p => p with { CredentialDelivery = CredentialDelivery.File }),
    ];

    public async Task RunAsync(CancellationToken ct)
    {
        using var docker = new DockerClientConfiguration().CreateClient();
        await docker.Images.InspectImageAsync(Image, ct).ConfigureAwait(false);
        await using var emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions { Token = BenchHost.Token, WebhookSecret = BenchHost.Secret, DefaultJobDuration = TimeSpan.Zero }, ct).ConfigureAwait(false);

        var controllerId = "bench-tiers-" + Guid.NewGuid().ToString("N")[..8];
        using var provider = new DockerProvider(new DockerProviderOptions { Name = "docker", ControllerId = controllerId }, NullLogger<DockerProvider>.Instance);
        var pools = Tiers.Select(t => t.Shape(BenchHost.Pool("tier-" + t.Tier, provider.Name, 3, ["linux", "tier-" + t.Tier]) with
        {
            Image = Image,
            NetworkMode = "host",
            IdleGrace = TimeSpan.FromSeconds(2),
        })).ToArray();
        await using var app = BenchHost.Create(options.NewDir("tiers"), pools, services => services.AddSingleton<IProvider>(provider),
            forgeApi: emulator.ApiUrl, controllerId: controllerId, interval: TimeSpan.FromSeconds(1));
        await app.StartAsync(ct).ConfigureAwait(false);
        emulator.SetWebhook(new Uri(BenchHost.Url(app) + "/webhooks/github"), BenchHost.Secret);
        var store = app.Services.GetRequiredService<IStore>();

        var samples = Tiers.ToDictionary(t => t.Tier, _ => new List<double>(), StringComparer.Ordinal);
        try
        {
            for (var round = 0; round < options.TierRounds; round++)
            {
                var shift = round % Tiers.Length;
                foreach (var (tier, _) in Tiers.Skip(shift).Concat(Tiers.Take(shift)))
                {
                    await SettleAsync(store, emulator, ct).ConfigureAwait(false);
                    var ms = await OneJobAsync(emulator, tier, ct).ConfigureAwait(false);
                    samples[tier].Add(ms);
                    Report.Say($"tiers round {round} {tier}: queue → runner start {ms:0} ms");
                }
            }

            await SettleAsync(store, emulator, ct).ConfigureAwait(false);
        }
        finally
        {
            // Stopped first, so no loop makes another machine; then every container of this run goes, by label, even if
            // the stop threw (a parked stopped-tier machine or the hot pool's exited runner were left behind before).
            try
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await BenchContainers.RemoveAllAsync(docker, controllerId).ConfigureAwait(false);
            }
        }

        var cold = Stats.Median(samples["cold"]);
        foreach (var (tier, _) in Tiers)
        {
            report.Add(new Figure($"tiers.{tier}.p50", Stats.Median(samples[tier]), "ms", "cold(create+start for the job)", cold));
        }
    }

    private static async Task<double> OneJobAsync(EmulatorHost emulator, string tier, CancellationToken ct)
    {
        var job = emulator.QueueJobs(new JobRequest { Repository = BenchHost.Repository, Labels = ["self-hosted", "linux", "tier-" + tier], Count = 1 }).Single();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StepTimeout);
        await emulator.State.WaitUntilAsync(s => s.GetJob(job.Id)?.Status == EmulatedJobStatus.Completed, timeout.Token).ConfigureAwait(false);
        var done = emulator.State.GetJob(job.Id)!;
        return (done.StartedAt!.Value - done.QueuedAt).TotalMilliseconds;
    }

    /// <summary>Each pool back at its standing supply (hot: one idle runner; stopped: one stopped machine; cold: none),
    /// and nothing else live: the round's served runners are gone.</summary>
    private static async Task SettleAsync(IStore store, EmulatorHost emulator, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var live = await store.ListInstancesAsync(InstanceQuery.Live, ct).ConfigureAwait(false);
            var hot = live.Where(i => i.Pool == "tier-hot").ToList();
            var stopped = live.Where(i => i.Pool == "tier-stopped").ToList();
            if (hot is [{ State: InstanceState.Idle }] && stopped is [{ State: InstanceState.Stopped }]
                && !live.Any(i => i.Pool.StartsWith("tier-cold", StringComparison.Ordinal)) && emulator.State.Jobs.All(j => j.Status == EmulatedJobStatus.Completed))
            {
                return;
            }

            if (clock.Elapsed > StepTimeout)
            {
                var states = string.Join(", ", live.Select(i => $"{i.Pool}:{i.State}"));
                throw new TimeoutException($"tiers: pools did not settle within {StepTimeout.TotalSeconds:0} s ({states})");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), ct).ConfigureAwait(false);
        }
    }
}
