using Hangar.Core.Providers;

namespace Hangar.Testing;

/// <summary>The stopped tier and start/stop: machines made without running, started (with the secrets each start was
/// given) and stopped.</summary>
public sealed partial class RecordingProvider
{
    /// <summary>Machines made without running (the stopped tier), in call order.</summary>
    public IReadOnlyList<string> Prepares => CallsOf(ProviderCallKind.Prepare);

    /// <summary>Machines started, in call order.</summary>
    public IReadOnlyList<string> Starts => CallsOf(ProviderCallKind.Start);

    /// <summary>The secrets each start was given, by machine (the last start's).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> StartSecrets
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, IReadOnlyDictionary<string, string>>(_startSecrets, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Makes the machine in <see cref="ProviderInstanceStatus.Created"/>; held like a create by <see cref="BlockCreates"/>
    /// (before the machine exists only).</summary>
    public async Task<ProviderInstance> PrepareAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        CreateBlockPoint? blockAt;
        lock (_lock)
        {
            Record(ProviderCallKind.Prepare, spec.Name);
            _specs.Add(spec);
            blockAt = _blockAt;
            _waiters.Notify();
        }

        ThrowIfFailing(ProviderCallKind.Prepare);
        if (blockAt is not null)
        {
            await BlockAsync(spec.Name, cancellationToken);
        }

        lock (_lock)
        {
            if (!_machines.TryGetValue(spec.Name, out var machine))
            {
                _machines[spec.Name] = machine = new ProviderInstance(spec.Name, NewId(), spec.Pool, ProviderInstanceStatus.Created);
                _waiters.Notify();
            }

            return machine;
        }
    }

    public Task<ProviderInstance?> StartAsync(string name, IReadOnlyDictionary<string, string>? secretEnv = null, CancellationToken cancellationToken = default)
    {
        if (secretEnv is not null)
        {
            lock (_lock)
            {
                _startSecrets[name] = new Dictionary<string, string>(secretEnv, StringComparer.Ordinal);
            }
        }

        return Task.FromResult(Switch(ProviderCallKind.Start, name, ProviderInstanceStatus.Running));
    }

    public Task<ProviderInstance?> StopAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(Switch(ProviderCallKind.Stop, name, ProviderInstanceStatus.Exited));

    private ProviderInstance? Switch(ProviderCallKind kind, string machineName, ProviderInstanceStatus status)
    {
        lock (_lock)
        {
            Record(kind, machineName);
        }

        ThrowIfFailing(kind);
        lock (_lock)
        {
            if (!_machines.TryGetValue(machineName, out var machine))
            {
                return null;
            }

            _machines[machineName] = machine = machine with { Status = status };
            _waiters.Notify();
            return machine;
        }
    }
}
