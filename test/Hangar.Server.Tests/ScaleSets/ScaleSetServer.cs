using Hangar.Cli.Demo;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Server.Tests.EndToEnd;

namespace Hangar.Server.Tests.ScaleSets;

/// <summary>
/// The emulator and <c>hangar serve</c> (a child process) with a GitHub forge in scale-set mode and two pools, each a
/// scale set at the organization: <c>linux</c> (labels linux, docker) and <c>gpu</c> (linux, gpu), on Docker.
/// Retries are short so failure modes resolve within a test.
/// </summary>
internal sealed class ScaleSetServer : IAsyncDisposable
{
    public const string Owner = "hangar-demo";
    public const string Repository = $"{Owner}/app";
    private const string Token = "ghp_scaleset_test_token";
    private const string ApiToken = "scaleset-test-api-token";

    private readonly string _configPath;
    private readonly int _port;
    private readonly Dictionary<string, string> _env = new() { ["SS_GH_TOKEN"] = Token, ["SS_API_TOKEN"] = ApiToken };

    private ScaleSetServer(EmulatorHost emulator, string dir, string controllerId, int port, string configPath)
    {
        Emulator = emulator;
        Dir = dir;
        ControllerId = controllerId;
        _port = port;
        _configPath = configPath;
        LogPath = Path.Combine(dir, "server.log");
    }

    public EmulatorHost Emulator { get; }

    public string Dir { get; }

    public string ControllerId { get; }

    public string LogPath { get; }

    public ServerProcess? Process { get; private set; }

    public static async Task<ScaleSetServer> CreateAsync(CancellationToken ct, TimeSpan? sessionTimeout = null)
    {
        await DockerImage.EnsureRunnerImageAsync();
        var dir = Directory.CreateTempSubdirectory("hangar-scaleset-").FullName;
        var controllerId = "ss-" + Guid.NewGuid().ToString("N")[..8];
        var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = Token,
            DefaultJobDuration = TimeSpan.FromSeconds(1),
            ScaleSetPollWait = TimeSpan.FromSeconds(2),
            SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(6),
            Faults = new() { RetryAfter = TimeSpan.FromSeconds(1) },
        }, ct);
        var port = LoopbackPort.Free();
        var configPath = Path.Combine(dir, "hangar.yaml");
        await File.WriteAllTextAsync(configPath, Config(port, dir, controllerId, emulator.ApiUrl), ct);
        return new ScaleSetServer(emulator, dir, controllerId, port, configPath);
    }

    public async Task StartAsync()
    {
        Process = ServerProcess.Start(_configPath, _port, _env, LogPath);
        await Process.WaitReadyAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Both scale sets exist and each has a session its listener polls.</summary>
    public Task ListeningAsync(CancellationToken ct) =>
        Poll.UntilAsync(
            () => Task.FromResult(Emulator.State.ScaleSets.Count(s => !s.Deleted) == 2
                && Emulator.State.Sessions.Count(s => s.OwnerName != "ghost-listener" && s.FirstPollLastMessageId is not null) == 2),
            TimeSpan.FromSeconds(60), "both listeners polling", ct, Probes.LookInterval);

    public void Queue(int linux, int gpu)
    {
        if (linux > 0)
        {
            Emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux", "docker"], Count = linux });
        }

        if (gpu > 0)
        {
            Emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux", "gpu"], Count = gpu });
        }
    }

    /// <summary>Every job completed, every registration removed, no container and no live runner left.</summary>
    public Task AllServedAndCleanAsync(TimeSpan timeout, CancellationToken ct) =>
        Poll.UntilAsync(
            async () => Emulator.State.Jobs.All(j => j.Status == EmulatedJobStatus.Completed)
                && Emulator.State.Runners.All(r => r.Removed)
                && await Probes.CountContainersAsync(ControllerId) == 0
                && await Probes.LiveRunnersAsync(Process!.Url, ApiToken) == 0,
            timeout, "every job served and everything cleaned up", ct, Probes.LookInterval);

    /// <summary>Each job ran once, on a runner of the scale set GitHub assigned it to, each runner took one job.</summary>
    public void AssertEachJobServedOnceByItsScaleSet()
    {
        var jobs = Emulator.State.Jobs;
        var sets = Emulator.State.ScaleSets.ToDictionary(s => s.Id);
        var runners = Emulator.State.Runners.ToDictionary(r => r.Id);
        jobs.ShouldAllBe(j => j.RunnerId != null && j.Conclusion == "success");
        jobs.GroupBy(j => j.RunnerId).ShouldAllBe(g => g.Count() == 1);
        foreach (var job in jobs)
        {
            var set = sets[job.ScaleSetId!.Value];
            var pool = job.Labels.Contains("gpu") ? "gpu" : "linux";
            set.Name.ShouldBe(pool);
            runners[job.RunnerId!.Value].ScaleSetId.ShouldNotBeNull();
            sets[runners[job.RunnerId!.Value].ScaleSetId!.Value].Name.ShouldBe(pool);
            job.RunnerName.ShouldStartWith($"hgr-{pool}-");
        }
    }

    public string Log() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        await Emulator.DisposeAsync();
    }

    public async Task RestartAsync(bool kill)
    {
        if (kill)
        {
            await Process!.KillAsync();
        }

        await Process!.DisposeAsync();
        await StartAsync();
    }

    private static string Config(int port, string dir, string controllerId, Uri apiUrl) => $"""
        server:
          listen: http://127.0.0.1:{port}
          data_dir: {dir}/data
          controller_id: {controllerId}
          api_tokens:
            - name: api
              env: SS_API_TOKEN
          converge_interval: 2s
          observe_interval: 1s
          scale_sets:
            conflict_retry_min: 1s
            conflict_retry_max: 2s
            error_backoff_first: 500ms
            error_backoff_max: 2s
        forges:
          github:
            type: github
            mode: scaleset
            api_url: {apiUrl}
            token:
              env: SS_GH_TOKEN
        providers:
          docker:
            type: docker
            max_concurrency: 4
        pools:
          linux:
            forge: github
            organization: {Owner}
            labels: [linux, docker]
            provider: docker
            image: {DemoProviders.RunnerImage}
            network_mode: host
            max_runners: 6
            idle_grace: 3s
          gpu:
            forge: github
            organization: {Owner}
            labels: [linux, gpu]
            provider: docker
            image: {DemoProviders.RunnerImage}
            network_mode: host
            max_runners: 6
            idle_grace: 3s
        """;
}
