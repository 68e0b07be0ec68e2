using System.Text.Json;
using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Providers.Process.Tests;

public sealed class ProcessProviderStartStopTests : ProcessTestBase
{
    [Fact]
    public async Task StopAsync_RunnerWithChildIgnoringSigterm_KillsTheTreeAfterTheGraceAndKeepsTheDirectory()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "trap '' TERM; sleep 300 & echo $! > child.pid; echo trapped; while true; do sleep 1; done"]);
        var pid = PidOf(await provider.CreateAsync(spec, Ct).Within());
        var log = Path.Combine(DirOf(spec.Name), "runner.log");
        await Poll.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("trapped", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the runner to trap SIGTERM", Ct);
        var child = int.Parse(File.ReadAllText(Path.Combine(WorkOf(spec.Name), "child.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var stopped = await provider.StopAsync(spec.Name, Ct).Within();

        stopped.ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Exited);
        IsAlive(pid).ShouldBeFalse();
        IsAlive(child).ShouldBeFalse();
        File.Exists(log).ShouldBeTrue();
        File.Exists(Path.Combine(DirOf(spec.Name), ProcessProvider.RecordFile)).ShouldBeTrue();
    }

    [Fact]
    public async Task StartAsync_Stopped_NewPidRecordedWithItsStartTime()
    {
        var provider = NewProvider();
        var spec = Spec();
        var first = PidOf(await provider.CreateAsync(spec, Ct).Within());
        await provider.StopAsync(spec.Name, Ct).Within();

        var second = PidOf((await provider.StartAsync(spec.Name, cancellationToken: Ct).Within()).ShouldNotBeNull());

        second.ShouldNotBe(first);
        var record = Runners.RecordOf(spec.Name).ShouldNotBeNull();
        record.Pid.ShouldBe(second);
        record.StartTime.ShouldBe(ProcStat.Read(second).ShouldNotBeNull().StartTime);
    }

    [Fact]
    public async Task StartAsync_RecordFromBeforeRestartsWereKept_ThrowsSayingWhy()
    {
        var provider = NewProvider();
        var dir = Directory.CreateDirectory(DirOf("old-runner")).FullName;
        var record = new ProcessRecord("old-runner", "pool-a", ControllerId, int.MaxValue, 1, DateTimeOffset.UnixEpoch);
        await File.WriteAllTextAsync(
            Path.Combine(dir, ProcessProvider.RecordFile), JsonSerializer.Serialize(record, ProcessRecordJsonContext.Default.ProcessRecord), Ct).Within();

        var error = await Should.ThrowAsync<InvalidOperationException>(provider.StartAsync("old-runner", cancellationToken: Ct).Within());

        error.Message.ShouldContain("old-runner");
        error.Message.ShouldContain("create it again");
    }
}
