using System.Runtime.Versioning;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Testing.Libvirt;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// A real <c>hangar serve</c> with a libvirt pool on the real QEMU driver is SIGKILLed inside a VM's create, once at
/// each step (overlay made, seed written, domain defined, domain started), and started again on the same data
/// directory each time. The kill points are deterministic: <see cref="ToolStops"/> wrappers stand first on the server's
/// PATH and hold the create right after the step's tool call. Afterwards no domain, overlay, seed or lock of this
/// controller is left, no instance is live, every registration is removed, and both jobs were served, one by the guest
/// that was running when the server died.
/// </summary>
[Collection(EndToEndCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class LibvirtCrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "ghp_libvirt_crash_token";
    private const string Secret = "libvirt-crash-webhook-secret";
    private const string ApiToken = "libvirt-crash-api-token";
    private const string Repository = "acme/vm-crash";

    private readonly LibvirtDomains _domains = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _domains.CleanUpAsync().WaitAsync(TimeSpan.FromMinutes(2));

    [Fact]
    public async Task Serve_KilledAtEachStepOfAVmCreate_RestartServesEveryJobAndLeavesNothing()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var dir = LibvirtTestHost.NewDirectory("vmcrash");
        var controllerId = "vmcrash-" + Guid.NewGuid().ToString("N")[..8];
        var vms = await _domains.OptionsAsync(controllerId).WaitAsync(cts.Token);
        var initrd = await LibvirtTestHost.RunnerInitrdAsync().WaitAsync(cts.Token);
        var stops = new ToolStops(Path.Combine(dir, "stops"));
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = Token,
            WebhookSecret = Secret,
            DefaultJobDuration = TimeSpan.FromSeconds(1),
            RunnerHost = LibvirtTestHost.HostLoopbackInGuest,
        }, cts.Token);
        var port = LoopbackPort.Free();
        var configPath = Path.Combine(dir, "hangar.yaml");
        await File.WriteAllTextAsync(configPath, Config(port, dir, controllerId, emulator.ApiUrl, vms with { Initrd = initrd }), cts.Token);
        var env = new Dictionary<string, string>
        {
            ["VMCRASH_GH_TOKEN"] = Token,
            ["VMCRASH_GH_SECRET"] = Secret,
            ["VMCRASH_API_TOKEN"] = ApiToken,
            ["PATH"] = $"{stops.BinDirectory}:{Environment.GetEnvironmentVariable("PATH")}",
        };
        var log = Path.Combine(dir, "server.log");
        var files = Path.Combine(vms.StateDir, controllerId);
        string? running = null;

        foreach (var step in Enum.GetValues<CreateStep>())
        {
            stops.StopAt(step);
            await using var server = ServerProcess.Start(configPath, port, env, log);
            await server.WaitReadyAsync(TimeSpan.FromSeconds(90));
            if (step == CreateStep.OverlayMade)
            {
                emulator.SetWebhook(new Uri(server.Url, "webhooks/github"), Secret);
                emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux", "vm"], Count = 2 });
            }

            await Poll.UntilAsync(() => stops.Reached(step) || server.HasExited, TimeSpan.FromMinutes(2), $"a create to reach {step}", cts.Token);
            server.HasExited.ShouldBeFalse($"hangar serve exited before {step}; see {log}");
            var (artefact, name) = await StepLeftAsync(step, files, controllerId);
            await server.KillAsync();
            output.WriteLine($"killed at {step}: {artefact} of {name} on disk");
            if (step == CreateStep.Started)
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
                    && (await _domains.OutsideAsync(controllerId)).Count == 0
                    && await Probes.LiveRunnersAsync(last.Url, ApiToken) == 0
                    && emulator.State.Runners.All(r => r.Removed),
                TimeSpan.FromMinutes(3), "every job served and no domain, file, instance or registration left", cts.Token, TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"{e.Message}. Jobs completed: {emulator.State.Jobs.Count(j => j.Status == EmulatedJobStatus.Completed)}/{emulator.State.Jobs.Count}; "
                + $"domains or files left: [{string.Join(", ", await _domains.OutsideAsync(controllerId))}]; live instances: "
                + $"{await Probes.LiveRunnersAsync(last.Url, ApiToken)}; registrations left: {emulator.State.Runners.Count(r => !r.Removed)}; log: {log}", e);
        }

        var jobs = emulator.State.Jobs;
        jobs.Count.ShouldBe(2);
        jobs.GroupBy(j => j.RunnerId).ShouldAllBe(g => g.Count() == 1);
        jobs.ShouldContain(j => j.RunnerName == running, "the guest running when the server died kept its credential and served a job");
        (Directory.Exists(files) ? Directory.EnumerateFileSystemEntries(files) : []).ShouldBeEmpty("no overlay, seed or lock of this controller is left");
        output.WriteLine($"registrations made: {emulator.State.Runners.Count} for 2 jobs");
    }

    /// <summary>The held create's work for its step, on disk or at libvirt: the file or domain state, and the domain's
    /// name. Earlier attempts' leftovers may still be there (being removed); they are not what the step made.</summary>
    private async Task<(string Artefact, string Name)> StepLeftAsync(CreateStep step, string files, string controllerId)
    {
        var made = Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(files, f)).ToList();
        if (step is CreateStep.OverlayMade or CreateStep.SeedWritten)
        {
            var file = step == CreateStep.OverlayMade
                ? made.Single(f => f.Contains("/overlay.qcow2.", StringComparison.Ordinal))
                : made.Single(f => f.Contains("/.seed-", StringComparison.Ordinal) && f.EndsWith("/seed.iso", StringComparison.Ordinal));
            var name = file.Split('/')[0];
            (await LibvirtTestHost.VirshAsync("domstate", "--domain", name)).ShouldBeNull($"domain {name} is not defined yet at {step}");
            return (file, name);
        }

        var state = step == CreateStep.Defined ? "shut off" : "running";
        var domains = new List<string>();
        foreach (var domain in await _domains.DomainsOfAsync(controllerId))
        {
            if ((await LibvirtTestHost.VirshAsync("domstate", "--domain", domain))?.Trim() == state
                && !File.Exists(Path.Combine(files, domain, "started")) == (step == CreateStep.Defined))
            {
                domains.Add(domain);
            }
        }

        return ($"domain {state}", domains.ShouldHaveSingleItem($"one domain {state} at {step}"));
    }

    private static string Config(int port, string dir, string controllerId, Uri apiUrl, Hangar.Providers.Libvirt.LibvirtProviderOptions vms) => $"""
        server:
          listen: http://127.0.0.1:{port}
          data_dir: {dir}/data
          controller_id: {controllerId}
          api_tokens:
            - name: api
              env: VMCRASH_API_TOKEN
          converge_interval: 2s
          observe_interval: 1s
        forges:
          github:
            type: github
            api_url: {apiUrl}
            token:
              env: VMCRASH_GH_TOKEN
            webhook_secret:
              env: VMCRASH_GH_SECRET
        providers:
          vms:
            type: libvirt
            uri: {vms.Uri}
            state_dir: {vms.StateDir}
            domain_type: qemu
            kernel: {vms.Kernel}
            initrd: {vms.Initrd}
            cmdline: {vms.Cmdline}
            default_cpus: 1
            default_memory_mb: 256
        pools:
          vm:
            forge: github
            repository: {Repository}
            labels: [linux, vm]
            provider: vms
            image: {LibvirtTestHost.BaseImage}
            command: [/bin/hangar-emulated-runner, --idle-timeout, 3m]
            credential_delivery: file
            max_runners: 1
            idle_grace: 5s
            boot_timeout: 2m
        """;
}
