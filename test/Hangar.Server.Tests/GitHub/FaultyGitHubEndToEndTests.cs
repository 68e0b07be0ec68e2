using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using Hangar.Cli.Demo;
using Hangar.Configuration;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.Faults;
using Hangar.Emulator.State;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Providers.Process;
using Hangar.Server.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.GitHub;

/// <summary>
/// The whole path, authenticated as a GitHub App, against a GitHub that answers a third of REST calls with 5xx, 429 +
/// Retry-After or an exhausted quota: every job is still served by a fresh runner and nothing leaks.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FaultyGitHubEndToEndTests
{
    private const string Forge = "faulty-app";
    private const string Secret = "faulty-webhook-secret";
    private const int Jobs = 8;

    [Fact]
    public async Task Jobs_GitHubAppAndRestFaults_AllServedAndNothingLeaked()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = cts.Token;
        using var key = RSA.Create(2048);
        var faults = new EmulatorFaults
        {
            RestServerErrorRate = 0.15,
            RestRateLimitRate = 0.1,
            RestQuotaExhaustedRate = 0.1,
            RetryAfter = TimeSpan.FromSeconds(1),
            Seed = 7,
        };
        using var retries = new RetryCounter(Forge);
        await using var github = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = "ghp_not_used_by_hangar",
            WebhookSecret = Secret,
            DefaultJobDuration = TimeSpan.FromMilliseconds(300),
            App = new EmulatorApp { PublicKeyPem = key.ExportSubjectPublicKeyInfoPem() },
            Faults = faults,
        }, ct);

        var dataDir = Directory.CreateTempSubdirectory("hangar-faulty-github-");
        var app = HangarHost.Create(Config(dataDir.FullName, github.ApiUrl), new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["app-key"] = key.ExportRSAPrivateKeyPem(), ["hook"] = Secret },
        });
        await using (app)
        {
            await app.StartAsync(ct);
            github.SetWebhook(new Uri($"{HangarHost.ListeningUrls(app)[0]}/webhooks/github/{Forge}"), Secret);

            github.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted", "linux"], Count = Jobs });
            await github.State.WaitUntilAsync(s => s.Jobs.All(j => j.Status == EmulatedJobStatus.Completed), ct).WaitAsync(TimeSpan.FromMinutes(3), ct);
            var store = app.Services.GetRequiredService<IStore>();
            await Poll.UntilAsync(async () => (await store.ListInstancesAsync(InstanceQuery.Live, ct)).Count == 0, TimeSpan.FromMinutes(3), "every instance to be deleted", ct);

            github.State.Jobs.ShouldAllBe(j => j.RunnerName != null && j.Conclusion == "success");
            github.State.Jobs.Select(j => j.RunnerId).Distinct().Count().ShouldBe(Jobs);
            github.State.InstallationTokensMinted.ShouldBeGreaterThanOrEqualTo(1);
            retries.Count.ShouldBeGreaterThan(0);
            await app.StopAsync(ct);
        }

        dataDir.Delete(recursive: true);
    }

    private static HangarConfig Config(string dataDir, Uri apiUrl) => new()
    {
        Server = new ServerConfig { DataDir = dataDir },
        Forges = new Dictionary<string, ForgeConfig>
        {
            [Forge] = new()
            {
                GitHub = new GitHubForgeOptions
                {
                    Name = Forge,
                    ApiUrl = apiUrl.ToString(),
                    App = new GitHubAppOptions { ClientId = "Iv23liEmulatorApp" },
                },
                AppPrivateKey = new SecretRef("app-key"),
                WebhookSecret = new SecretRef("hook"),
            },
        },
        Providers = new Dictionary<string, ProviderConfig>
        {
            ["process"] = new() { Process = new ProcessProviderOptions { Name = "process", WorkDir = Path.Combine(dataDir, "process") } },
        },
        Engine = new EngineOptions
        {
            ControllerId = "faulty-" + Guid.NewGuid().ToString("N")[..6],
            ConvergeInterval = TimeSpan.FromSeconds(1),
            ObserveInterval = TimeSpan.FromSeconds(1),
            ProviderConcurrency = new Dictionary<string, int> { ["process"] = 8 },
            Pools =
            [
                new PoolSpec
                {
                    Name = "linux",
                    Forge = Forge,
                    Target = ForgeTarget.Repository("acme/app"),
                    Labels = ["linux"],
                    Provider = "process",
                    Command = [EmulatedRunnerBinary.Path, "--idle-timeout", "120"],
                    MaxRunners = 4,
                    BootTimeout = TimeSpan.FromMinutes(2),
                    IdleGrace = TimeSpan.FromSeconds(2),
                },
            ],
        },
    };

    /// <summary>Counts <c>hangar.github.retries</c> for one forge, proving the faults were met and waited out.</summary>
    private sealed class RetryCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public RetryCounter(string forge)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == GitHubMetrics.MeterName && instrument.Name == "hangar.github.retries")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "forge" && (string?)tag.Value == forge)
                    {
                        Interlocked.Add(ref _count, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
