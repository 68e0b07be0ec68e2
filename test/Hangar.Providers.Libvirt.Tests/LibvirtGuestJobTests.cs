using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hangar.Core.Providers;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Libvirt.Tests;

/// <summary>
/// A real guest, booted by QEMU's software emulation through libvirt, runs the native emulated runner, which takes
/// one job from the GitHub emulator on the host's loopback (reached through QEMU's user-mode network at 10.0.2.2) and
/// completes it; the guest then powers off and delete leaves nothing.
/// </summary>
public sealed class LibvirtGuestJobTests : IAsyncLifetime
{
    private const string Token = "ghp_libvirt_guest_token";
    private const string Repository = "acme/vm-app";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private readonly LibvirtDomains _domains = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _domains.CleanUpAsync().WaitAsync(Patience);

    [Fact]
    public async Task Guest_RunsTheEmulatedRunner_TakesAndCompletesOneJobAndLeavesNothing()
    {
        // Inside the guest 127.0.0.1 is the guest itself; QEMU's user-mode network shows the host's loopback at 10.0.2.2.
        await using var emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions { Token = Token, DefaultJobDuration = TimeSpan.FromSeconds(1), RunnerHost = LibvirtTestHost.HostLoopbackInGuest },
            Ct).WaitAsync(Patience, Ct);
        var job = emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux"] }).Single();
        var name = $"hgr-vm-{Guid.NewGuid():N}"[..16];
        var jitConfig = await RegisterAsync(emulator, name).WaitAsync(Patience, Ct);
        var options = await _domains.OptionsAsync("ctl-guest-job").WaitAsync(Patience, Ct) with
        {
            Initrd = await LibvirtTestHost.RunnerInitrdAsync().WaitAsync(Patience, Ct),
            DefaultMemoryMb = 256,
        };
        var provider = new LibvirtProvider(options, NullLogger<LibvirtProvider>.Instance);

        await provider.CreateAsync(new RunnerSpec
        {
            Name = name,
            Pool = "vm",
            Labels = ["self-hosted", "linux"],
            Image = LibvirtTestHost.BaseImage,
            Command = ["/bin/hangar-emulated-runner", "--idle-timeout", "3m"],
            SecretEnv = new Dictionary<string, string> { ["ACTIONS_RUNNER_INPUT_JITCONFIG"] = jitConfig },
            CredentialDelivery = CredentialDelivery.File,
        }, Ct).WaitAsync(Patience, Ct);

        await Poll.UntilAsync(
            async () => emulator.State.Jobs.Single().Status == EmulatedJobStatus.Completed
                && (await provider.GetAsync(name, Ct))?.Status == ProviderInstanceStatus.Exited,
            Patience, "the guest's runner to complete the job and the guest to power off", Ct);
        emulator.State.Jobs.Single().RunnerName.ShouldBe(name);
        job.Id.ShouldBe(emulator.State.Jobs.Single().Id);
        var seed = DomainFiles.Of(options, name).Seed;

        await provider.DeleteAsync(name, Ct).WaitAsync(Patience, Ct);

        File.Exists(seed).ShouldBeFalse();
        (await _domains.OutsideAsync("ctl-guest-job").WaitAsync(Patience, Ct)).ShouldBeEmpty();
        (await LibvirtTestHost.VirshAsync("domstate", "--domain", name).WaitAsync(Patience, Ct)).ShouldBeNull();
    }

    private static async Task<string> RegisterAsync(EmulatorHost emulator, string name)
    {
        using var http = new HttpClient { BaseAddress = emulator.ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
        using var response = await http.PostAsJsonAsync(
            $"repos/{Repository}/actions/runners/generate-jitconfig",
            new { name, runner_group_id = 1, labels = new[] { "self-hosted", "linux" }, work_folder = "_work" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((int)response.StatusCode).ShouldBe(201, body.ToJsonString());
        return body["encoded_jit_config"]!.GetValue<string>();
    }
}
