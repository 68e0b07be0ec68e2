using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hangar.Configuration;
using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Providers.Process;
using Hangar.Server.Tests.EndToEnd;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.Reliability;

/// <summary>
/// Scale-down racing a job, end to end: the real server and the real GitHub client against the emulator. The runner is
/// played by the test over the emulator's runner protocol, so it can take a job at the worst moment: after Hangar has
/// decided to retire it and checked that it is idle, just before the removal reaches the forge.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class SafeScaleDownTests
{
    private const string Repository = "hangar-scale/app";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serve_RunnerTakesJobWhileBeingRetired_ForgeRefusesAndRunnerIsKeptUntilItsJobIsDone()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        var dataDir = Directory.CreateTempSubdirectory("hangar-scale-down-").FullName;
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Token = "ghp_scale", WebhookSecret = "scale-secret", DefaultJobDuration = TimeSpan.FromSeconds(1) }, ct);
        var machines = new RecordingProvider("machines");
        HookedForge? forge = null;
        var app = HangarHost.Create(Config(dataDir, emulator.ApiUrl), new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["github-token"] = "ghp_scale", ["github-webhook-secret"] = "scale-secret" },
            ConfigureServices = services =>
            {
                // The machine is a record only: the test itself is the runner inside it.
                foreach (var provider in services.Where(d => d.ServiceType == typeof(IProvider)).ToList())
                {
                    services.Remove(provider);
                }

                services.AddSingleton<IProvider>(machines);
                var real = services.Single(d => d.ServiceType == typeof(IForge));
                services.Remove(real);
                services.AddSingleton<IForge>(sp => forge = new HookedForge((IForge)real.ImplementationFactory!(sp)));
            },
        });
        await using var _ = app;
        await app.StartAsync(ct);
        emulator.SetWebhook(new Uri($"{HangarHost.ListeningUrls(app)[0]}/webhooks/github"), "scale-secret");
        var store = app.Services.GetRequiredService<IStore>();

        // A job brings a runner up; the job is cancelled before the runner takes it, so the runner is surplus.
        var first = emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux"] }).Single();
        await Poll.UntilAsync(() => Task.FromResult(machines.Specs.Count == 1), Patience, "a runner to be created", ct);
        var spec = machines.Specs[0];
        using var runner = new EmulatedRunnerClient(spec.SecretEnv[GitHubForge.JitConfigEnvironmentVariable]);
        await runner.ConnectAsync(ct);
        emulator.State.CancelJob(first.Id);

        // Just before the removal reaches GitHub the runner takes a new job: GitHub (the emulator) answers 422.
        long? taken = null;
        forge!.BeforeRemove = async () =>
        {
            forge.BeforeRemove = null;
            emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux"] });
            taken = await runner.TakeJobAsync(ct);
        };
        await Poll.UntilAsync(() => Task.FromResult(taken is not null), Patience, "the retirement to race the job", ct);
        await Poll.UntilAsync(async () => (await store.GetInstanceAsync(spec.Name, ct))?.State == InstanceState.Busy, Patience, "the runner to be seen busy", ct);

        forge.RemoveOutcomes.ShouldBe(["busy"]);
        machines.Deletes.ShouldNotContain(spec.Name);
        emulator.State.GetJob(taken!.Value)!.RunnerName.ShouldBe(spec.Name);

        // Only once its job is done is it removed.
        await runner.CompleteAsync(taken.Value, ct);
        await Poll.UntilAsync(async () => (await store.GetInstanceAsync(spec.Name, ct))?.State == InstanceState.Deleted, Patience, "the runner to be deleted after its job", ct);
        emulator.State.GetJob(taken.Value)!.Status.ShouldBe(EmulatedJobStatus.Completed);
        machines.Deletes.ShouldContain(spec.Name);
        (await store.GetHistoryAsync(spec.Name, 50, ct)).Select(t => t.To).ShouldContain(InstanceState.Busy);
    }

    private static HangarConfig Config(string dataDir, Uri apiUrl) => new()
    {
        Server = new ServerConfig { DataDir = dataDir },
        Forges = new Dictionary<string, ForgeConfig>
        {
            ["github"] = new()
            {
                GitHub = new GitHubForgeOptions { Name = "github", ApiUrl = apiUrl.ToString() },
                Token = new SecretRef("github-token"),
                WebhookSecret = new SecretRef("github-webhook-secret"),
            },
        },
        Providers = new Dictionary<string, ProviderConfig>
        {
            ["machines"] = new() { Process = new ProcessProviderOptions { Name = "machines", WorkDir = Path.Combine(dataDir, "process") } },
        },
        Engine = new EngineOptions
        {
            ControllerId = "scale-" + Guid.NewGuid().ToString("N")[..8],
            ConvergeInterval = TimeSpan.FromMilliseconds(500),
            ObserveInterval = TimeSpan.FromMilliseconds(500),
            Pools =
            [
                new PoolSpec
                {
                    Name = "linux",
                    Forge = "github",
                    Target = ForgeTarget.Repository(Repository),
                    Labels = ["linux"],
                    Provider = "machines",
                    Command = ["/bin/true"],
                    MaxRunners = 1,
                    IdleGrace = TimeSpan.FromSeconds(1),
                },
            ],
        },
    };

    /// <summary>The real forge, with a hook that runs once just before a removal is sent, and what each removal gave.</summary>
    private sealed class HookedForge(IForge inner) : IForge
    {
        private readonly List<string> _outcomes = [];

        public Func<Task>? BeforeRemove { get; set; }

        public IReadOnlyList<string> RemoveOutcomes
        {
            get { lock (_outcomes) { return [.. _outcomes]; } }
        }

        public string Name => inner.Name;

        public Task<RunnerCredential> CreateRunnerCredentialAsync(ForgeTarget target, RunnerRequest request, CancellationToken cancellationToken = default) =>
            inner.CreateRunnerCredentialAsync(target, request, cancellationToken);

        public Task<IReadOnlyList<ForgeRunner>> ListRunnersAsync(ForgeTarget target, string? name = null, CancellationToken cancellationToken = default) =>
            inner.ListRunnersAsync(target, name, cancellationToken);

        public async Task RemoveRunnerAsync(ForgeTarget target, long runnerId, CancellationToken cancellationToken = default)
        {
            if (BeforeRemove is { } hook)
            {
                await hook();
            }

            try
            {
                await inner.RemoveRunnerAsync(target, runnerId, cancellationToken);
                Record("removed");
            }
            catch (RunnerBusyException)
            {
                Record("busy");
                throw;
            }
        }

        public Task<ForgeJob?> GetJobAsync(string repository, long jobId, CancellationToken cancellationToken = default) =>
            inner.GetJobAsync(repository, jobId, cancellationToken);

        public Task<IReadOnlyList<ForgeJob>> ListQueuedJobsAsync(string repository, CancellationToken cancellationToken = default) =>
            inner.ListQueuedJobsAsync(repository, cancellationToken);

        private void Record(string outcome)
        {
            lock (_outcomes)
            {
                _outcomes.Add(outcome);
            }
        }
    }

    /// <summary>The emulator's runner protocol, as <c>hangar-emulated-runner</c> speaks it, driven step by step.</summary>
    private sealed class EmulatedRunnerClient : IDisposable
    {
        private readonly HttpClient _http;

        public EmulatedRunnerClient(string jitConfig)
        {
            using var files = JsonDocument.Parse(Convert.FromBase64String(jitConfig));
            using var runner = JsonDocument.Parse(Convert.FromBase64String(files.RootElement.GetProperty(".runner").GetString()!));
            using var credentials = JsonDocument.Parse(Convert.FromBase64String(files.RootElement.GetProperty(".credentials").GetString()!));
            var server = runner.RootElement.GetProperty("serverUrl").GetString()!;
            _http = new HttpClient { BaseAddress = new Uri(server.EndsWith('/') ? server : server + "/"), Timeout = TimeSpan.FromSeconds(30) };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credentials.RootElement.GetProperty("data").GetProperty("token").GetString());
        }

        public async Task ConnectAsync(CancellationToken ct) =>
            (await _http.PostAsync("_runner/connect", Json("""{"os":"Linux"}"""), ct)).EnsureSuccessStatusCode();

        public async Task<long> TakeJobAsync(CancellationToken ct)
        {
            using var response = await _http.GetAsync("_runner/job?wait_seconds=10", ct);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return body.RootElement.GetProperty("job").GetProperty("id").GetInt64();
        }

        public async Task CompleteAsync(long jobId, CancellationToken ct) =>
            (await _http.PostAsync($"_runner/jobs/{jobId}/complete", Json("""{"conclusion":"success"}"""), ct)).EnsureSuccessStatusCode();

        public void Dispose() => _http.Dispose();

        private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
    }
}
