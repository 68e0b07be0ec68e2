using System.Diagnostics;
using System.Security.Cryptography;
using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Engine.Configuration;
using Hangar.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Cli.Demo;

/// <summary>
/// The whole path for real: the emulator (a local GitHub) queues jobs over two pools and sends signed webhooks to the
/// real server, which creates one-job runners with the chosen provider; the run ends when every job completed and
/// every machine is gone, or at the timeout.
/// </summary>
public sealed class DemoScenario(DemoOptions options, Action<string> say)
{
    public const string Repository = "hangar-demo/app";

    public static readonly IReadOnlyDictionary<string, string[]> PoolLabels = new Dictionary<string, string[]>
    {
        ["small"] = ["linux", "small"],
        ["large"] = ["linux", "large"],
    };

    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken)
    {
        var dataDir = options.DataDir ?? Directory.CreateTempSubdirectory("hangar-demo-").FullName;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var clock = Stopwatch.StartNew();

        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = token,
            WebhookSecret = secret,
            DefaultJobDuration = options.JobDuration,
        }, cancellationToken).ConfigureAwait(false);

        var config = BuildConfig(dataDir, emulator.ApiUrl);
        var app = await HangarHost.CreateAsync(config, new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = options.Verbose ? "text" : "none",
            MinimumLogLevel = options.Verbose ? LogLevel.Information : LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["github-token"] = token, ["github-webhook-secret"] = secret },
        }, cancellationToken).ConfigureAwait(false);
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var url = HangarHost.ListeningUrls(app)[0];
            emulator.SetWebhook(new Uri($"{url}/webhooks/github"), secret);
            say($"server {url} (data in {dataDir}), emulator {emulator.ApiUrl}, provider {options.Provider}");

            var half = options.Jobs / 2;
            emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", .. PoolLabels["small"]], Count = options.Jobs - half });
            if (half > 0)
            {
                emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", .. PoolLabels["large"]], Count = half });
            }

            say($"queued {options.Jobs} jobs over pools small and large");
            var store = app.Services.GetRequiredService<IStore>();
            var providers = app.Services.GetServices<IProvider>().ToArray();
            var timedOut = !await WaitSettledAsync(emulator, store, providers, cancellationToken).ConfigureAwait(false);
            var summary = await SummariseAsync(emulator, store, providers, clock.Elapsed, timedOut, cancellationToken).ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return summary;
        }
    }

    private HangarConfig BuildConfig(string dataDir, Uri apiUrl)
    {
        var provider = options.Provider == "docker"
            ? new ProviderConfig { Name = "docker", Type = "docker", MaxConcurrency = 8 }
            : new ProviderConfig { Name = "process", Type = "process", MaxConcurrency = 8, WorkDir = Path.Combine(dataDir, "process") };
        var pools = PoolLabels.Select(p => new PoolSpec
        {
            Name = p.Key,
            Forge = "github",
            Target = ForgeTarget.Repository(Repository),
            Labels = p.Value,
            Provider = provider.Name,
            Image = options.Provider == "docker" ? options.Image : null,
            Command = options.Provider == "docker" ? [] : [EmulatedRunnerBinary.Path, "--idle-timeout", "120"],
            NetworkMode = options.Provider == "docker" ? "host" : null,
            MaxRunners = options.MaxRunnersPerPool,
            BootTimeout = TimeSpan.FromMinutes(2),
            IdleGrace = TimeSpan.FromSeconds(5),
        }).ToArray();

        return new HangarConfig
        {
            Server = new ServerConfig
            {
                DataDir = dataDir,
                ControllerId = options.ControllerId,
                ConvergeInterval = TimeSpan.FromSeconds(2),
                ObserveInterval = TimeSpan.FromSeconds(1),
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
        var deadline = Stopwatch.StartNew();
        var last = "";
        while (deadline.Elapsed < options.Timeout)
        {
            var jobs = emulator.State.Jobs;
            var live = await store.ListInstancesAsync(InstanceQuery.Live, ct).ConfigureAwait(false);
            var machines = 0;
            foreach (var provider in providers)
            {
                machines += (await provider.ListAsync(null, ct).ConfigureAwait(false)).Count;
            }

            var done = jobs.Count(j => j.Status == EmulatedJobStatus.Completed);
            var running = jobs.Count(j => j.Status == EmulatedJobStatus.InProgress);
            var line = $"jobs {done}/{jobs.Count} completed, {running} running; runners live {live.Count}, machines {machines}";
            if (line != last)
            {
                say(line);
                last = line;
            }

            if (done == jobs.Count && live.Count == 0 && machines == 0)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
        }

        return false;
    }

    private static async Task<DemoSummary> SummariseAsync(EmulatorHost emulator, IStore store, IProvider[] providers, TimeSpan elapsed, bool timedOut, CancellationToken ct)
    {
        var jobs = emulator.State.Jobs;
        var all = await store.ListInstancesAsync(InstanceQuery.All, ct).ConfigureAwait(false);
        var machines = 0;
        foreach (var provider in providers)
        {
            machines += (await provider.ListAsync(null, ct).ConfigureAwait(false)).Count;
        }

        var wrongPool = 0;
        foreach (var job in jobs.Where(j => j.RunnerName is not null))
        {
            var pool = PoolLabels.FirstOrDefault(p => job.RunnerName!.StartsWith($"hgr-{p.Key}-", StringComparison.Ordinal)).Value;
            if (pool is null || !job.Labels.Where(l => l != "self-hosted").All(l => pool.Contains(l, StringComparer.OrdinalIgnoreCase)))
            {
                wrongPool++;
            }
        }

        var latencies = jobs.Where(j => j.StartedAt is not null)
            .Select(j => (j.StartedAt!.Value - j.QueuedAt).TotalMilliseconds)
            .Order()
            .ToArray();
        return new DemoSummary
        {
            Provider = providers.Length > 0 ? providers[0].Name : "none",
            JobsQueued = jobs.Count,
            JobsCompleted = jobs.Count(j => j.Status == EmulatedJobStatus.Completed),
            JobsCompletedInStore = (await store.ListJobsAsync(new JobQuery { Statuses = [Core.Jobs.JobStatus.Completed] }, ct).ConfigureAwait(false)).Count,
            RunnersCreated = all.Count,
            RunnersDeleted = all.Count(i => i.State == InstanceState.Deleted),
            Leaked = machines + all.Count(i => i.State != InstanceState.Deleted),
            WrongPool = wrongPool,
            RunnersWithSeveralJobs = jobs.Where(j => j.RunnerId is not null).GroupBy(j => j.RunnerId).Count(g => g.Count() > 1),
            LatencyP50Ms = Percentile(latencies, 0.50),
            LatencyP99Ms = Percentile(latencies, 0.99),
            ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 1),
            TimedOut = timedOut,
        };
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(index, 0, sorted.Length - 1)], 1);
    }
}
