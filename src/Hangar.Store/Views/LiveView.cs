using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Store.Views;

/// <summary>
/// The <see cref="ILiveView"/> over one store. Writes through <see cref="ViewedStore"/> name the rows they touch: a row is
/// dirty from before its write starts until a read that began after the write ended has read it back, so a read never
/// returns a row older than a write that finished before the read began. Clean rows are not read again: a pass over an
/// unchanged store costs no query at all, and one over a changed store costs a key look-up per changed row. Writes by
/// other processes (replicas on PostgreSQL) arrive through <see cref="IStoreChangeSignal"/> (<see cref="LiveViewFeed"/>):
/// while that feed is not heard (<see cref="NotHearing"/> until <see cref="Hearing"/>) every read loads the view whole.
/// </summary>
internal sealed class LiveView(IStore store) : ILiveView, IStoreChangeSignal
{
    // Above this many changed rows one whole read is cheaper than a look-up each.
    private const int ReloadAbove = 512;
    private const int Page = 5_000;

    // A safety net for writes no signal reported (another process on the same file): every so many reads the view is
    // loaded whole, which bounds how long such a write can stay unseen (a few minutes at the converge loop's pace).
    private const int ReloadEvery = 64;

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly Dictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<JobKey, Job> _jobs = [];
    private readonly Dictionary<string, int> _instancesInFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<JobKey, int> _jobsInFlight = [];
    private HashSet<string> _dirtyInstances = new(StringComparer.Ordinal);
    private HashSet<JobKey> _dirtyJobs = [];
    private bool _reloadAll = true;
    private bool _hearing = true;
    private long _version;
    private int _reads;
    private LiveSnapshot? _snapshot;

    public async Task<LiveSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            bool reload;
            HashSet<string> instances;
            HashSet<JobKey> jobs;
            lock (_lock)
            {
                reload = _reloadAll || !_hearing || _dirtyInstances.Count + _dirtyJobs.Count > ReloadAbove || ++_reads % ReloadEvery == 0;
                instances = _dirtyInstances;
                jobs = _dirtyJobs;
                instances.UnionWith(_instancesInFlight.Keys);
                jobs.UnionWith(_jobsInFlight.Keys);
                _dirtyInstances = new(StringComparer.Ordinal);
                _dirtyJobs = [];
                _reloadAll = false;
            }

            try
            {
                var changed = reload
                    ? await ReloadAsync(cancellationToken).ConfigureAwait(false)
                    : await RefreshAsync(instances, jobs, cancellationToken).ConfigureAwait(false);
                if (changed || _snapshot is null)
                {
                    _version++;
                    _snapshot = new LiveSnapshot(
                        _version,
                        [.. _instances.Values.OrderBy(i => i.CreatedAt).ThenBy(i => i.Name, StringComparer.Ordinal)],
                        [.. _jobs.Values.OrderBy(j => j.QueuedAt).ThenBy(j => j.Id).ThenBy(j => j.Forge, StringComparer.Ordinal).ThenBy(j => j.Attempt)]);
                }

                return _snapshot;
            }
            catch
            {
                // What was taken is not known to be read back: read it again next time.
                lock (_lock)
                {
                    _dirtyInstances.UnionWith(instances);
                    _dirtyJobs.UnionWith(jobs);
                    _reloadAll |= reload;
                }

                throw;
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    public void InstancesChanged(IEnumerable<string> names)
    {
        lock (_lock)
        {
            _dirtyInstances.UnionWith(names);
        }
    }

    public void JobsChanged(IEnumerable<JobKey> keys)
    {
        lock (_lock)
        {
            _dirtyJobs.UnionWith(keys);
        }
    }

    public void AllChanged()
    {
        lock (_lock)
        {
            _reloadAll = true;
        }
    }

    /// <summary>Writes made elsewhere may go unreported (the change feed is down, or not connected yet): until
    /// <see cref="Hearing"/>, every read loads the view whole rather than trust what it holds.</summary>
    public void NotHearing()
    {
        lock (_lock)
        {
            _hearing = false;
        }
    }

    /// <summary>The change feed reports writes made elsewhere from now on; what it missed before is read at the next read.</summary>
    public void Hearing()
    {
        lock (_lock)
        {
            _hearing = true;
            _reloadAll = true;
        }
    }

    /// <summary>A write of these rows is starting; <see cref="Written"/> must follow, also when it fails.</summary>
    public void Writing(IReadOnlyCollection<string> instances, IReadOnlyCollection<JobKey> jobs)
    {
        lock (_lock)
        {
            foreach (var name in instances)
            {
                _instancesInFlight[name] = _instancesInFlight.GetValueOrDefault(name) + 1;
            }

            foreach (var key in jobs)
            {
                _jobsInFlight[key] = _jobsInFlight.GetValueOrDefault(key) + 1;
            }
        }
    }

    public void Written(IReadOnlyCollection<string> instances, IReadOnlyCollection<JobKey> jobs)
    {
        lock (_lock)
        {
            foreach (var name in instances)
            {
                Release(_instancesInFlight, name);
                _dirtyInstances.Add(name);
            }

            foreach (var key in jobs)
            {
                Release(_jobsInFlight, key);
                _dirtyJobs.Add(key);
            }
        }
    }

    private static void Release<TKey>(Dictionary<TKey, int> inFlight, TKey key)
        where TKey : notnull
    {
        var left = inFlight.GetValueOrDefault(key) - 1;
        if (left > 0)
        {
            inFlight[key] = left;
        }
        else
        {
            inFlight.Remove(key);
        }
    }

    // Instances before jobs, as ConvergePass reads them: an older picture of instances errs towards supply.
    private async Task<bool> ReloadAsync(CancellationToken ct)
    {
        var instances = new List<Instance>();
        for (InstanceCursor? after = null; ;)
        {
            var page = await store.ListInstancesAsync(InstanceQuery.Live with { After = after, Limit = Page }, ct).ConfigureAwait(false);
            instances.AddRange(page);
            if (page.Count < Page)
            {
                break;
            }

            after = InstanceCursor.Of(page[^1]);
        }

        var jobs = new List<Job>();
        for (JobCursor? after = null; ;)
        {
            var page = await store.ListJobsAsync(JobQuery.Open with { After = after, Limit = Page }, ct).ConfigureAwait(false);
            jobs.AddRange(page);
            if (page.Count < Page)
            {
                break;
            }

            after = JobCursor.Of(page[^1]);
        }

        _instances.Clear();
        foreach (var instance in instances)
        {
            _instances[instance.Name] = instance;
        }

        _jobs.Clear();
        foreach (var job in jobs)
        {
            _jobs[job.Key] = job;
        }

        return true;
    }

    /// <summary>
    /// Reads the named rows back. Any row read back counts as a change, even one that left the view or never was in it
    /// (a job first heard of as completed): a pass that matches finished jobs to runners must not skip it.
    /// </summary>
    private async Task<bool> RefreshAsync(HashSet<string> instances, HashSet<JobKey> jobs, CancellationToken ct)
    {
        foreach (var name in instances)
        {
            var instance = await store.GetInstanceAsync(name, ct).ConfigureAwait(false);
            if (instance is not null && InstanceLifecycle.IsLive(instance.State))
            {
                _instances[name] = instance;
            }
            else
            {
                _instances.Remove(name);
            }
        }

        foreach (var key in jobs)
        {
            var job = await store.GetJobAsync(key, ct).ConfigureAwait(false);
            if (job is { Status: JobStatus.Waiting or JobStatus.Queued or JobStatus.InProgress })
            {
                _jobs[key] = job;
            }
            else
            {
                _jobs.Remove(key);
            }
        }

        return instances.Count + jobs.Count > 0;
    }
}
