using System.Text;
using System.Text.Json;
using Hangar.Core.Providers;

namespace Hangar.Providers.Process.Tests;

public sealed class ProcessProviderCreateTests : ProcessTestBase
{
    [Fact]
    public async Task CreateAsync_Command_RunsDetachedInItsOwnSessionWithLogAndRecord()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "echo \"hello $PLAIN\"; sleep 30"]) with
        {
            Env = new Dictionary<string, string> { ["PLAIN"] = "plain-value" },
        };

        var instance = await provider.CreateAsync(spec, Ct).Within();

        instance.Status.ShouldBe(ProviderInstanceStatus.Running);
        instance.Pool.ShouldBe("pool-a");
        var pid = PidOf(instance);
        var dir = DirOf(spec.Name);
        var log = Path.Combine(dir, "runner.log");
        await Timeouts.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("hello plain-value", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the runner's output in runner.log");

        // What lets the runner survive a SIGKILLed Hangar: its own session and group, and no pipe back to Hangar.
        var stat = ProcStat.Read(pid).ShouldNotBeNull();
        stat.Session.ShouldBe(pid);
        stat.ProcessGroup.ShouldBe(pid);
        new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget.ShouldBe(dir);
        new FileInfo($"/proc/{pid}/fd/0").LinkTarget.ShouldBe("/dev/null");
        new FileInfo($"/proc/{pid}/fd/1").LinkTarget.ShouldBe(log);
        new FileInfo($"/proc/{pid}/fd/2").LinkTarget.ShouldBe(log);

        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "instance.json"), Ct).Within());
        record.RootElement.GetProperty("name").GetString().ShouldBe(spec.Name);
        record.RootElement.GetProperty("pool").GetString().ShouldBe("pool-a");
        record.RootElement.GetProperty("controllerId").GetString().ShouldBe(ControllerId);
        record.RootElement.GetProperty("pid").GetInt32().ShouldBe(pid);
        record.RootElement.GetProperty("startTime").GetInt64().ShouldBe(stat.StartTime);
    }

    [Fact]
    public async Task CreateAsync_SecretEnv_ReachesRunnerButNeverTheDisk()
    {
        const string Secret = "hunter2-process-secret";
        var provider = NewProvider();
        var spec = Spec(command: ["sh", "-c", "test -n \"$TOKEN\" && echo token-present; sleep 30"]) with
        {
            SecretEnv = new Dictionary<string, string> { ["TOKEN"] = Secret },
        };

        var pid = PidOf(await provider.CreateAsync(spec, Ct).Within());

        var log = Path.Combine(DirOf(spec.Name), "runner.log");
        await Timeouts.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("token-present", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the runner to see its token");
        (await File.ReadAllBytesAsync($"/proc/{pid}/environ", Ct).Within()).AsSpan()
            .IndexOf(Encoding.UTF8.GetBytes($"TOKEN={Secret}\0")).ShouldBeGreaterThanOrEqualTo(0);
        foreach (var file in Directory.EnumerateFiles(WorkDir, "*", SearchOption.AllDirectories))
        {
            (await File.ReadAllTextAsync(file, Ct).Within()).ShouldNotContain(Secret, customMessage: file);
        }
    }

    [Fact]
    public async Task CreateAsync_Twice_ReturnsTheSameProcess()
    {
        var provider = NewProvider();
        var spec = Spec();

        var first = await provider.CreateAsync(spec, Ct).Within();
        var second = await provider.CreateAsync(spec, Ct).Within();

        second.ProviderId.ShouldBe(first.ProviderId);
        second.Status.ShouldBe(ProviderInstanceStatus.Running);
        (await provider.ListAsync(cancellationToken: Ct).Within()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_ConcurrentCallersSameName_StartOneProcess()
    {
        var providers = new[] { NewProvider(), NewProvider() };
        var spec = Spec();

        var results = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => Task.Run(() => providers[i % 2].CreateAsync(spec, Ct), Ct))).Within();

        results.Select(r => r.ProviderId).Distinct().Count().ShouldBe(1);
        IsAlive(PidOf(results[0])).ShouldBeTrue();
        Directory.EnumerateDirectories(WorkDir).Count().ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_NewProviderInstance_FindsTheRunningRunner()
    {
        var before = NewProvider();
        var spec = Spec();
        var created = await before.CreateAsync(spec, Ct).Within();

        // A restarted Hangar: a fresh provider with the same configuration and nothing in memory.
        var after = NewProvider();

        var found = (await after.GetAsync(spec.Name, Ct).Within()).ShouldNotBeNull();
        found.ShouldBe(created);
        (await after.ListAsync("pool-a", Ct).Within()).ShouldBe([created]);
        (await after.CreateAsync(spec, Ct).Within()).ProviderId.ShouldBe(created.ProviderId);
        await after.DeleteAsync(spec.Name, Ct).Within();
        IsAlive(PidOf(created)).ShouldBeFalse();
    }

    [Fact]
    public async Task CreateAsync_ExecutableNotOnPath_ThrowsNamingIt()
    {
        var provider = NewProvider();
        var spec = Spec(command: ["hangar-no-such-runner", "--once"]);

        var error = await Should.ThrowAsync<InvalidOperationException>(provider.CreateAsync(spec, Ct).Within());

        error.Message.ShouldContain("hangar-no-such-runner");
        Directory.EnumerateFileSystemEntries(WorkDir).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    public async Task CreateAsync_UnsafeName_Throws(string name)
    {
        var provider = NewProvider();

        await Should.ThrowAsync<ArgumentException>(provider.CreateAsync(Spec(name), Ct).Within());

        Directory.EnumerateFileSystemEntries(WorkDir).ShouldBeEmpty();
    }
}
