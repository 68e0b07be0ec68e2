using Hangar.Core.Providers;

namespace Hangar.Testing;

/// <summary>
/// An in-memory <see cref="IProvider"/> that honours the contract (create idempotent by name, delete a no-op when
/// absent, list by pool, stop keeps the machine and start runs it again), records every call, and can be told to fail calls, to block creates until released, and to
/// change machines behind Hangar's back (exit, vanish, appear).
/// </summary>
public sealed partial class RecordingProvider(string name = RecordingProvider.DefaultName) : IProvider
{
    public const string DefaultName = "fake";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ProviderInstance> _machines = new(StringComparer.Ordinal);
    private readonly List<ProviderCall> _calls = [];
    private readonly List<RunnerSpec> _specs = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _startSecrets = new(StringComparer.Ordinal);
    private readonly List<(string Name, TaskCompletionSource Release)> _blocked = [];
    private readonly Dictionary<ProviderCallKind, (int Count, Exception? Error)> _failures = [];
    private readonly ConditionWaiters _waiters = new();
    private CreateBlockPoint? _blockAt;
    private int _createsInFlight;
    private int _maxCreatesInFlight;
    private long _lastId;

    public string Name => name;

    public ProviderCapabilities Capabilities =>
        (CheckCreate is null ? ProviderCapabilities.StartStop : ProviderCapabilities.StartStop | ProviderCapabilities.CreateCheck)
        | ProviderCapabilities.Prepare
        | (TokenAtMake ? ProviderCapabilities.TokenAtMake : ProviderCapabilities.None);

    /// <summary>Claims <see cref="ProviderCapabilities.TokenAtMake"/>: its machines keep the token they were made with.</summary>
    public bool TokenAtMake { get; set; }

    /// <summary>When set, the provider has <see cref="ProviderCapabilities.CreateCheck"/> and answers each pre-create check with it.</summary>
    public Func<RunnerSpec, CreateCheck>? CheckCreate { get; set; }

    /// <summary>Runs at the start of every create, before anything else (e.g. to look at the store mid-call).</summary>
    public Func<RunnerSpec, CancellationToken, Task>? OnCreate { get; set; }

    /// <summary>Runs at the start of every delete, before anything else.</summary>
    public Func<string, CancellationToken, Task>? OnDelete { get; set; }

    /// <summary>Runs at the start of every list (with its pool filter), before the machines are read: lets a test
    /// change the world between a caller's earlier reads and this one.</summary>
    public Func<string?, CancellationToken, Task>? OnList { get; set; }

    public IReadOnlyList<ProviderCall> Calls
    {
        get { lock (_lock) { return [.. _calls]; } }
    }

    /// <summary>Names passed to create, in call order (a name appears once per call).</summary>
    public IReadOnlyList<string> Creates => CallsOf(ProviderCallKind.Create);

    /// <summary>Names passed to delete, in call order.</summary>
    public IReadOnlyList<string> Deletes => CallsOf(ProviderCallKind.Delete);

    /// <summary>Every spec passed to create, in call order.</summary>
    public IReadOnlyList<RunnerSpec> Specs
    {
        get { lock (_lock) { return [.. _specs]; } }
    }

    public IReadOnlyList<ProviderInstance> Machines
    {
        get { lock (_lock) { return [.. _machines.Values.OrderBy(m => m.Name, StringComparer.Ordinal)]; } }
    }

    /// <summary>Creates inside the provider right now (blocked or not).</summary>
    public int CreatesInFlight
    {
        get { lock (_lock) { return _createsInFlight; } }
    }

    /// <summary>The most creates that were ever inside the provider at once.</summary>
    public int MaxCreatesInFlight
    {
        get { lock (_lock) { return _maxCreatesInFlight; } }
    }

    /// <summary>Names of the creates waiting to be released, oldest first.</summary>
    public IReadOnlyList<string> BlockedCreates
    {
        get { lock (_lock) { return [.. _blocked.Select(b => b.Name)]; } }
    }

    public ProviderInstance? Find(string machineName)
    {
        lock (_lock)
        {
            return _machines.GetValueOrDefault(machineName);
        }
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="kind"/> throw (an <see cref="InjectedFaultException"/> by default).</summary>
    public void FailNext(ProviderCallKind kind, int count, Exception? error = null)
    {
        lock (_lock)
        {
            _failures[kind] = (count, error);
        }
    }

    public void FailNextCreates(int count, Exception? error = null) => FailNext(ProviderCallKind.Create, count, error);

    public void FailNextDeletes(int count, Exception? error = null) => FailNext(ProviderCallKind.Delete, count, error);

    /// <summary>From now on every create waits at <paramref name="at"/> until released (or cancelled).</summary>
    public void BlockCreates(CreateBlockPoint at = CreateBlockPoint.AfterMachineExists)
    {
        lock (_lock)
        {
            _blockAt = at;
        }
    }

    /// <summary>Releases the oldest blocked create and returns its name; creates keep blocking.</summary>
    public string ReleaseNextCreate()
    {
        lock (_lock)
        {
            if (_blocked.Count == 0)
            {
                throw new InvalidOperationException("no create is blocked");
            }

            var (blockedName, release) = _blocked[0];
            _blocked.RemoveAt(0);
            release.TrySetResult();
            _waiters.Notify();
            return blockedName;
        }
    }

    /// <summary>Stops blocking and releases every blocked create.</summary>
    public void ReleaseCreates()
    {
        lock (_lock)
        {
            _blockAt = null;
            foreach (var (_, release) in _blocked)
            {
                release.TrySetResult();
            }

            _blocked.Clear();
            _waiters.Notify();
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> creates are blocked at once.</summary>
    public Task WaitForBlockedCreatesAsync(int count, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _waiters.WaitAsync(() => _blocked.Count >= count, cancellationToken);
        }
    }

    /// <summary>Completes once <paramref name="count"/> create calls have been received in total.</summary>
    public Task WaitForCreateCallsAsync(int count, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _waiters.WaitAsync(() => _specs.Count >= count, cancellationToken);
        }
    }

    /// <summary>Puts a machine there as if Hangar (or a previous process) had made it. Records no call.</summary>
    public ProviderInstance AddMachine(string machineName, string pool, ProviderInstanceStatus status = ProviderInstanceStatus.Running)
    {
        lock (_lock)
        {
            var machine = new ProviderInstance(machineName, NewId(), pool, status);
            _machines[machineName] = machine;
            _waiters.Notify();
            return machine;
        }
    }

    /// <summary>The runner process ended (e.g. the container exited) but the machine is still listed.</summary>
    public void MarkExited(string machineName) => SetStatus(machineName, ProviderInstanceStatus.Exited);

    public void SetStatus(string machineName, ProviderInstanceStatus status)
    {
        lock (_lock)
        {
            var machine = _machines.GetValueOrDefault(machineName)
                ?? throw new InvalidOperationException($"no machine named {machineName}");
            _machines[machineName] = machine with { Status = status };
            _waiters.Notify();
        }
    }

    /// <summary>The machine disappears without Hangar deleting it (host rebooted, someone removed it).</summary>
    public void Vanish(string machineName)
    {
        lock (_lock)
        {
            if (!_machines.Remove(machineName))
            {
                throw new InvalidOperationException($"no machine named {machineName}");
            }

            _waiters.Notify();
        }
    }

    public async Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        CreateBlockPoint? blockAt;
        lock (_lock)
        {
            Record(ProviderCallKind.Create, spec.Name);
            _specs.Add(spec);
            _createsInFlight++;
            _maxCreatesInFlight = Math.Max(_maxCreatesInFlight, _createsInFlight);
            blockAt = _blockAt;
            _waiters.Notify();
        }

        try
        {
            if (OnCreate is { } hook)
            {
                await hook(spec, cancellationToken);
            }

            ThrowIfFailing(ProviderCallKind.Create);
            if (blockAt == CreateBlockPoint.BeforeMachineExists)
            {
                await BlockAsync(spec.Name, cancellationToken);
            }

            ProviderInstance machine;
            lock (_lock)
            {
                if (!_machines.TryGetValue(spec.Name, out var existing))
                {
                    existing = new ProviderInstance(spec.Name, NewId(), spec.Pool, ProviderInstanceStatus.Running);
                    _machines[spec.Name] = existing;
                    _waiters.Notify();
                }

                machine = existing;
            }

            if (blockAt == CreateBlockPoint.AfterMachineExists)
            {
                await BlockAsync(spec.Name, cancellationToken);
            }

            return machine;
        }
        finally
        {
            lock (_lock)
            {
                _createsInFlight--;
                _waiters.Notify();
            }
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Record(ProviderCallKind.Delete, name);
        }

        if (OnDelete is { } hook)
        {
            await hook(name, cancellationToken);
        }

        ThrowIfFailing(ProviderCallKind.Delete);
        lock (_lock)
        {
            _machines.Remove(name);
            _waiters.Notify();
        }
    }

    public Task<CreateCheck> CheckCreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Record(ProviderCallKind.Check, spec.Name);
        }

        return Task.FromResult(CheckCreate?.Invoke(spec) ?? CreateCheck.Passed);
    }

    public Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Record(ProviderCallKind.Get, name);
        }

        ThrowIfFailing(ProviderCallKind.Get);
        lock (_lock)
        {
            return Task.FromResult(_machines.GetValueOrDefault(name));
        }
    }

    public async Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Record(ProviderCallKind.List, pool);
        }

        if (OnList is { } hook)
        {
            await hook(pool, cancellationToken);
        }

        ThrowIfFailing(ProviderCallKind.List);
        lock (_lock)
        {
            return [.. _machines.Values.Where(m => pool is null || m.Pool == pool).OrderBy(m => m.Name, StringComparer.Ordinal)];
        }
    }

    private IReadOnlyList<string> CallsOf(ProviderCallKind kind)
    {
        lock (_lock)
        {
            return [.. _calls.Where(c => c.Kind == kind).Select(c => c.Name!)];
        }
    }

    private async Task BlockAsync(string machineName, CancellationToken cancellationToken)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = (machineName, release);
        lock (_lock)
        {
            _blocked.Add(entry);
            _waiters.Notify();
        }

        try
        {
            await release.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_lock)
            {
                _blocked.Remove(entry);
                _waiters.Notify();
            }
        }
    }

    private void ThrowIfFailing(ProviderCallKind kind)
    {
        lock (_lock)
        {
            if (_failures.TryGetValue(kind, out var failure) && failure.Count > 0)
            {
                _failures[kind] = (failure.Count - 1, failure.Error);
                throw failure.Error ?? new InjectedFaultException($"injected {kind.ToString().ToLowerInvariant()} failure");
            }
        }
    }

    private void Record(ProviderCallKind kind, string? machineName) =>
        _calls.Add(new ProviderCall(kind, machineName, CallSequence.Next()));

    private string NewId() => $"{name}-{++_lastId}";
}
