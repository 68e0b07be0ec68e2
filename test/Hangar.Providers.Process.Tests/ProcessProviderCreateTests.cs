using System.Text;
using System.Text.Json;
using Hangar.Core.Providers;
using Hangar.Testing;

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
        await Poll.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("hello plain-value", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the runner's output in runner.log", Ct);

        // What lets the runner survive a SIGKILLed Hangar: its own session and group, and no pipe back to Hangar.
        var stat = ProcStat.Read(pid).ShouldNotBeNull();
        stat.Session.ShouldBe(pid);
        stat.ProcessGroup.ShouldBe(pid);
        new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget.ShouldBe(Path.Combine(dir, "work"));
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
        await Poll.UntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("token-present", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the runner to see its token", Ct);
        (await File.ReadAllBytesAsync($"/proc/{pid}/environ", Ct).Within()).AsSpan()
            .IndexOf(Encoding.UTF8.GetBytes($"TOKEN={Secret}\0")).ShouldBeGreaterThanOrEqualTo(0);
        foreach (var file in Directory.EnumerateFiles(WorkDir, "*", SearchOption.AllDirectories))
        {
            (await File.ReadAllTextAsync(file, Ct).Within()).ShouldNotContain(Secret, customMessage: file);
        }
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
