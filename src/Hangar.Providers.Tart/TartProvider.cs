using System.Globalization;
using System.Runtime.Versioning;
using Hangar.Core.Providers;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Tart;

/// <summary>
/// One Tart VM per runner: <c>tart clone</c> of the pool's image, <c>tart set</c> for CPUs, memory and disk, and
/// <c>tart run</c> with the VM's own credential share and the pool's mounts as <c>--dir</c> shares. Tart keeps no
/// labels, so a VM is Hangar's when its record (<see cref="VmRecord"/>) names this controller id. macOS runs at most
/// two VMs at once; a create beyond <see cref="TartProviderOptions.MaxRunning"/> fails and is retried later. The pool's
/// image is checked, and a remote one pulled, before the engine mints a credential (<see cref="TartCreateCheck"/>).
/// </summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
internal sealed class TartProvider : IProvider
{
    private static readonly TimeSpan StartPoll = TimeSpan.FromMilliseconds(200);

    // One create or delete at a time on this host: the running-VM limit is counted, then used.
    private static readonly SemaphoreSlim HostGate = new(1, 1);

    private readonly TartProviderOptions _options;
    private readonly ILogger<TartProvider> _logger;
    private readonly TimeProvider _time;
    private readonly TartCli _tart;
    private readonly TartCreateCheck _check;

    public TartProvider(TartProviderOptions options, ILogger<TartProvider> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ControllerId);
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _tart = new TartCli(options, _time);
        _check = new TartCreateCheck(_tart, options.Name, logger);
    }

    public string Name => _options.Name;

    public ProviderCapabilities Capabilities => ProviderCapabilities.CreateCheck | ProviderCapabilities.CredentialFile;

    public async Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ThrowOnBadSecretNames(spec);
        await HostGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var listed = await _tart.ListAllAsync(cancellationToken).ConfigureAwait(false);
            var vms = listed.Where(vm => vm.Local).ToList();
            if (vms.FirstOrDefault(vm => vm.Name == spec.Name) is { } existing)
            {
                return Instance(existing) ?? throw new InvalidOperationException($"a Tart VM named {spec.Name} exists and is not this controller's; it is left alone");
            }

            // A remote image not pulled yet is left to the clone, which pulls it: the engine's check pulled it already.
            var problems = TartCreateCheck.Problems(spec, listed, out _);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException(string.Join("; ", problems));
            }

            var running = vms.Count(vm => vm.Running);
            if (running >= _options.MaxRunning)
            {
                throw new InvalidOperationException($"{running} Tart VMs already run on this host, at most {_options.MaxRunning} (max_running); runner {spec.Name} waits");
            }

            try
            {
                await BuildAsync(spec, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
            {
                await UndoAsync(spec.Name, e).ConfigureAwait(false);
                throw;
            }

            TartProviderLog.Created(_logger, Name, spec.Name, spec.Pool, spec.Image!);
            return await GetAsync(spec.Name, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"VM {spec.Name} vanished right after it was started");
        }
        finally
        {
            HostGate.Release();
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var record = VmRecord.Read(_options, name);
        if (record is not null && record.Controller != _options.ControllerId)
        {
            return;
        }

        await HostGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var vm = (await _tart.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => v.Name == name);
            if (vm is not null && record is null)
            {
                return;
            }

            if (vm is not null)
            {
                if (vm.Running)
                {
                    await _tart.StopAsync(name, cancellationToken).ConfigureAwait(false);
                }

                await _tart.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
                TartProviderLog.Deleted(_logger, Name, name);
            }

            if (Directory.Exists(VmRecord.DirectoryOf(_options, name)))
            {
                Directory.Delete(VmRecord.DirectoryOf(_options, name), recursive: true);
            }
        }
        finally
        {
            HostGate.Release();
        }
    }

    public Task<CreateCheck> CheckCreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _check.RunAsync(spec, cancellationToken);
    }

    public async Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        (await _tart.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(vm => vm.Name == name) is { } vm ? Instance(vm) : null;

    public async Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default) =>
        [
            .. (await _tart.ListAsync(cancellationToken).ConfigureAwait(false))
                .Select(Instance)
                .OfType<ProviderInstance>()
                .Where(i => pool is null || i.Pool == pool),
        ];

    private async Task BuildAsync(RunnerSpec spec, CancellationToken ct)
    {
        new VmRecord(_options.ControllerId, spec.Pool).Write(_options, spec.Name);
        var share = VmRecord.ShareOf(_options, spec.Name);
        VmShare.Write(share, spec);
        await _tart.CloneAsync(spec.Image!, spec.Name, ct).ConfigureAwait(false);
        var settings = new List<string>();
        if (spec.Cpus is { } cpus)
        {
            settings.AddRange(["--cpu", Math.Max(1, (int)Math.Ceiling(cpus)).ToString(CultureInfo.InvariantCulture)]);
        }

        if (spec.MemoryMb is { } memory)
        {
            settings.AddRange(["--memory", memory.ToString(CultureInfo.InvariantCulture)]);
        }

        if (spec.DiskGb is { } disk)
        {
            settings.AddRange(["--disk-size", disk.ToString(CultureInfo.InvariantCulture)]);
        }

        if (settings.Count > 0)
        {
            await _tart.SetAsync(spec.Name, settings, ct).ConfigureAwait(false);
        }

        var shares = new List<string> { "--dir", $"{VmShare.Name}:{share}:ro" };
        foreach (var mount in spec.Mounts)
        {
            shares.AddRange(["--dir", $"{TartShares.NameOf(mount)}:{mount.Source}{(mount.ReadOnly ? ":ro" : "")}"]);
        }

        // Recorded before the run: a process killed between the two would leave a VM that, once it ended, reads as
        // never started. A run that fails is undone whole, record included.
        await File.WriteAllTextAsync(VmRecord.StartedOf(_options, spec.Name), "", ct).ConfigureAwait(false);
        using var run = _tart.Start(spec.Name, shares, VmRecord.LogOf(_options, spec.Name));
        await WaitRunningAsync(spec.Name, run, ct).ConfigureAwait(false);
    }

    /// <summary>Until Tart lists the VM as running, or <c>tart run</c> ended: cleanly, the VM ran and powered off
    /// already (a runner with nothing to do); otherwise it never ran, and its log says why.</summary>
    private async Task WaitRunningAsync(string name, System.Diagnostics.Process run, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        while ((await _tart.ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(vm => vm.Name == name) is not { Running: true })
        {
            if (run.HasExited)
            {
                if (run.ExitCode == 0)
                {
                    return;
                }

                throw new InvalidOperationException($"tart run {name} failed (exit code {run.ExitCode}): {RunLog(name)}");
            }

            if (_time.GetElapsedTime(started) > _options.StartTimeout)
            {
                throw new TimeoutException($"VM {name} did not run within {_options.StartTimeout.TotalSeconds:0} s of tart run: {RunLog(name)}");
            }

            await Task.Delay(StartPoll, _time, ct).ConfigureAwait(false);
        }
    }

    private string RunLog(string name) =>
        File.Exists(VmRecord.LogOf(_options, name)) ? File.ReadAllText(VmRecord.LogOf(_options, name)).Trim() : "";

    private async Task UndoAsync(string name, Exception error)
    {
        try
        {
            if ((await _tart.ListAsync(CancellationToken.None).ConfigureAwait(false)).FirstOrDefault(vm => vm.Name == name) is { } vm)
            {
                if (vm.Running)
                {
                    await _tart.StopAsync(name, CancellationToken.None).ConfigureAwait(false);
                }

                await _tart.DeleteAsync(name, CancellationToken.None).ConfigureAwait(false);
            }

            Directory.Delete(VmRecord.DirectoryOf(_options, name), recursive: true);
            TartProviderLog.CreateUndone(_logger, Name, name, error);
        }
        catch (Exception undo) when (undo is InvalidOperationException or IOException or TimeoutException)
        {
            TartProviderLog.UndoFailed(_logger, Name, name, undo);
        }
    }

    private ProviderInstance? Instance(TartVm vm) => VmRecord.Read(_options, vm.Name) is { } record && record.Controller == _options.ControllerId
        ? new ProviderInstance(vm.Name, vm.Name, record.Pool, vm.Running ? ProviderInstanceStatus.Running
            : File.Exists(VmRecord.StartedOf(_options, vm.Name)) ? ProviderInstanceStatus.Exited : ProviderInstanceStatus.Created)
        : null;

    private static void ThrowOnBadSecretNames(RunnerSpec spec)
    {
        if (spec.CredentialDelivery != CredentialDelivery.File)
        {
            return;
        }

        foreach (var name in RunnerEnvironment.Secrets(spec).Keys.Where(n => !RunnerEnvironment.IsValidFileName(n)))
        {
            throw new ArgumentException($"secret name '{name}' of runner {spec.Name} cannot be a credential file's name", nameof(spec));
        }
    }
}
