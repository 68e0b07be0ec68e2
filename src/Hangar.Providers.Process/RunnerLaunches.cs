using System.Runtime.Versioning;
using Hangar.Core.Providers;

namespace Hangar.Providers.Process;

/// <summary>
/// Starts runners so that a Hangar killed at any point leaves nothing it cannot find again: the intent (a record
/// without a pid, naming a fresh launch marker) is on disk before the runner starts, and the pid joins it after.
/// A record still without a pid is completed by <see cref="ResumeAsync"/>: the runner is found by its marker, or
/// started now.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class RunnerLaunches(ProcessProviderOptions options, TimeProvider time)
{
    /// <summary>The intent for a new runner, recorded in its newly made directory.</summary>
    public ProcessRecord Intend(RunnerSpec spec, string root, string dir)
    {
        var intent = new ProcessRecord(
            spec.Name,
            spec.Pool,
            options.ControllerId,
            Pid: null,
            StartTime: null,
            time.GetUtcNow(),
            spec.Command,
            RunnerEnvironment.Plain(spec, CredentialFiles.DirectoryOf(dir)),
            spec.CredentialDelivery,
            LaunchMarker.NewId(),
            spec.User);
        RunnerDirectory.Create(root, dir, intent, ResolveUser(intent));
        return intent;
    }

    /// <summary>Starts the runner of a recorded intent and records its pid.</summary>
    /// <param name="secrets">Secrets that go in the environment (none with file delivery: they are in files).</param>
    public async Task<ProcessRecord> LaunchAsync(string dir, ProcessRecord intent, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken)
    {
        if (intent.Command is not { Count: > 0 } command || intent.Environment is not { } plain || intent.LaunchId is not { } launchId)
        {
            throw new InvalidOperationException(
                $"runner {intent.Name}: its record was written by a Hangar that did not keep the command; delete it and create it again");
        }

        await CheckpointAsync(LaunchStep.IntentRecorded, cancellationToken).ConfigureAwait(false);
        var user = ResolveUser(intent);
        var env = InheritedEnvironment.Of(Environment.GetEnvironmentVariables(), options.InheritEnvironment, user);
        foreach (var (key, value) in plain.Concat(secrets))
        {
            env[key] = value;
        }

        env[LaunchMarker.Variable] = launchId;
        var pid = RunnerLauncher.Start(intent.Name, command, env, dir, user);
        await CheckpointAsync(LaunchStep.Started, cancellationToken).ConfigureAwait(false);
        var launched = intent with { Pid = pid, StartTime = ProcStat.Read(pid)?.StartTime };
        RecordOrKill(dir, launched);
        return launched;
    }

    /// <summary>
    /// Completes a record without a pid: the runner its launch started, found by its marker, is recorded; when none
    /// runs (Hangar died before starting it, or it has already ended), a new intent is recorded and started.
    /// </summary>
    public async Task<ProcessRecord> ResumeAsync(string dir, ProcessRecord intent, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken)
    {
        if (ProcessTree.Launched(intent) is { } found)
        {
            var adopted = intent with { Pid = found.Pid, StartTime = found.StartTime };
            ProcessRecords.Write(dir, adopted);
            return adopted;
        }

        return await RelaunchAsync(dir, intent, secrets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a runner that does not run again: a new intent first, as for a new runner.</summary>
    public Task<ProcessRecord> RelaunchAsync(string dir, ProcessRecord record, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken)
    {
        var intent = record with { Pid = null, StartTime = null, LaunchId = LaunchMarker.NewId() };
        RunnerDirectory.Prepare(dir, ResolveUser(intent));
        ProcessRecords.Write(dir, intent);
        return LaunchAsync(dir, intent, secrets, cancellationToken);
    }

    public RunnerUser? ResolveUser(ProcessRecord record) => RunnerUser.Resolve(record.User, options.IsRoot(), record.Name);

    private static void RecordOrKill(string dir, ProcessRecord record)
    {
        try
        {
            ProcessRecords.Write(dir, record);
        }
        catch
        {
            // Without its pid the runner could still be found by its marker, but a record that cannot be written
            // now is no safer later: stop it while its pid is known.
            Signals.Send(-record.Pid!.Value, Signals.SigKill);
            Signals.Send(record.Pid.Value, Signals.SigKill);
            throw;
        }
    }

    private Task CheckpointAsync(LaunchStep step, CancellationToken cancellationToken) =>
        options.LaunchCheckpoint?.Invoke(step, cancellationToken) ?? Task.CompletedTask;
}
