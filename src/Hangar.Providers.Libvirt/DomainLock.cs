namespace Hangar.Providers.Libvirt;

/// <summary>
/// One create or delete per domain name at a time, across provider objects and processes on this host: an
/// exclusively opened lock file (flock on Linux) in the controller's directory. Without it two creators of one name
/// would both build an overlay and a seed, and a delete could remove files a create is about to define.
/// </summary>
internal sealed class DomainLock : IAsyncDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;
    private readonly string _path;
    private bool _remove;

    private DomainLock(FileStream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    public static async Task<DomainLock> AcquireAsync(string controllerDirectory, string name, TimeProvider time, CancellationToken ct)
    {
        var path = Path.Combine(controllerDirectory, $".{name}.lock");
        while (true)
        {
            try
            {
                return new DomainLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), path);
            }
            catch (IOException)
            {
                await Task.Delay(Retry, time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Removes the lock file on release, once the domain is gone, so names do not pile up files. A creator
    /// waiting at that moment locks a new file of the same name; the engine never creates and deletes one name at once.</summary>
    public void RemoveOnRelease() => _remove = true;

    public async ValueTask DisposeAsync()
    {
        if (_remove)
        {
            File.Delete(_path);
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
