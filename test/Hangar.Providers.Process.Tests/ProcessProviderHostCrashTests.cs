using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hangar.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Process.Tests;

/// <summary>
/// The real thing: a separate host process (this test assembly, running only <see cref="HostProcess_Helper_StartsARunnerAndWaitsToBeKilled"/>)
/// creates a runner and is then SIGKILLed, after the create or between two of its steps; the runner must live on
/// and be found by the next host, and a runner never started must be seen as such and cleaned up.
/// </summary>
public sealed class ProcessProviderHostCrashTests : ProcessTestBase
{
    private const string WorkDirVariable = "HANGAR_TEST_HOST_WORKDIR";
    private const string ControllerVariable = "HANGAR_TEST_HOST_CONTROLLER";
    private const string RunnerName = "survivor";
    private const string ReadyFile = "host-ready";
    private const string BlockVariable = "HANGAR_TEST_HOST_BLOCK";
    private const string PidFile = "runner.pid";

    [Fact]
    public async Task CreateAsync_HostSigkilled_RunnerSurvivesAndNextHostFindsIt()
    {
        var output = new StringBuilder();
        using var host = StartHost(output);
        try
        {
            await Poll.UntilAsync(() => File.Exists(Path.Combine(WorkDir, ReadyFile)) || host.HasExited,
                TimeSpan.FromSeconds(60), "the host to create its runner", Ct);
            host.HasExited.ShouldBeFalse(output.ToString());
            var runner = (await NewProvider().GetAsync(RunnerName, Ct).Within()).ShouldNotBeNull();

            host.Kill();
            await host.WaitForExitAsync(Ct).Within();

            // Still writing after its host died: its output never depended on a pipe to the host.
            var log = new FileInfo(Path.Combine(DirOf(RunnerName), "runner.log"));
            var lengthAtKill = log.Length;
            await Poll.UntilAsync(() => { log.Refresh(); return log.Length > lengthAtKill + 20; },
                TimeSpan.FromSeconds(10), "the orphaned runner to keep writing", Ct);
            var pid = int.Parse(runner.ProviderId, CultureInfo.InvariantCulture);
            IsAlive(pid).ShouldBeTrue();
            var restarted = NewProvider();
            (await restarted.GetAsync(RunnerName, Ct).Within()).ShouldBe(runner);
            (await restarted.ListAsync(cancellationToken: Ct).Within()).ShouldBe([runner]);
            await restarted.DeleteAsync(RunnerName, Ct).Within();
            IsAlive(pid).ShouldBeFalse();
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill();
            }
        }
    }

    [Fact]
    public async Task CreateAsync_HostSigkilledAfterStartingBeforeRecordingThePid_NextHostFindsTheRunnerAndDeleteEndsIt()
    {
        await CrashHostAtAsync(LaunchStep.Started);
        var pid = await RunnerPidAsync();
        IsAlive(pid).ShouldBeTrue();

        var restarted = NewProvider();
        var expected = new Hangar.Core.Providers.ProviderInstance(RunnerName, pid.ToString(CultureInfo.InvariantCulture), "pool-a", Hangar.Core.Providers.ProviderInstanceStatus.Running);
        (await restarted.ListAsync(cancellationToken: Ct).Within()).ShouldBe([expected]);
        (await restarted.GetAsync(RunnerName, Ct).Within()).ShouldBe(expected);
        await restarted.DeleteAsync(RunnerName, Ct).Within();

        IsAlive(pid).ShouldBeFalse();
        Directory.Exists(DirOf(RunnerName)).ShouldBeFalse();
    }

    [Fact]
    public async Task CreateAsync_AgainAfterHostSigkilledBeforeRecordingThePid_AdoptsTheRunningRunnerWithoutStartingAnother()
    {
        await CrashHostAtAsync(LaunchStep.Started);
        var pid = await RunnerPidAsync();

        var adopted = await NewProvider().CreateAsync(RunnerSpec, Ct).Within();

        PidOf(adopted).ShouldBe(pid);
        adopted.Status.ShouldBe(Hangar.Core.Providers.ProviderInstanceStatus.Running);
        Runners.RecordOf(RunnerName).ShouldNotBeNull().Pid.ShouldBe(pid);
        LaunchMarker.Find(Runners.RecordOf(RunnerName)!.LaunchId!).Select(p => p.Pid).ShouldContain(pid);
        ProcStat.All().Count(p => p.IsAlive && p.Session == p.Pid && CwdOf(p.Pid) == WorkOf(RunnerName)).ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_HostSigkilledAfterTheIntentBeforeStarting_NextHostSeesItNeverStartedAndDeleteRemovesIt()
    {
        await CrashHostAtAsync(LaunchStep.IntentRecorded);

        var restarted = NewProvider();
        var expected = new Hangar.Core.Providers.ProviderInstance(RunnerName, string.Empty, "pool-a", Hangar.Core.Providers.ProviderInstanceStatus.Created);
        (await restarted.ListAsync(cancellationToken: Ct).Within()).ShouldBe([expected]);
        (await restarted.GetAsync(RunnerName, Ct).Within()).ShouldBe(expected);
        await restarted.DeleteAsync(RunnerName, Ct).Within();

        Directory.EnumerateFileSystemEntries(WorkDir).Select(Path.GetFileName).ShouldBe([ReadyFile]);
    }

    [Fact]
    public async Task CreateAsync_AgainAfterHostSigkilledBeforeStarting_StartsTheRunnerAndRecordsIt()
    {
        await CrashHostAtAsync(LaunchStep.IntentRecorded);

        var created = await NewProvider().CreateAsync(RunnerSpec, Ct).Within();

        created.Status.ShouldBe(Hangar.Core.Providers.ProviderInstanceStatus.Running);
        PidOf(created).ShouldBe(await RunnerPidAsync());
        Runners.RecordOf(RunnerName).ShouldNotBeNull().Pid.ShouldBe(PidOf(created));
    }

    [Fact(Explicit = true)]
    public async Task HostProcess_Helper_StartsARunnerAndWaitsToBeKilled()
    {
        var workDir = Environment.GetEnvironmentVariable(WorkDirVariable).ShouldNotBeNull();
        var readyFile = Path.Combine(workDir, ReadyFile);
        var blockAt = Environment.GetEnvironmentVariable(BlockVariable) is { Length: > 0 } step ? Enum.Parse<LaunchStep>(step) : (LaunchStep?)null;
        var provider = new ProcessProvider(
            new ProcessProviderOptions
            {
                Name = "process-test",
                ControllerId = Environment.GetEnvironmentVariable(ControllerVariable).ShouldNotBeNull(),
                WorkDir = workDir,
                // Stands for a SIGKILL between two steps of the launch: the host is killed while it waits here.
                LaunchCheckpoint = (at, ct) => at == blockAt
                    ? File.WriteAllTextAsync(readyFile, string.Empty, ct).ContinueWith(_ => Task.Delay(Timeout.InfiniteTimeSpan, ct), ct).Unwrap()
                    : Task.CompletedTask,
            },
            NullLogger<ProcessProvider>.Instance);

        var create = provider.CreateAsync(RunnerSpec, Ct);
        if (blockAt is null)
        {
            await create.Within();
            await File.WriteAllTextAsync(readyFile, string.Empty, Ct).Within();
        }

        // Waits for the SIGKILL; the timeout only bounds a host whose parent test died first.
        await Task.Delay(Timeout.InfiniteTimeSpan, Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
    }

    private static Hangar.Core.Providers.RunnerSpec RunnerSpec =>
        Spec(RunnerName, command: ["sh", "-c", $"echo $$ > {PidFile}; while true; do echo tick; sleep 0.1; done"]);

    /// <summary>Starts a host that creates the runner and blocks at <paramref name="step"/>, then SIGKILLs it there.</summary>
    private async Task CrashHostAtAsync(LaunchStep step)
    {
        var output = new StringBuilder();
        using var host = StartHost(output, step);
        try
        {
            await Poll.UntilAsync(() => File.Exists(Path.Combine(WorkDir, ReadyFile)) || host.HasExited,
                TimeSpan.FromSeconds(60), $"the host to reach {step}", Ct);
            host.HasExited.ShouldBeFalse(output.ToString());
        }
        finally
        {
            host.Kill();
            await host.WaitForExitAsync(Ct).Within();
        }
    }

    private static string? CwdOf(int pid)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The pid the runner wrote itself (the launch execs in place, so it is the launched process's).</summary>
    private async Task<int> RunnerPidAsync()
    {
        var file = Path.Combine(WorkOf(RunnerName), PidFile);
        await Poll.UntilAsync(() => File.Exists(file) && File.ReadAllText(file).EndsWith('\n'), TimeSpan.FromSeconds(10), "the runner's pid file", Ct);
        return int.Parse(await File.ReadAllTextAsync(file, Ct).Within(), CultureInfo.InvariantCulture);
    }

    private System.Diagnostics.Process StartHost(StringBuilder output, LaunchStep? blockAt = null)
    {
        var assembly = typeof(ProcessProviderHostCrashTests).Assembly.Location;
        var apphost = Path.ChangeExtension(assembly, null);
        var startInfo = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { assembly } };
        foreach (var argument in new[] { "-method", $"{typeof(ProcessProviderHostCrashTests).FullName}.{nameof(HostProcess_Helper_StartsARunnerAndWaitsToBeKilled)}", "-explicit", "only", "-noLogo", "-noColor" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment[WorkDirVariable] = WorkDir;
        startInfo.Environment[ControllerVariable] = ControllerId;
        startInfo.Environment[BlockVariable] = blockAt?.ToString() ?? string.Empty;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        var host = new System.Diagnostics.Process { StartInfo = startInfo };
        host.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        host.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        host.Start();
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        return host;
    }
}
