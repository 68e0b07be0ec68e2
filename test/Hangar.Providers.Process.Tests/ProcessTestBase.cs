using System.Text.Json;
using Hangar.Core.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Process.Tests;

/// <summary>
/// Gives each test its own work directory and controller id, and afterwards kills every runner recorded there
/// (and any other process the test started), pass or fail.
/// </summary>
public abstract class ProcessTestBase : IAsyncLifetime
{
    private readonly List<System.Diagnostics.Process> _extraProcesses = [];
    private string? _workDir;

    // Created on first use: the crash test's helper host runs in a class instance that is SIGKILLed, never disposed.
    protected string WorkDir => _workDir ??= Directory.CreateTempSubdirectory("hangar-process-").FullName;

    protected string ControllerId { get; } = $"ctl-{Guid.NewGuid():N}";

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        foreach (var process in _extraProcesses)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        if (_workDir is null)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var recordFile in Directory.EnumerateFiles(WorkDir, ProcessProvider.RecordFile, SearchOption.AllDirectories))
        {
            var record = JsonSerializer.Deserialize(File.ReadAllText(recordFile), ProcessRecordJsonContext.Default.ProcessRecord);
            // The provider's own rule: a leader that is gone or still ours means its group and session are ours.
            if (record is not null && (ProcStat.Read(record.Pid) is not { } stat || stat.StartTime == record.StartTime))
            {
                Signals.Send(-record.Pid, Signals.SigKill);
                foreach (var member in ProcStat.All().Where(p => p.Pid == record.Pid || p.Session == record.Pid))
                {
                    Signals.Send(member.Pid, Signals.SigKill);
                }
            }
        }

        Directory.Delete(WorkDir, recursive: true);
        return ValueTask.CompletedTask;
    }

    protected ProcessProvider NewProvider(string? controllerId = null) => new(
        new ProcessProviderOptions
        {
            Name = "process-test",
            ControllerId = controllerId ?? ControllerId,
            WorkDir = WorkDir,
            StopGrace = TimeSpan.FromSeconds(3),
        },
        NullLogger<ProcessProvider>.Instance);

    protected static RunnerSpec Spec(string? name = null, string pool = "pool-a", params string[] command) => new()
    {
        Name = name ?? $"runner-{Guid.NewGuid():N}"[..19],
        Pool = pool,
        Labels = ["self-hosted"],
        Command = command.Length > 0 ? command : ["sh", "-c", "sleep 30"],
    };

    /// <summary>Starts a process outside any provider; it is killed when the test ends.</summary>
    protected System.Diagnostics.Process StartExtra(string file, params string[] arguments)
    {
        var process = System.Diagnostics.Process.Start(file, arguments);
        _extraProcesses.Add(process);
        return process;
    }

    protected string DirOf(string name) => Path.Combine(WorkDir, name);

    protected static bool IsAlive(int pid) => ProcStat.Read(pid) is { IsAlive: true };

    protected static int PidOf(ProviderInstance instance) => int.Parse(instance.ProviderId, System.Globalization.CultureInfo.InvariantCulture);
}
