using System.Diagnostics;
using System.Security.Cryptography;
using Hangar.Cli.Demo;
using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.Faults;
using Hangar.Emulator.State;
using Hangar.Engine.Configuration;
using Hangar.Engine.Reconcile;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.Reliability;

/// <summary>
/// The real server in this process against the emulator, with real runners (local processes or Docker containers),
/// under injected faults: the emulator's (REST, webhooks) and a <see cref="FaultyProvider"/> around the real provider.
/// Queues the jobs, waits until every job completed and nothing of ours is left anywhere, and reports the figures.
/// </summary>
internal sealed class ReliabilityScenario(ReliabilityScenarioOptions options, Action<string> say)
{
    public const string Repository = "hangar-chaos/app";

    public async Task<ReliabilityFigures> RunAsync(CancellationToken cancellationToken)
    {
        var dataDir = Directory.CreateTempSubdirectory("hangar-reliability-").FullName;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = token,
            WebhookSecret = secret,
            DefaultJobDuration = options.JobDuration,
            Faults = options.Faults,
        }, cancellationToken);

        IReadOnlyList<FaultyProvider> faulty = [];
        var app = await HangarHost.CreateAsync(Config(dataDir, emulator.ApiUrl), new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = options.Verbose ? "text" : "none",
            MinimumLogLevel = options.Verbose ? LogLevel.Information : LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["github-token"] = token, ["github-webhook-secret"] = secret },
            ConfigureServices = services =>
            {
                if (options.CreateFailureRate > 0 || options.DeleteFailureRate > 0)
                {
                    faulty = FaultyProvider.Install(services, options.CreateFailureRate, options.DeleteFailureRate, options.Faults.Seed);
                }
            },
        }, cancellationToken);
        await using (app)
        {
            await app.StartAsync(cancellationToken);
            emulator.SetWebhook(new Uri($"{HangarHost.ListeningUrls(app)[0]}/webhooks/github"), secret);
            var store = app.Services.GetRequiredService<IStore>();
            var providers = app.Services.GetServices<IProvider>().ToArray();

            var clock = Stopwatch.StartNew();
            var half = options.Jobs / 2;
            emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux", "small"], Count = options.Jobs - half });
            emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux", "large"], Count = half });
            say($"queued {options.Jobs} jobs; faults: {options.Faults}, provider create/delete failure rates {options.CreateFailureRate}/{options.DeleteFailureRate}");

            var settled = await WaitSettledAsync(emulator, store, providers, cancellationToken);
            var converged = clock.Elapsed;
            var figures = await FiguresAsync(emulator, store, providers, faulty, converged, !settled, cancellationToken);
            say(figures.ToString());
            await app.StopAsync(CancellationToken.None);
            return figures;
        }
    }

    private HangarConfig Config(string dataDir, Uri apiUrl)
    {
        var docker = options.Provider == "docker";
        var provider = docker
            ? new ProviderConfig { Name = "docker", Type = "docker", MaxConcurrency = 4 }
            : new ProviderConfig { Name = "process", Type = "process", MaxConcurrency = 4, WorkDir = Path.Combine(dataDir, "process") };
        var pools = new[] { "small", "large" }.Select(name => new PoolSpec
        {
            Name = name,
            Forge = "github",
            Target = ForgeTarget.Repository(Repository),
            Labels = ["linux", name],
            Provider = provider.Name,
            Image = docker ? DemoProviders.RunnerImage : null,
            Command = docker ? [] : [EmulatedRunnerBinary.Path, "--idle-timeout", "120"],
            NetworkMode = docker ? "host" : null,
            MaxRunners = options.MaxRunnersPerPool,
            BootTimeout = TimeSpan.FromMinutes(1),
            IdleGrace = TimeSpan.FromSeconds(3),
        }).ToArray();
        return new HangarConfig
        {
            Server = new ServerConfig
            {
                DataDir = dataDir,
                ControllerId = options.ControllerId,
                ConvergeInterval = TimeSpan.FromSeconds(1),
                ObserveInterval = TimeSpan.FromSeconds(1),
                Loops = options.Loops,
            },
            Forges = new Dictionary<string, ForgeConfig>
            {
                ["github"] = new()
                {
                    Name = "github",
                    ApiUrl = apiUrl.ToString(),
                    Token = new SecretRef("github-token"),
                    WebhookSecret = new SecretRef("github-webhook-secret"),
                },
            },
            Providers = new Dictionary<string, ProviderConfig> { [provider.Name] = provider },
            Pools = pools,
        };
    }

    private async Task<bool> WaitSettledAsync(EmulatorHost emulator, IStore store, IProvider[] providers, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < options.Timeout)
        {
            var jobs = emulator.State.Jobs;
            var live = await store.ListInstancesAsync(InstanceQuery.Live, ct);
            var machines = await CountMachinesAsync(providers, ct);
            var registrations = emulator.State.Runners.Count(r => !r.Removed);
            var done = jobs.Count(j => j.Status == EmulatedJobStatus.Completed);
            var line = $"jobs {done}/{jobs.Count} completed; instances live {live.Count}, machines {machines}, registrations {registrations}";
            if (line != last)
            {
                say($"{clock.Elapsed.TotalSeconds,6:0.0}s {line}");
                last = line;
            }

            if (done == jobs.Count && live.Count == 0 && machines == 0 && registrations == 0)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }

        return false;
    }

    private static async Task<int> CountMachinesAsync(IProvider[] providers, CancellationToken ct)
    {
        var count = 0;
        foreach (var provider in providers)
        {
            try
            {
                count += (await provider.ListAsync(null, ct)).Count;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // Counted again at the next look.
                count++;
            }
        }

        return count;
    }

    private static async Task<ReliabilityFigures> FiguresAsync(
        EmulatorHost emulator, IStore store, IProvider[] providers, IReadOnlyList<FaultyProvider> faulty, TimeSpan elapsed, bool timedOut, CancellationToken ct)
    {
        var jobs = emulator.State.Jobs;
        var runners = emulator.State.Runners;
        var deliveries = emulator.State.Deliveries;
        var instances = await store.ListInstancesAsync(InstanceQuery.All, ct);
        var latencies = jobs.Where(j => j.StartedAt is not null).Select(j => (j.StartedAt!.Value - j.QueuedAt).TotalSeconds).Order().ToArray();
        return new ReliabilityFigures
        {
            Jobs = jobs.Count,
            Completed = jobs.Count(j => j.Status == EmulatedJobStatus.Completed),
            Lost = jobs.Count(j => j.Status != EmulatedJobStatus.Completed),
            JobsWithSeveralRunners = jobs.Count(j => runners.Count(r => r.JobId == j.Id) > 1),
            RunnersWithSeveralJobs = jobs.Where(j => j.RunnerId is not null).GroupBy(j => j.RunnerId).Count(g => g.Count() > 1),
            InstancesCreated = instances.Count,
            Registrations = runners.Count,
            LeakedMachines = await CountMachinesAsync(providers, ct),
            LeakedInstances = instances.Count(i => i.State != InstanceState.Deleted),
            LeakedRegistrations = runners.Count(r => !r.Removed),
            WebhooksDropped = deliveries.Count(d => d.Fault == "dropped"),
            WebhooksDuplicated = deliveries.Count(d => d.Fault == "duplicated"),
            WebhooksReordered = deliveries.Count(d => d.Fault == "reordered"),
            ProviderCreateFailures = faulty.Sum(f => f.CreateFailures),
            ProviderDeleteFailures = faulty.Sum(f => f.DeleteFailures),
            MaxQueueToStartSeconds = latencies.Length == 0 ? 0 : Math.Round(latencies[^1], 1),
            SecondsToConverge = Math.Round(elapsed.TotalSeconds, 1),
            TimedOut = timedOut,
        };
    }
}

internal sealed record ReliabilityScenarioOptions
{
    public int Jobs { get; init; } = 30;

    public string Provider { get; init; } = "process";

    public string ControllerId { get; init; } = "rel-" + Guid.NewGuid().ToString("N")[..8];

    public int MaxRunnersPerPool { get; init; } = 6;

    public TimeSpan JobDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    public EmulatorFaults Faults { get; init; } = EmulatorFaults.None;

    public double CreateFailureRate { get; init; }

    public double DeleteFailureRate { get; init; }

    /// <summary>Fast loops so that a lost event costs seconds, not minutes.</summary>
    public ReconcileOptions Loops { get; init; } = new()
    {
        ReaperInterval = TimeSpan.FromSeconds(2),
        StoreGhostsInterval = TimeSpan.FromSeconds(1),
        ProviderOrphansInterval = TimeSpan.FromSeconds(2),
        ForgeOrphansInterval = TimeSpan.FromSeconds(2),
        ForgeOrphanGrace = TimeSpan.FromSeconds(4),
        StaleJobsInterval = TimeSpan.FromSeconds(2),
        StaleJobAfter = TimeSpan.FromSeconds(5),
        CreateRetryInterval = TimeSpan.FromMilliseconds(500),
        CreateRetry = new() { MaxAttempts = 3, Delay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(5) },
    };

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(4);

    public bool Verbose { get; init; }
}

internal sealed record ReliabilityFigures
{
    public int Jobs { get; init; }

    public int Completed { get; init; }

    public int Lost { get; init; }

    public int JobsWithSeveralRunners { get; init; }

    public int RunnersWithSeveralJobs { get; init; }

    public int InstancesCreated { get; init; }

    public int Registrations { get; init; }

    public int LeakedMachines { get; init; }

    public int LeakedInstances { get; init; }

    public int LeakedRegistrations { get; init; }

    public int WebhooksDropped { get; init; }

    public int WebhooksDuplicated { get; init; }

    public int WebhooksReordered { get; init; }

    public int ProviderCreateFailures { get; init; }

    public int ProviderDeleteFailures { get; init; }

    public double MaxQueueToStartSeconds { get; init; }

    public double SecondsToConverge { get; init; }

    public bool TimedOut { get; init; }
}
