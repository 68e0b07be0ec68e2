using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text.Json;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Testing.Tart;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// A real <c>hangar serve</c> with a Tart pool on the Tart command double (Tart runs only on macOS), whose VMs run the
/// native emulated runner on this host. The server is SIGKILLed inside a VM's create, once at each step (cloned, set,
/// running), and started again on the same data directory each time. The kill points are deterministic:
/// <see cref="TartStops"/> wraps the double as the provider's <c>executable</c> and holds the create at the step.
/// Afterwards no VM or state directory of this controller is left, no instance is live, every registration is removed,
/// and both jobs were served, one by the VM that was running when the server died. Also: a pool whose image Tart does
/// not have mints no registration at all.
/// </summary>
[Collection(EndToEndCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class TartCrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const string Token = "ghp_tart_crash_token";
    private const string Secret = "tart-crash-webhook-secret";
    private const string ApiToken = "tart-crash-api-token";
    private const string Repository = "acme/mac-crash";

    private readonly TartDouble _tart = new();

    public void Dispose() => _tart.Dispose();

    [Fact]
    public async Task Serve_KilledAtEachStepOfAVmCreate_RestartServesEveryJobAndLeavesNothing()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var stops = new TartStops(Path.Combine(_tart.Root, "stops"), _tart.Executable);
        await using var emulator = await StartEmulatorAsync(cts.Token);
        var (configPath, port, env, log) = await WriteConfigAsync("tartcrash", emulator.ApiUrl, stops.Executable, TartDouble.BaseImage, cts.Token);
        string? running = null;

        foreach (var step in Enum.GetValues<TartCreateStep>())
        {
            stops.StopAt(step);
            await using var server = ServerProcess.Start(configPath, port, env, log);
            await server.WaitReadyAsync(TimeSpan.FromSeconds(90));
            if (step == TartCreateStep.Cloned)
            {
                emulator.SetWebhook(new Uri(server.Url, "webhooks/github"), Secret);
                emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "macOS", "tart"], Count = 2 });
            }

            await Poll.UntilAsync(() => stops.Reached(step) || server.HasExited, TimeSpan.FromMinutes(2), $"a create to reach {step}", cts.Token);
            server.HasExited.ShouldBeFalse($"hangar serve exited before {step}; see {log}");
            var name = await HeldVmAsync(step, cts.Token);
            await server.KillAsync();
            output.WriteLine($"killed at {step}: VM {name}");
            if (step == TartCreateStep.Running)
            {
                running = name;
            }
        }

        stops.StopAt(null);
        await using var last = ServerProcess.Start(configPath, port, env, log);
        await last.WaitReadyAsync(TimeSpan.FromSeconds(90));
        try
        {
            await Poll.UntilAsync(
                async () => emulator.State.Jobs.All(j => j.Status == EmulatedJobStatus.Completed)
                    && !_tart.Vms().Any()
                    && StateLeft().Count == 0
                    && await Probes.LiveRunnersAsync(last.Url, ApiToken) == 0
                    && emulator.State.Runners.All(r => r.Removed),
                TimeSpan.FromMinutes(3), "every job served and no VM, state directory, instance or registration left", cts.Token, TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"{e.Message}. Jobs completed: {emulator.State.Jobs.Count(j => j.Status == EmulatedJobStatus.Completed)}/{emulator.State.Jobs.Count}; "
                + $"VMs left: [{string.Join(", ", _tart.Vms())}]; state left: [{string.Join(", ", StateLeft())}]; live instances: "
                + $"{await Probes.LiveRunnersAsync(last.Url, ApiToken)}; registrations left: {emulator.State.Runners.Count(r => !r.Removed)}; log: {log}", e);
        }

        var jobs = emulator.State.Jobs;
        jobs.Count.ShouldBe(2);
        jobs.GroupBy(j => j.RunnerId).ShouldAllBe(g => g.Count() == 1);
        jobs.ShouldContain(j => j.RunnerName == running, "the VM running when the server died kept its credential and served a job");
        output.WriteLine($"registrations made: {emulator.State.Runners.Count} for 2 jobs");
    }

    [Fact]
    public async Task Serve_PoolImageTartDoesNotHave_NoRegistrationMintedAndTheRunnerSaysWhichImage()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var emulator = await StartEmulatorAsync(cts.Token);
        var (configPath, port, env, log) = await WriteConfigAsync("tartnoimage", emulator.ApiUrl, _tart.Executable, "macos-no-such-vm", cts.Token);
        await using var server = ServerProcess.Start(configPath, port, env, log);
        await server.WaitReadyAsync(TimeSpan.FromSeconds(90));
        emulator.SetWebhook(new Uri(server.Url, "webhooks/github"), Secret);
        emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "macOS", "tart"], Count = 1 });

        await Poll.UntilAsync(
            async () => (await LastErrorsAsync(server.Url)).Any(e => e.Contains("image macos-no-such-vm", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(2), "the create to fail its check naming the image", cts.Token, TimeSpan.FromSeconds(1));

        emulator.State.Runners.ShouldBeEmpty("the check failed before a registration was minted");
        _tart.Vms().ShouldBeEmpty();
        StateLeft().ShouldBeEmpty();
    }

    /// <summary>The VM the held create made, checked against its step: cloned without settings, set and never run, or
    /// running (once the double's run started it) with its start recorded.</summary>
    private async Task<string> HeldVmAsync(TartCreateStep step, CancellationToken ct)
    {
        bool Set(string vm) => File.Exists(Path.Combine(_tart.VmDirectory(vm), "cpu"));
        bool Started(string vm) => File.Exists(Path.Combine(_tart.StateDir, vm, "started"));
        if (step == TartCreateStep.Running)
        {
            await Poll.UntilAsync(() => _tart.Vms().Any(_tart.Runs), TimeSpan.FromMinutes(1), "the held create's VM to run", ct);
            var vm = _tart.Vms().Where(_tart.Runs).ShouldHaveSingleItem();
            Started(vm).ShouldBeTrue($"VM {vm} runs; its start was recorded before tart run");
            return vm;
        }

        var held = _tart.Vms().Where(vm => !_tart.Runs(vm) && !Started(vm) && Set(vm) == (step == TartCreateStep.Set)).ShouldHaveSingleItem($"one VM at {step}");
        _tart.ControllerOf(held).ShouldNotBeNull($"VM {held} is recorded as this controller's before its clone");
        return held;
    }

    private List<string> StateLeft() =>
        Directory.Exists(_tart.StateDir) ? [.. Directory.EnumerateFileSystemEntries(_tart.StateDir).Select(Path.GetFileName).OfType<string>()] : [];

    private static async Task<List<string>> LastErrorsAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        using var doc = JsonDocument.Parse(await http.GetStringAsync("api/v1/runners?limit=1000"));
        return
        [
            .. doc.RootElement.GetProperty("items").EnumerateArray()
                .Select(i => i.TryGetProperty("last_error", out var e) ? e.GetString() : null)
                .OfType<string>(),
        ];
    }

    private static Task<EmulatorHost> StartEmulatorAsync(CancellationToken ct) => EmulatorHost.StartAsync(new EmulatorOptions
    {
        Token = Token,
        WebhookSecret = Secret,
        DefaultJobDuration = TimeSpan.FromSeconds(1),
    }, ct);

    private async Task<(string Config, int Port, Dictionary<string, string> Env, string Log)> WriteConfigAsync(
        string prefix, Uri apiUrl, string executable, string image, CancellationToken ct)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_tart.Root, prefix)).FullName;
        var port = LoopbackPort.Free();
        var config = Path.Combine(dir, "hangar.yaml");
        await File.WriteAllTextAsync(config, $"""
            server:
              listen: http://127.0.0.1:{port}
              data_dir: {dir}/data
              controller_id: {prefix}-{Guid.NewGuid().ToString("N")[..8]}
              api_tokens:
                - name: api
                  env: TARTCRASH_API_TOKEN
              converge_interval: 2s
              observe_interval: 1s
            forges:
              github:
                type: github
                api_url: {apiUrl}
                token:
                  env: TARTCRASH_GH_TOKEN
                webhook_secret:
                  env: TARTCRASH_GH_SECRET
            providers:
              macs:
                type: tart
                executable: {executable}
                state_dir: {_tart.StateDir}
            pools:
              mac:
                forge: github
                repository: {Repository}
                labels: [macOS, tart]
                provider: macs
                image: {image}
                cpus: 2
                memory_mb: 4096
                command: [{EmulatedRunnerBinary.Path}, --idle-timeout, 3m]
                credential_delivery: file
                max_runners: 1
                idle_grace: 5s
                boot_timeout: 2m
            """, ct);
        var env = new Dictionary<string, string>
        {
            ["TARTCRASH_GH_TOKEN"] = Token,
            ["TARTCRASH_GH_SECRET"] = Secret,
            ["TARTCRASH_API_TOKEN"] = ApiToken,
        };
        return (config, port, env, Path.Combine(dir, "server.log"));
    }
}
