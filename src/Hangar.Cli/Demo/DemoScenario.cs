using System.Security.Cryptography;
using Hangar.Configuration;
using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Providers.Docker;
using Hangar.Providers.External;
using Hangar.Providers.Process;
using Hangar.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Cli.Demo;

/// <summary>
/// The whole path for real: the emulator (a local GitHub) queues jobs over two pools and sends signed webhooks to the
/// real server, which creates one-job runners with the chosen provider; the run ends when every job completed and
/// nothing of ours is left anywhere (instances, machines, registrations), or at the timeout. <c>hangar demo</c> prints
/// its summary; the reliability tests run it under faults and read the same outcome.
/// </summary>
internal sealed class DemoScenario(DemoOptions options, Action<string> say, TimeProvider? timeProvider = null)
{
    public const string Repository = "hangar-demo/app";

    private static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public static readonly IReadOnlyDictionary<string, string[]> PoolLabels = new Dictionary<string, string[]>
    {
        ["small"] = ["linux", "small"],
        ["large"] = ["linux", "large"],
    };

    private bool ScaleSets => options.Mode == "scaleset";

    public async Task<DemoOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var dataDir = options.DataDir ?? Directory.CreateTempSubdirectory("hangar-demo-").FullName;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = token,
            WebhookSecret = secret,
            DefaultJobDuration = options.JobDuration,
            Faults = options.Faults,
        }, cancellationToken).ConfigureAwait(false);

        var config = BuildConfig(dataDir, emulator.ApiUrl);
        var app = HangarHost.Create(config, new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = options.Verbose ? "text" : "none",
            MinimumLogLevel = options.Verbose ? LogLevel.Information : LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["github-token"] = token, ["github-webhook-secret"] = secret },
            ConfigureServices = options.ConfigureServices,
        });
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var url = HangarHost.ListeningUrls(app)[0];
            if (!ScaleSets)
            {
                emulator.SetWebhook(new Uri($"{url}/webhooks/github"), secret);
            }

            say($"server {url} (data in {dataDir}), emulator {emulator.ApiUrl}, provider {options.Provider}, mode {options.Mode}");

            var queued = _time.GetTimestamp();
            var half = options.Jobs / 2;
            emulator.QueueJobs(new JobRequest { Repository = options.Repository, Labels = ["self-hosted", .. PoolLabels["small"]], Count = options.Jobs - half });
            if (half > 0)
            {
                emulator.QueueJobs(new JobRequest { Repository = options.Repository, Labels = ["self-hosted", .. PoolLabels["large"]], Count = half });
            }

            say($"queued {options.Jobs} jobs over pools small and large; emulator faults: {options.Faults}");
            var store = app.Services.GetRequiredService<IStore>();
            var providers = app.Services.GetServices<IProvider>().ToArray();
            var settled = await WaitSettledAsync(emulator, store, providers, queued, cancellationToken).ConfigureAwait(false);
            var converged = _time.GetElapsedTime(queued);
            var outcome = new DemoOutcome
            {
                Provider = providers.Length > 0 ? providers[0].Name : "none",
                Jobs = emulator.State.Jobs,
                Registrations = emulator.State.Runners,
                Deliveries = emulator.State.Deliveries,
                Instances = await store.ListInstancesAsync(InstanceQuery.All, cancellationToken).ConfigureAwait(false),
                JobsCompletedInStore = (await store.ListJobsAsync(new JobQuery { Statuses = [Core.Jobs.JobStatus.Completed] }, cancellationToken).ConfigureAwait(false)).Count,
                MachinesLeft = await CountMachinesAsync(providers, cancellationToken).ConfigureAwait(false),
                Elapsed = _time.GetElapsedTime(started),
                Converged = converged,
                TimedOut = !settled,
            };
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return outcome;
        }
    }

    private HangarConfig BuildConfig(string dataDir, Uri apiUrl)
    {
        var docker = options.Provider == "docker";
        var external = options.Provider == "external";
        var provider = docker ? new ProviderConfig { Docker = new DockerProviderOptions { Name = "docker" } }
            : external ? new ProviderConfig { External = ExternalProvider(dataDir) }
            : new ProviderConfig { Process = new ProcessProviderOptions { Name = "process", WorkDir = Path.Combine(dataDir, "process") } };
        var pools = PoolLabels.Select(p => new PoolSpec
        {
            Name = p.Key,
            Forge = "github",
            Target = ForgeTarget.Repository(options.Repository),
            Labels = p.Value,
            Provider = provider.Name,
            Image = docker || external ? options.Image : null,
            Command = docker || external ? [] : [EmulatedRunnerBinary.Path, "--idle-timeout", "120"],
            NetworkMode = docker ? "host" : null,
            MaxRunners = options.MaxRunnersPerPool,
            BootTimeout = options.BootTimeout,
            IdleGrace = options.IdleGrace,
            ScaleSet = ScaleSets ? p.Key : null,
        }).ToArray();

        return new HangarConfig
        {
            Server = new ServerConfig { DataDir = dataDir },
            Engine = new EngineOptions
            {
                ControllerId = options.ControllerId,
                ConvergeInterval = options.ConvergeInterval,
                ObserveInterval = TimeSpan.FromSeconds(1),
                Pools = pools,
                Loops = options.Loops ?? new(),
                ProviderConcurrency = new Dictionary<string, int> { [provider.Name] = options.MaxConcurrency },
            },
            Forges = new Dictionary<string, ForgeConfig>
            {
                ["github"] = new()
                {
                    GitHub = new GitHubForgeOptions { Name = "github", ApiUrl = apiUrl.ToString(), Mode = ScaleSets ? GitHubForgeMode.ScaleSet : GitHubForgeMode.Webhook },
                    Token = new SecretRef("github-token"),
                    WebhookSecret = new SecretRef("github-webhook-secret"),
                },
            },
            Providers = new Dictionary<string, ProviderConfig> { [provider.Name] = provider },
        };
    }

    /// <summary>A GARM provider run through its executable, with an empty config file of its own; its machines call back
    /// on the server's own address.</summary>
    private ExternalProviderOptions ExternalProvider(string dataDir)
    {
        var configFile = Path.Combine(dataDir, "external-provider.json");
        File.WriteAllText(configFile, "{}");
        return new ExternalProviderOptions
        {
            Name = "external",
            Executable = options.ExternalExecutable ?? throw new InvalidOperationException("the external provider needs an executable"),
            ConfigFile = configFile,
            Environment = options.ExternalEnvironment,
            InterfaceVersion = ExternalProviderOptions.V011,
        };
    }

    /// <summary>True once every job completed and no instance, machine or registration of ours is left.</summary>
    private async Task<bool> WaitSettledAsync(EmulatorHost emulator, IStore store, IProvider[] providers, long queued, CancellationToken ct)
    {
        using var look = new PeriodicTimer(LookInterval, _time);
        var last = "";
        while (_time.GetElapsedTime(queued) < options.Timeout)
        {
            var jobs = emulator.State.Jobs;
            var live = await store.ListInstancesAsync(InstanceQuery.Live, ct).ConfigureAwait(false);
            var machines = await CountMachinesAsync(providers, ct).ConfigureAwait(false);
            var registrations = emulator.State.Runners.Count(r => !r.Removed);
            var done = jobs.Count(j => j.Status == EmulatedJobStatus.Completed);
            var running = jobs.Count(j => j.Status == EmulatedJobStatus.InProgress);
            var progress = new DemoProgress
            {
                Elapsed = _time.GetElapsedTime(queued), JobsTotal = jobs.Count, JobsCompleted = done, JobsRunning = running,
                RunnersLive = live.Count, Machines = machines, Registrations = registrations,
            };
            if (options.Progress is { } report)
            {
                report(progress);
            }
            else if (progress.Line != last)
            {
                say($"{progress.Elapsed.TotalSeconds,6:0.0}s {progress.Line}");
                last = progress.Line;
            }

            if (done == jobs.Count && live.Count == 0 && machines == 0 && registrations == 0)
            {
                return true;
            }

            await look.WaitForNextTickAsync(ct).ConfigureAwait(false);
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
                count += (await provider.ListAsync(null, ct).ConfigureAwait(false)).Count;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // A provider that cannot be asked (a fault the run injected) counts as one machine until the next look.
                count++;
            }
        }

        return count;
    }
}
