using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hangar.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Process.Tests;

/// <summary>
/// The real thing: a separate host process (this test assembly, running only <see cref="HostProcess_Helper_StartsARunnerAndWaitsToBeKilled"/>)
/// creates a runner and is then SIGKILLed; the runner must live on and be found by the next host.
/// </summary>
public sealed class ProcessProviderHostCrashTests : ProcessTestBase
{
    private const string WorkDirVariable = "HANGAR_TEST_HOST_WORKDIR";
    private const string ControllerVariable = "HANGAR_TEST_HOST_CONTROLLER";
    private const string RunnerName = "survivor";
    private const string ReadyFile = "host-ready";

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

    [Fact(Explicit = true)]
    public async Task HostProcess_Helper_StartsARunnerAndWaitsToBeKilled()
    {
        var workDir = Environment.GetEnvironmentVariable(WorkDirVariable).ShouldNotBeNull();
        var provider = new ProcessProvider(
            new ProcessProviderOptions
            {
                Name = "process-test",
                ControllerId = Environment.GetEnvironmentVariable(ControllerVariable).ShouldNotBeNull(),
                WorkDir = workDir,
            },
            NullLogger<ProcessProvider>.Instance);

        await provider.CreateAsync(Spec(RunnerName, command: ["sh", "-c", "while true; do echo tick; sleep 0.1; done"]), Ct).Within();
        await File.WriteAllTextAsync(Path.Combine(workDir, ReadyFile), string.Empty, Ct).Within();

        // Waits for the SIGKILL; the timeout only bounds a host whose parent test died first.
        await Task.Delay(Timeout.InfiniteTimeSpan, Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
    }

    private System.Diagnostics.Process StartHost(StringBuilder output)
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
