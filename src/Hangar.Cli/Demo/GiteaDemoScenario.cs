using System.Security.Cryptography;
using Hangar.Configuration;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.Gitea;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Forges.Gitea;
using Hangar.Providers.Docker;
using Hangar.Providers.Process;
using Hangar.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Cli.Demo;

/// <summary>
/// <c>hangar demo --forge gitea|forgejo|forgejo-11</c>: the real server against an emulated Gitea 1.25 (webhooks),
/// Forgejo 15 (polling, REST ephemeral registration) or Forgejo 11 (polling, registration token), jobs over the two demo
/// pools, real runners with the chosen provider. Done when every job completed and no machine of ours is left.
/// </summary>
internal sealed class GiteaDemoScenario(DemoOptions options, GiteaFlavor flavor, Action<string> say)
{
    private static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(250);

    public async Task<GiteaDemoSummary> RunAsync(CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        var dataDir = options.DataDir ?? Directory.CreateTempSubdirectory("hangar-demo-").FullName;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        await using var emulator = await GiteaEmulatorHost.StartAsync(
            new GiteaEmulatorOptions { Flavor = flavor, Token = token, WebhookSecret = secret, DefaultJobDuration = options.JobDuration, Faults = options.Faults },
            null, ct).ConfigureAwait(false);
        var app = HangarHost.Create(BuildConfig(dataDir, emulator.BaseUrl), new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = options.Verbose ? "text" : "none",
            MinimumLogLevel = options.Verbose ? LogLevel.Information : LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["code-token"] = token, ["code-webhook-secret"] = secret },
        });
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(ct).ConfigureAwait(false);
            var url = HangarHost.ListeningUrls(app)[0];
            emulator.State.WebhookUrl = new Uri($"{url}/webhooks/code");
            say($"server {url}, emulated {flavor} {emulator.BaseUrl}, provider {options.Provider}");
            var half = options.Jobs / 2;
            emulator.State.QueueJobs(options.Repository, DemoScenario.PoolLabels["small"], options.Jobs - half);
            emulator.State.QueueJobs(options.Repository, DemoScenario.PoolLabels["large"], half);
            var providers = app.Services.GetServices<IProvider>().ToArray();
            var settled = await WaitSettledAsync(emulator.State, providers, ct).ConfigureAwait(false);
            var jobs = emulator.State.Jobs();
            var wrong = jobs.Count(j => j.RunnerName is not { } name
                || !name.StartsWith($"hgr-{(j.Labels.Contains("small") ? "small" : "large")}-", StringComparison.Ordinal)
                || jobs.Count(o => o.RunnerId == j.RunnerId) > 1);
            var machines = await CountMachinesAsync(providers, ct).ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return new GiteaDemoSummary
            {
                Forge = flavor.ToString(),
                Provider = options.Provider,
                JobsQueued = jobs.Count,
                JobsCompleted = jobs.Count(j => j.State == GiteaJobState.Success),
                WrongRunner = wrong,
                MachinesLeft = machines,
                RegistrationsLeft = emulator.State.Runners().Count,
                ElapsedSeconds = Math.Round(TimeProvider.System.GetElapsedTime(started).TotalSeconds, 1),
                TimedOut = !settled,
                Success = settled && wrong == 0 && machines == 0,
            };
        }
    }

    private HangarConfig BuildConfig(string dataDir, Uri baseUrl)
    {
        var docker = options.Provider == "docker";
        var provider = docker
            ? new ProviderConfig { Docker = new DockerProviderOptions { Name = "docker" } }
            : new ProviderConfig { Process = new ProcessProviderOptions { Name = "process", WorkDir = Path.Combine(dataDir, "process") } };
        var type = flavor == GiteaFlavor.Gitea ? "gitea" : "forgejo";
        return new HangarConfig
        {
            Server = new ServerConfig { DataDir = dataDir },
            Engine = new EngineOptions
            {
                ControllerId = options.ControllerId,
                ConvergeInterval = options.ConvergeInterval,
                ObserveInterval = TimeSpan.FromSeconds(1),
                Pools = [.. DemoScenario.PoolLabels.Select(p => new PoolSpec
                {
                    Name = p.Key,
                    Forge = "code",
                    Target = ForgeTarget.Repository(options.Repository),
                    Labels = p.Value,
                    Provider = provider.Name,
                    Image = docker ? options.Image : null,
                    Command = docker ? [] : [EmulatedRunnerBinary.Path, "--idle-timeout", "120"],
                    NetworkMode = docker ? "host" : null,
                    MaxRunners = options.MaxRunnersPerPool,
                    BootTimeout = options.BootTimeout,
                    IdleGrace = options.IdleGrace,
                })],
                ProviderConcurrency = new Dictionary<string, int> { [provider.Name] = options.MaxConcurrency },
            },
            Forges = new Dictionary<string, ForgeConfig>
            {
                ["code"] = new()
                {
                    Type = type,
                    GitHub = new GitHubForgeOptions { Name = "code" },
                    GiteaFamily = new GiteaFamilyOptions
                    {
                        Name = "code",
                        BaseUrl = baseUrl.ToString(),
                        Mode = type == "gitea" ? GiteaFamilyOptions.WebhookMode : GiteaFamilyOptions.PollMode,
                        PollInterval = TimeSpan.FromSeconds(1),
                    },
                    Token = new SecretRef("code-token"),
                    WebhookSecret = type == "gitea" ? new SecretRef("code-webhook-secret") : null,
                },
            },
            Providers = new Dictionary<string, ProviderConfig> { [provider.Name] = provider },
        };
    }

    private async Task<bool> WaitSettledAsync(GiteaEmulatorState state, IProvider[] providers, CancellationToken ct)
    {
        using var look = new PeriodicTimer(LookInterval);
        var start = TimeProvider.System.GetTimestamp();
        var last = "";
        while (TimeProvider.System.GetElapsedTime(start) < options.Timeout)
        {
            var jobs = state.Jobs();
            var done = jobs.Count(j => j.State == GiteaJobState.Success);
            var machines = await CountMachinesAsync(providers, ct).ConfigureAwait(false);
            var progress = new DemoProgress
            {
                Elapsed = TimeProvider.System.GetElapsedTime(start), JobsTotal = jobs.Count, JobsCompleted = done,
                JobsRunning = jobs.Count(j => j.State == GiteaJobState.Running), Machines = machines, Registrations = state.Runners().Count,
            };
            if (options.Progress is { } report)
            {
                report(progress);
            }
            else if (progress.Line != last)
            {
                say(progress.Line);
                last = progress.Line;
            }

            if (done == jobs.Count && machines == 0)
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
            count += (await provider.ListAsync(null, ct).ConfigureAwait(false)).Count;
        }

        return count;
    }
}
