using Hangar.Configuration;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Providers.Process;
using Hangar.Testing;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// <c>credential_delivery: file</c> from the pool to the runner: the real server, the process provider and the
/// native emulated runner, which finds its JIT config only in <c>$HANGAR_CREDENTIALS_DIRECTORY</c>.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CredentialFileEndToEndTests : IDisposable
{
    private const string Repository = "hangar-files/app";
    private const string Token = "ghp_files";
    private const string WebhookSecret = "files-secret";

    private readonly DirectoryInfo _dataDir = Directory.CreateTempSubdirectory("hangar-files-data-");
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("hangar-files-runners-");
    private readonly DirectoryInfo _seen = Directory.CreateTempSubdirectory("hangar-files-seen-");

    public void Dispose()
    {
        foreach (var dir in new[] { _dataDir, _workDir, _seen })
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Serve_ProcessPoolWithFileDelivery_RunnerTakesItsJitConfigFromTheFileAndServesTheJob()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        await using var emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions { Token = Token, WebhookSecret = WebhookSecret, DefaultJobDuration = TimeSpan.FromMilliseconds(200) }, ct);
        var app = HangarHost.Create(Config(emulator.ApiUrl), new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["github-token"] = Token, ["github-webhook-secret"] = WebhookSecret },
        });
        await using var _ = app;
        await app.StartAsync(ct);
        emulator.SetWebhook(new Uri($"{HangarHost.ListeningUrls(app)[0]}/webhooks/github"), WebhookSecret);

        var job = emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux"] }).Single();

        await Poll.UntilAsync(() => Task.FromResult(emulator.State.GetJob(job.Id)!.Status == EmulatedJobStatus.Completed),
            TimeSpan.FromSeconds(90), "the job to be served", ct);
        var runner = emulator.State.GetJob(job.Id)!.RunnerName.ShouldNotBeNull();
        var environment = await File.ReadAllTextAsync(Path.Combine(_seen.FullName, runner), ct);
        environment.ShouldContain($"{RunnerEnvironment.CredentialsDirectory}={Path.Combine(_workDir.FullName, runner, "credentials")}\n");
        environment.ShouldNotContain(GitHubForge.JitConfigEnvironmentVariable);
    }

    private HangarConfig Config(Uri apiUrl) => new()
    {
        Server = new ServerConfig { DataDir = _dataDir.FullName },
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
            ["local"] = new() { Process = new ProcessProviderOptions { Name = "local", WorkDir = _workDir.FullName } },
        },
        Engine = new EngineOptions
        {
            ControllerId = "files-" + Guid.NewGuid().ToString("N")[..8],
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
                    Provider = "local",
                    // What the runner's environment held, kept where its directory's removal does not take it.
                    Command =
                    [
                        "sh", "-c",
                        $"env > \"{_seen.FullName}/$(basename \"$(dirname \"$HANGAR_CREDENTIALS_DIRECTORY\")\")\"; exec \"$0\" --idle-timeout 60",
                        EmulatedRunnerBinary.Path,
                    ],
                    CredentialDelivery = CredentialDelivery.File,
                    MaxRunners = 1,
                },
            ],
        },
    };
}
