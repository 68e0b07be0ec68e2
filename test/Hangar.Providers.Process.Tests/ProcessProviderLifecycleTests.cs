using System.Globalization;
using System.Text.Json;
using Hangar.Core.Providers;

namespace Hangar.Providers.Process.Tests;

public sealed class ProcessProviderLifecycleTests : ProcessTestBase
{
    [Fact]
    public async Task DeleteAsync_RunnerWithChild_KillsTheWholeTreeAndRemovesTheDirectory()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "sleep 300 & echo $! > child.pid; wait"]);
        var pid = PidOf(await provider.CreateAsync(spec, Ct).Within());
        var childFile = Path.Combine(DirOf(spec.Name), "child.pid");
        await Timeouts.UntilAsync(() => File.Exists(childFile) && File.ReadAllText(childFile).Trim().Length > 0,
            TimeSpan.FromSeconds(10), "the runner's child");
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
        await Timeouts.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("trapped", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the runner to trap SIGTERM");

        await provider.DeleteAsync(spec.Name, Ct).Within();

        IsAlive(pid).ShouldBeFalse();
        Directory.Exists(DirOf(spec.Name)).ShouldBeFalse();
    }

    [Fact]
    public async Task DeleteAsync_Twice_RemovesOnceThenIsNoOp()
    {
        var provider = NewProvider();
        var spec = Spec();
        await provider.CreateAsync(spec, Ct).Within();

        await provider.DeleteAsync(spec.Name, Ct).Within();
        await provider.DeleteAsync(spec.Name, Ct).Within();

        (await provider.ListAsync(cancellationToken: Ct).Within()).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteAsync_NeverCreated_IsNoOp()
    {
        var provider = NewProvider();

        await provider.DeleteAsync("never-created", Ct).Within();
        await provider.DeleteAsync("../not-even-valid", Ct).Within();

        (await provider.GetAsync("never-created", Ct).Within()).ShouldBeNull();
    }

    [Fact]
    public async Task GetAsync_CommandEnded_ReportsExitedAndLeavesNoZombie()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "sleep 0.2; exit 3"]);
        var pid = PidOf(await provider.CreateAsync(spec, Ct).Within());

        await Timeouts.UntilAsync(() => provider.GetAsync(spec.Name, Ct).Result?.Status == ProviderInstanceStatus.Exited,
            TimeSpan.FromSeconds(10), "the runner to exit");

        // Hangar is still the parent here: the runtime must reap it, or it would linger as a zombie.
        await Timeouts.UntilAsync(() => ProcStat.Read(pid) is null, TimeSpan.FromSeconds(10), "the exited runner to be reaped");
        (await provider.CreateAsync(spec, Ct).Within()).Status.ShouldBe(ProviderInstanceStatus.Exited);
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

    [Fact]
    public async Task ListAsync_SeveralControllersAndPools_ReturnsOnlyOursFilteredByPool()
    {
        var mine = NewProvider();
        var theirs = NewProvider($"other-{Guid.NewGuid():N}");
        var a1 = await mine.CreateAsync(Spec(pool: "pool-a"), Ct).Within();
        var a2 = await mine.CreateAsync(Spec(pool: "pool-a"), Ct).Within();
        var b1 = await mine.CreateAsync(Spec(pool: "pool-b"), Ct).Within();
        var foreign = await theirs.CreateAsync(Spec(pool: "pool-a"), Ct).Within();

        (await mine.ListAsync(cancellationToken: Ct).Within()).Select(i => i.Name).ShouldBe([a1.Name, a2.Name, b1.Name], ignoreOrder: true);
        (await mine.ListAsync("pool-a", Ct).Within()).Select(i => i.Name).ShouldBe([a1.Name, a2.Name], ignoreOrder: true);
        (await theirs.ListAsync(cancellationToken: Ct).Within()).ShouldBe([foreign]);
        (await mine.GetAsync(foreign.Name, Ct).Within()).ShouldBeNull();
        await Should.ThrowAsync<InvalidOperationException>(mine.CreateAsync(Spec(foreign.Name), Ct).Within());

        await mine.DeleteAsync(foreign.Name, Ct).Within();

        IsAlive(PidOf(foreign)).ShouldBeTrue();
        Directory.Exists(DirOf(foreign.Name)).ShouldBeTrue();
    }
}
