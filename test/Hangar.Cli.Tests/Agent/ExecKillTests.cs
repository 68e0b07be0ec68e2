using System.Diagnostics;
using Hangar.Testing;

namespace Hangar.Cli.Tests.Agent;

/// <summary>
/// SIGKILL of <c>hangar exec</c> mid-task on the Docker provider: its machine (intent stored before create) is removed
/// by the next Hangar run against the same store, here the next <c>hangar exec</c>, once the killed one's ownership
/// (its machine's token, renewed while it runs) has lapsed.
/// </summary>
public sealed class ExecKillTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hangar-exec-kill-");
    private readonly string _pool = "kill" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        foreach (var name in Containers())
        {
            Docker("rm", "-f", name);
        }

        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task SigkillMidTask_NextExecAgainstTheStore_RemovesTheMachine()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = cts.Token;
        var config = Path.Combine(_root.FullName, "hangar.yaml");
        await File.WriteAllTextAsync(config, $"""
            server:
              data_dir: {_root.FullName}/data
              controller_id: {_pool}
            providers:
              docker:
                type: docker
            pools:
              {_pool}:
                exec_only: true
                provider: docker
                image: hangar/emulated-runner:native
                agent: /opt/runner/hangar-agent
                network_mode: host
                boot_timeout: 60s
            """, ct);

        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "hangar.dll"), "exec", "--config", config, "--pool", _pool, "--", "sh", "-c", "echo task-started; exec sleep 600"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var exec = Process.Start(info)!;
        var started = new TaskCompletionSource();
        exec.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "task-started")
            {
                started.TrySetResult();
            }
        };
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        exec.ErrorDataReceived += (_, e) => stderr.Enqueue(e.Data ?? "");
        exec.BeginOutputReadLine();
        exec.BeginErrorReadLine();
        await Task.WhenAny(started.Task, exec.WaitForExitAsync(ct)).WaitAsync(TimeSpan.FromSeconds(90), ct);
        started.Task.IsCompleted.ShouldBeTrue($"hangar exec ended before its task started: {string.Join('\n', stderr)}");
        var left = Containers().ShouldHaveSingleItem();

        exec.Kill();
        await exec.WaitForExitAsync(ct);
        Containers().ShouldBe([left], "SIGKILL leaves the machine behind");

        // The next run sweeps it once the killed exec's ownership has lapsed (30 s after its last renewal).
        await Poll.UntilAsync(async () =>
        {
            var next = await HangarCli.RunAsync(TimeSpan.FromSeconds(90), "exec", "--config", config, "--pool", _pool, "--", "true");
            next.ExitCode.ShouldBe(0, next.Stderr);
            return !Containers().Contains(left);
        }, TimeSpan.FromSeconds(120), $"the next hangar exec to remove {left}", ct, interval: TimeSpan.FromSeconds(5));
        Containers().ShouldBeEmpty("the second exec removed its own machine too");
    }

    private List<string> Containers() =>
        [.. Docker("ps", "-a", "--filter", $"name=^{_pool}-exec-", "--format", "{{.Names}}").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static string Docker(params string[] args)
    {
        using var docker = Process.Start(new ProcessStartInfo("docker", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = docker.StandardOutput.ReadToEnd();
        docker.WaitForExit();
        return output;
    }
}
