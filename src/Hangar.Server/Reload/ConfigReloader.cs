using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace Hangar.Server.Reload;

/// <summary>
/// Reloads the configuration file when it changes (a watch on its directory, so an editor's rename-over or a
/// Kubernetes ConfigMap's symlink swap is seen) and on SIGHUP. Bursts of change events are settled for
/// <see cref="Settle"/> on the injected clock before one reload.
/// </summary>
internal sealed class ConfigReloader(ConfigReload reload, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly SemaphoreSlim _changed = new(0);

    private FileSystemWatcher? _watcher;
    private PosixSignalRegistration? _hangup;

    /// <summary>Watches before the host reports started, and checks the file once: a change made between reading it at
    /// start and the watch beginning is not lost.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(reload.Path);
        var name = System.IO.Path.GetFileName(full);
        _watcher = new FileSystemWatcher(System.IO.Path.GetDirectoryName(full)!)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
        };
        FileSystemEventHandler onChange = (_, e) =>
        {
            // "..data" is how a Kubernetes ConfigMap volume swaps its files in.
            if (string.Equals(e.Name, name, StringComparison.Ordinal) || e.Name?.StartsWith("..", StringComparison.Ordinal) == true)
            {
                Signal();
            }
        };
        _watcher.Changed += onChange;
        _watcher.Created += onChange;
        _watcher.Renamed += (sender, e) => onChange(sender, e);
        _watcher.EnableRaisingEvents = true;
        _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            // Handled: SIGHUP means "reload", not "terminate".
            context.Cancel = true;
            Signal();
        });
        Signal();
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        _hangup?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _changed.WaitAsync(stoppingToken).ConfigureAwait(false);
            await Task.Delay(Settle, time, stoppingToken).ConfigureAwait(false);
            while (_changed.CurrentCount > 0)
            {
                await _changed.WaitAsync(stoppingToken).ConfigureAwait(false);
            }

            await reload.ReloadAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private void Signal() => _changed.Release();
}
