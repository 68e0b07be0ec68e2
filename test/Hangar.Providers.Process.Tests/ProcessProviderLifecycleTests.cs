using System.Globalization;
using System.Text.Json;
using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Providers.Process.Tests;

public sealed class ProcessProviderLifecycleTests : ProcessTestBase
{
    [Fact]
    public async Task DeleteAsync_RunnerWithChild_KillsTheWholeTreeAndRemovesTheDirectory()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "sleep 300 & echo $! > child.pid; wait"]);
        var pid = PidOf(await provider.CreateAsync(spec, Ct).Within());
        var childFile = Path.Combine(WorkOf(spec.Name), "child.pid");
        await Poll.UntilAsync(() => File.Exists(childFile) && File.ReadAllText(childFile).Trim().Length > 0,
            TimeSpan.FromSeconds(10), "the runner's child", Ct);
        var child = int.Parse(File.ReadAllText(childFile).Trim(), CultureInfo.InvariantCulture);
        IsAlive(child).ShouldBeTrue();

        await provider.DeleteAsync(spec.Name, Ct).Within();

        IsAlive(pid).ShouldBeFalse();
        IsAlive(child).ShouldBeFalse();
        Directory.Exists(DirOf(spec.Name)).ShouldBeFalse();
        (await provider.GetAsync(spec.Name, Ct).Within()).ShouldBeNull();
    }

    [Fact]
    public async Task DeleteAsync_RunnerIgnoringSigterm_IsKilledAfterTheGrace()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "trap '' TERM; echo trapped; while true; do sleep 1; done"]);
        var pid = PidOf(await provider.CreateAsync(spec, Ct).Within());
        var log = Path.Combine(DirOf(spec.Name), "runner.log");
        await Poll.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("trapped", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the runner to trap SIGTERM", Ct);

        await provider.DeleteAsync(spec.Name, Ct).Within();

        IsAlive(pid).ShouldBeFalse();
        Directory.Exists(DirOf(spec.Name)).ShouldBeFalse();
    }

    [Fact]
    public async Task DeleteAsync_UnsafeName_IsNoOp()
    {
        var provider = NewProvider();

        await provider.DeleteAsync("../not-even-valid", Ct).Within();

        (await provider.GetAsync("../not-even-valid", Ct).Within()).ShouldBeNull();
        Directory.EnumerateFileSystemEntries(WorkDir).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetAsync_CommandEnded_LeavesNoZombie()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "sleep 0.2; exit 3"]);
        var pid = PidOf(await provider.CreateAsync(spec, Ct).Within());

        await Poll.UntilAsync(async () => (await provider.GetAsync(spec.Name, Ct))?.Status == ProviderInstanceStatus.Exited,
            TimeSpan.FromSeconds(10), "the runner to exit", Ct);

        // Hangar is still the parent here: the runtime must reap it, or it would linger as a zombie.
        await Poll.UntilAsync(() => ProcStat.Read(pid) is null, TimeSpan.FromSeconds(10), "the exited runner to be reaped", Ct);
    }

    [Fact]
    public async Task GetAsync_RecordedPidReusedByAnotherProcess_ReportsExitedAndDeleteSparesIt()
    {
        var provider = NewProvider();
        var victim = StartExtra("sleep", "30");
        var victimStat = ProcStat.Read(victim.Id).ShouldNotBeNull();
        var dir = Directory.CreateDirectory(DirOf("recycled")).FullName;
        var record = new ProcessRecord("recycled", "pool-a", ControllerId, victim.Id, victimStat.StartTime - 1, DateTimeOffset.UnixEpoch);
        await File.WriteAllTextAsync(
            Path.Combine(dir, "instance.json"), JsonSerializer.Serialize(record, ProcessRecordJsonContext.Default.ProcessRecord), Ct).Within();

        var found = (await provider.GetAsync("recycled", Ct).Within()).ShouldNotBeNull();
        await provider.DeleteAsync("recycled", Ct).Within();

        found.Status.ShouldBe(ProviderInstanceStatus.Exited);
        IsAlive(victim.Id).ShouldBeTrue();
        victim.HasExited.ShouldBeFalse();
        Directory.Exists(dir).ShouldBeFalse();
    }
}
