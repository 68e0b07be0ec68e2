using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.Process.Tests;

/// <summary>
/// A work directory of the test's own, the providers made over it, and afterwards: every runner recorded there killed
/// (with its whole tree) and the directory deleted, pass or fail.
/// </summary>
public sealed class ProcessRunners : IDisposable
{
    private string? _workDir;

    /// <summary>Created on first use: the crash test's helper host runs in an object that is SIGKILLed, never disposed.</summary>
    public string WorkDir => _workDir ??= Directory.CreateTempSubdirectory("hangar-process-").FullName;

    public ProcessProvider NewProvider(string controllerId, Func<ProcessProviderOptions, ProcessProviderOptions>? configure = null)
    {
        var options = new ProcessProviderOptions
        {
            Name = "process-test",
            ControllerId = controllerId,
            WorkDir = WorkDir,
            StopGrace = TimeSpan.FromSeconds(3),
        };
        return new(configure is null ? options : configure(options), NullLogger<ProcessProvider>.Instance);
    }

    public string DirOf(string name) => Path.Combine(WorkDir, name);

    public string WorkOf(string name) => Path.Combine(DirOf(name), "work");

    /// <summary>The record in the runner's directory, read without the provider; null when there is none.</summary>
    internal ProcessRecord? RecordOf(string name)
    {
        var file = Path.Combine(DirOf(name), ProcessProvider.RecordFile);
        return File.Exists(file) ? JsonSerializer.Deserialize(File.ReadAllText(file), ProcessRecordJsonContext.Default.ProcessRecord) : null;
    }

    public static bool IsAlive(int pid) => ProcStat.Read(pid) is { IsAlive: true };

    public void Dispose()
    {
        if (_workDir is null)
        {
            return;
        }

        foreach (var recordFile in Directory.EnumerateFiles(WorkDir, ProcessProvider.RecordFile, SearchOption.AllDirectories))
        {
            var record = JsonSerializer.Deserialize(File.ReadAllText(recordFile), ProcessRecordJsonContext.Default.ProcessRecord);
            if (record?.LaunchId is { } launch)
            {
                foreach (var marked in LaunchMarker.Find(launch))
                {
                    Signals.Send(marked.Pid, Signals.SigKill);
                }
            }

            // The provider's own rule: a leader that is gone or still ours means its group and session are ours.
            if (record?.Pid is { } pid && pid > 1 && (ProcStat.Read(pid) is not { } stat || stat.StartTime == record.StartTime))
            {
                Signals.Send(-pid, Signals.SigKill);
                foreach (var member in ProcStat.All().Where(p => p.Pid == pid || p.Session == pid))
                {
                    Signals.Send(member.Pid, Signals.SigKill);
                }
            }
        }

        Directory.Delete(WorkDir, recursive: true);
    }
}
