using Hangar.Core.Access;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Operators;
using Hangar.Core.Storage;

namespace Hangar.Store.Views;

/// <summary>
/// Any <see cref="IStore"/>, with its <see cref="LiveView"/> told of every write: each write names the rows it touches
/// before it starts and after it ends (see <see cref="LiveView"/> for why both). Reads go to the store unchanged.
/// Disposes the store only when it made it (<paramref name="ownsInner"/>), as the container would have. With a shared
/// store, <paramref name="changes"/> reports other processes' writes to the view (<see cref="LiveViewFeed"/>).
/// </summary>
internal sealed class ViewedStore(IStore inner, bool ownsInner = true, IStoreChanges? changes = null) : IStore, IAsyncDisposable, IDisposable
{
    private static readonly string[] NoInstances = [];
    private static readonly JobKey[] NoJobs = [];

    private readonly (LiveView View, IDisposable? Feed) _view = Open(inner, changes);
    private readonly (OperatorRequestChanges Changes, IDisposable? Feed) _operators = ConnectOperators(changes);

    public LiveView View => _view.View;

    /// <summary>Moves when the operators' requests may have changed (their writes here, or another replica's heard).</summary>
    public IOperatorRequestChanges OperatorChanges => _operators.Changes;

    /// <summary>The store underneath (for tests and diagnostics that need its own members, e.g. the SQLite file path).</summary>
    public IStore Inner => inner;

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await inner.MigrateAsync(cancellationToken).ConfigureAwait(false);
        View.AllChanged();
    }

    public Task<JobEventOutcome> RecordJobEventAsync(JobEvent jobEvent, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(NoInstances, [jobEvent.Key], () => inner.RecordJobEventAsync(jobEvent, now, cancellationToken));

    public Task SetJobRouteAsync(JobKey key, string? pool, string? unroutableReason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(NoInstances, [key], () => inner.SetJobRouteAsync(key, pool, unroutableReason, now, cancellationToken));

    public Task StorePlanAsync(
        IReadOnlyList<JobRouteWrite> routes, IReadOnlyList<Instance> intents, string intentReason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync([.. intents.Select(i => i.Name)], [.. routes.Select(r => r.Job)], () => inner.StorePlanAsync(routes, intents, intentReason, now, cancellationToken));

    // Neither tokens, boot logs nor history notes are part of the view (it holds instances' states and open jobs), so these pass.
    public Task AppendInstanceNoteAsync(string name, string note, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.AppendInstanceNoteAsync(name, note, now, cancellationToken);

    public Task AppendBootLogAsync(string instance, IReadOnlyList<BootLogLine> lines, int keep, CancellationToken cancellationToken = default) =>
        inner.AppendBootLogAsync(instance, lines, keep, cancellationToken);

    public Task<IReadOnlyList<BootLogLine>> ListBootLogAsync(string instance, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        inner.ListBootLogAsync(instance, afterSeq, limit, cancellationToken);

    public Task SetInstanceTokenAsync(InstanceTokenRecord token, CancellationToken cancellationToken = default) =>
        inner.SetInstanceTokenAsync(token, cancellationToken);

    public Task<InstanceTokenRecord?> GetInstanceTokenAsync(string instance, CancellationToken cancellationToken = default) =>
        inner.GetInstanceTokenAsync(instance, cancellationToken);

    public Task RevokeInstanceTokenAsync(string instance, CancellationToken cancellationToken = default) =>
        inner.RevokeInstanceTokenAsync(instance, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountOpenJobsByPoolAsync(IReadOnlyCollection<string> pools, CancellationToken cancellationToken = default) =>
        inner.CountOpenJobsByPoolAsync(pools, cancellationToken);

    public Task InsertApiTokenAsync(ApiToken token, CancellationToken cancellationToken = default) => inner.InsertApiTokenAsync(token, cancellationToken);

    public Task<ApiToken?> GetApiTokenAsync(string id, CancellationToken cancellationToken = default) => inner.GetApiTokenAsync(id, cancellationToken);

    public Task<IReadOnlyList<ApiToken>> ListApiTokensAsync(ApiTokenQuery query, CancellationToken cancellationToken = default) =>
        inner.ListApiTokensAsync(query, cancellationToken);

    public Task<bool> RevokeApiTokenAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.RevokeApiTokenAsync(id, now, cancellationToken);

    public Task TouchApiTokenAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken = default) =>
        inner.TouchApiTokenAsync(id, usedAt, cancellationToken);

    // Scale-set cursors are read by every converge pass directly, not through the view.
    public Task<ScaleSetCursor?> GetScaleSetCursorAsync(string forge, string pool, CancellationToken cancellationToken = default) =>
        inner.GetScaleSetCursorAsync(forge, pool, cancellationToken);

    public Task<IReadOnlyList<ScaleSetCursor>> ListScaleSetCursorsAsync(CancellationToken cancellationToken = default) =>
        inner.ListScaleSetCursorsAsync(cancellationToken);

    public Task SaveScaleSetCursorAsync(ScaleSetCursor cursor, CancellationToken cancellationToken = default) =>
        inner.SaveScaleSetCursorAsync(cursor, cancellationToken);

    // A removal request adds a history line only; the instance's state is untouched, so the view has nothing to learn.
    public Task<Instance> RequestRunnerRemovalAsync(RunnerRemoval removal, CancellationToken cancellationToken = default) =>
        OperatorWriteAsync(() => inner.RequestRunnerRemovalAsync(removal, cancellationToken));

    public Task<IReadOnlyList<RunnerRemoval>> ListRunnerRemovalsAsync(CancellationToken cancellationToken = default) =>
        inner.ListRunnerRemovalsAsync(cancellationToken);

    public Task<PoolOverride?> ChangePoolOverrideAsync(PoolOverrideChange change, CancellationToken cancellationToken = default) =>
        OperatorWriteAsync(() => inner.ChangePoolOverrideAsync(change, cancellationToken));

    public Task<IReadOnlyList<PoolOverride>> ListPoolOverridesAsync(CancellationToken cancellationToken = default) =>
        inner.ListPoolOverridesAsync(cancellationToken);

    public Task RecordOperatorActionAsync(OperatorAction action, CancellationToken cancellationToken = default) =>
        inner.RecordOperatorActionAsync(action, cancellationToken);

    public Task<IReadOnlyList<OperatorAction>> ListOperatorActionsAsync(OperatorActionQuery query, CancellationToken cancellationToken = default) =>
        inner.ListOperatorActionsAsync(query, cancellationToken);

    public Task MarkJobKilledAsync(JobKey key, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(NoInstances, [key], () => inner.MarkJobKilledAsync(key, reason, now, cancellationToken));

    public Task InsertInstanceAsync(Instance instance, string reason, CancellationToken cancellationToken = default) =>
        WriteAsync([instance.Name], NoJobs, () => inner.InsertInstanceAsync(instance, reason, cancellationToken));

    public Task<Instance> TransitionAsync(
        string name, InstanceState to, string reason, DateTimeOffset now, InstanceChanges? changes = null, CancellationToken cancellationToken = default) =>
        WriteAsync([name], NoJobs, () => inner.TransitionAsync(name, to, reason, now, changes, cancellationToken));

    public Task<Instance> UpdateInstanceAsync(string name, InstanceChanges changes, CancellationToken cancellationToken = default) =>
        WriteAsync([name], NoJobs, () => inner.UpdateInstanceAsync(name, changes, cancellationToken));

    public Task<IReadOnlyList<Job>> RecordJobChecksAsync(
        IReadOnlyList<JobCheck> checks, int closeAfterMisses, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(NoInstances, [.. checks.Select(c => c.Key)], () => inner.RecordJobChecksAsync(checks, closeAfterMisses, now, cancellationToken));

    // Retention removes completed jobs and deleted instances only: rows the view does not hold.
    public Task<int> PruneJobsAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken = default) =>
        inner.PruneJobsAsync(olderThan, batchSize, cancellationToken);

    public Task<int> PruneInstancesAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken = default) =>
        inner.PruneInstancesAsync(olderThan, batchSize, cancellationToken);

    public Task<int> PruneDeliveriesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) =>
        inner.PruneDeliveriesAsync(olderThan, cancellationToken);

    public Task<string> GetOrAddSettingAsync(string key, string valueIfAbsent, CancellationToken cancellationToken = default) =>
        inner.GetOrAddSettingAsync(key, valueIfAbsent, cancellationToken);

    public Task<Job?> GetJobAsync(JobKey key, CancellationToken cancellationToken = default) => inner.GetJobAsync(key, cancellationToken);

    public Task<IReadOnlyList<Job>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken = default) =>
        inner.ListJobsAsync(query, cancellationToken);

    public Task<Instance?> GetInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        inner.GetInstanceAsync(name, cancellationToken);

    public Task<IReadOnlyList<Instance>> ListInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        inner.ListInstancesAsync(query, cancellationToken);

    public Task<IReadOnlyList<InstanceTransition>> GetHistoryAsync(string name, int limit = 20, CancellationToken cancellationToken = default) =>
        inner.GetHistoryAsync(name, limit, cancellationToken);

    public Task<IReadOnlyList<HistoryEntry>> ListHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        inner.ListHistoryAsync(query, cancellationToken);

    public Task<IReadOnlyList<PoolTally>> TallyPoolsAsync(IReadOnlyCollection<string> pools, CancellationToken cancellationToken = default) =>
        inner.TallyPoolsAsync(pools, cancellationToken);

    public Task ProbeAsync(CancellationToken cancellationToken = default) => inner.ProbeAsync(cancellationToken);

    public Task<IReadOnlyList<Job>> ListJobsToCheckAsync(DateTimeOffset quietSince, int limit, CancellationToken cancellationToken = default) =>
        inner.ListJobsToCheckAsync(quietSince, limit, cancellationToken);

    public Task<IReadOnlyList<JobRepository>> ListJobRepositoriesAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default) =>
        inner.ListJobRepositoriesAsync(updatedSince, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _view.Feed?.Dispose();
        _operators.Feed?.Dispose();
        if (!ownsInner)
        {
            return;
        }

        if (inner is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            (inner as IDisposable)?.Dispose();
        }
    }

    public void Dispose()
    {
        _view.Feed?.Dispose();
        _operators.Feed?.Dispose();
        if (ownsInner)
        {
            (inner as IDisposable)?.Dispose();
        }
    }

    private static (LiveView, IDisposable?) Open(IStore store, IStoreChanges? changes)
    {
        var view = new LiveView(store);
        return (view, changes is null ? null : LiveViewFeed.Connect(changes, view));
    }

    private static (OperatorRequestChanges, IDisposable?) ConnectOperators(IStoreChanges? changes)
    {
        var operators = new OperatorRequestChanges();
        return (operators, changes is null ? null : operators.Connect(changes));
    }

    /// <summary>An operator's write: the version moves once it is over (committed, or failed: a move too many costs one read).</summary>
    private async Task<T> OperatorWriteAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            _operators.Changes.Changed();
        }
    }

    private async Task WriteAsync(IReadOnlyCollection<string> instances, IReadOnlyCollection<JobKey> jobs, Func<Task> write) =>
        await WriteAsync(instances, jobs, async () =>
        {
            await write().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    private async Task<T> WriteAsync<T>(IReadOnlyCollection<string> instances, IReadOnlyCollection<JobKey> jobs, Func<Task<T>> write)
    {
        View.Writing(instances, jobs);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            View.Written(instances, jobs);
        }
    }
}
