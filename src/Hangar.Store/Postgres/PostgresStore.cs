using Hangar.Core.Access;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Leases;
using Hangar.Core.Operators;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// <see cref="IStore"/> in a PostgreSQL database, for installations that outgrow one machine or must not depend on
/// one. Every method is one READ COMMITTED transaction that locks the rows it reads to change, so concurrent writers
/// (threads here, or other replicas) serialize per row, never per database. The rules are the ones every store applies:
/// <see cref="JobEventMerge"/> for job events and <see cref="InstanceLifecycle"/> for moves, run here inside the
/// transaction. Job events are group-committed (<see cref="PostgresIntakeWriter"/>). Times are stored to the millisecond
/// and read back in UTC.
/// </summary>
internal sealed class PostgresStore : IStore, ILeaseStore, IAsyncDisposable, IDisposable
{
    private readonly PostgresDatabase _database;
    private readonly PostgresMigrator _migrator;
    private readonly PostgresJobs _jobs;
    private readonly PostgresIntakeWriter _intake;
    private readonly PostgresInstances _instances;
    private readonly PostgresPoolTallies _tallies;
    private readonly PostgresJobChecks _jobChecks;
    private readonly PostgresRetention _retention;
    private readonly PostgresInstanceTokens _tokens;
    private readonly PostgresBootLogs _bootLogs;
    private readonly PostgresApiTokens _apiTokens;

    private readonly PostgresLeases _leases;

    private readonly PostgresScaleSetCursors _scaleSetCursors;

    private readonly PostgresOperators _operators;

    public PostgresStore(PostgresStoreOptions options, ILogger<PostgresStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = timeProvider ?? TimeProvider.System;
        var log = (ILogger?)logger ?? NullLogger.Instance;
        _database = new PostgresDatabase(options, time, log);
        _migrator = new PostgresMigrator(_database, time, log);
        _jobs = new PostgresJobs(_database);
        _intake = new PostgresIntakeWriter(_database);
        _instances = new PostgresInstances(_database);
        _tallies = new PostgresPoolTallies(_database);
        _jobChecks = new PostgresJobChecks(_database);
        _retention = new PostgresRetention(_database);
        _tokens = new PostgresInstanceTokens(_database);
        _bootLogs = new PostgresBootLogs(_database);
        _apiTokens = new PostgresApiTokens(_database);
        _leases = new PostgresLeases(_database);
        _scaleSetCursors = new PostgresScaleSetCursors(_database);
        _operators = new PostgresOperators(_database);
    }

    /// <summary>Where the database is, without credentials.</summary>
    public string Name => _database.Name;

    /// <summary>The store's own connections (pooled, statements prepared), for tests and tools that look below the interface.</summary>
    internal NpgsqlDataSource DataSource => _database.DataSource;

    internal PostgresDatabase Database => _database;

    public Task MigrateAsync(CancellationToken cancellationToken = default) => _migrator.MigrateAsync(cancellationToken);

    public Task<JobEventOutcome> RecordJobEventAsync(JobEvent jobEvent, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _intake.RecordAsync(jobEvent, now, cancellationToken);

    public Task<Job?> GetJobAsync(JobKey key, CancellationToken cancellationToken = default) => _jobs.GetAsync(key, cancellationToken);

    public Task<IReadOnlyList<Job>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken = default) =>
        _jobs.ListAsync(query, cancellationToken);

    public Task SetJobRouteAsync(JobKey key, string? pool, string? unroutableReason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _jobs.SetRouteAsync(key, pool, unroutableReason, now, cancellationToken);

    public Task StorePlanAsync(
        IReadOnlyList<JobRouteWrite> routes, IReadOnlyList<Instance> intents, string intentReason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreArguments.EnsurePlan(routes, intents);
        return _database.WriteAsync(async (connection, ct) =>
        {
            foreach (var route in routes)
            {
                await PostgresJobs.SetRouteAsync(connection, route.Job, route.Pool, route.UnroutableReason, now, ct);
            }

            if (routes.Count > 0)
            {
                await PostgresChanges.NotifyJobsAsync(connection, routes.Select(r => r.Job), ct);
            }

            foreach (var intent in intents)
            {
                await PostgresInstances.InsertAsync(connection, intent, intent.LastReason ?? intentReason, ct);
            }

            return true;
        }, cancellationToken);
    }

    public Task MarkJobKilledAsync(JobKey key, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _jobs.MarkKilledAsync(key, reason, now, cancellationToken);

    public Task InsertInstanceAsync(Instance instance, string reason, CancellationToken cancellationToken = default) =>
        _instances.InsertAsync(instance, reason, cancellationToken);

    public Task<Instance> TransitionAsync(
        string name, InstanceState to, string reason, DateTimeOffset now, InstanceChanges? changes = null, CancellationToken cancellationToken = default) =>
        _instances.TransitionAsync(name, to, reason, now, changes, cancellationToken);

    public Task<Instance> UpdateInstanceAsync(string name, InstanceChanges changes, CancellationToken cancellationToken = default) =>
        _instances.UpdateAsync(name, changes, cancellationToken);

    public Task<Instance?> GetInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        _instances.GetAsync(name, cancellationToken);

    public Task<IReadOnlyList<Instance>> ListInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        _instances.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<InstanceTransition>> GetHistoryAsync(string name, int limit = 20, CancellationToken cancellationToken = default) =>
        _instances.GetHistoryAsync(name, limit, cancellationToken);

    public Task<IReadOnlyList<HistoryEntry>> ListHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        _instances.ListHistoryAsync(query, cancellationToken);

    public Task<IReadOnlyList<PoolTally>> TallyPoolsAsync(IReadOnlyCollection<string> pools, CancellationToken cancellationToken = default) =>
        _tallies.TallyAsync(pools, cancellationToken);

    public Task ProbeAsync(CancellationToken cancellationToken = default) => _database.ProbeAsync(cancellationToken);

    public Task<int> PruneDeliveriesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM deliveries WHERE received_at < $1;", connection);
            command.Parameters.Bind(PostgresValues.ToStored(olderThan));
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public Task<IReadOnlyList<Job>> ListJobsToCheckAsync(DateTimeOffset quietSince, int limit, CancellationToken cancellationToken = default) =>
        _jobChecks.ListDueAsync(quietSince, limit, cancellationToken);

    public Task<IReadOnlyList<Job>> RecordJobChecksAsync(
        IReadOnlyList<JobCheck> checks, int closeAfterMisses, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _jobChecks.RecordAsync(checks, closeAfterMisses, now, cancellationToken);

    public Task<IReadOnlyList<JobRepository>> ListJobRepositoriesAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default) =>
        _jobs.ListRepositoriesAsync(updatedSince, cancellationToken);

    public Task<int> PruneJobsAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken = default) =>
        _retention.PruneJobsAsync(olderThan, batchSize, cancellationToken);

    public Task<int> PruneInstancesAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken = default) =>
        _retention.PruneInstancesAsync(olderThan, batchSize, cancellationToken);

    public Task<string> GetOrAddSettingAsync(string key, string valueIfAbsent, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, ct) =>
        {
            // Two statements, not one: the SELECT takes a fresh snapshot after the INSERT waited for a concurrent
            // first writer, so it reads that writer's value.
            await using var batch = new NpgsqlBatch(connection);
            var insert = new NpgsqlBatchCommand("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING;");
            insert.Parameters.Bind(key);
            insert.Parameters.Bind(valueIfAbsent);
            var select = new NpgsqlBatchCommand("SELECT value FROM settings WHERE key = $1;");
            select.Parameters.Bind(key);
            batch.BatchCommands.Add(insert);
            batch.BatchCommands.Add(select);
            return (string)(await batch.ExecuteScalarAsync(ct))!;
        }, cancellationToken);

    public Task SetInstanceTokenAsync(InstanceTokenRecord token, CancellationToken cancellationToken = default) =>
        _tokens.SetAsync(token, cancellationToken);

    public Task<InstanceTokenRecord?> GetInstanceTokenAsync(string instance, CancellationToken cancellationToken = default) =>
        _tokens.GetAsync(instance, cancellationToken);

    public Task RevokeInstanceTokenAsync(string instance, CancellationToken cancellationToken = default) =>
        _tokens.RevokeAsync(instance, cancellationToken);

    public Task AppendInstanceNoteAsync(string name, string note, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _instances.AppendNoteAsync(name, note, now, cancellationToken);

    public Task AppendBootLogAsync(string instance, IReadOnlyList<BootLogLine> lines, int keep, CancellationToken cancellationToken = default) =>
        _bootLogs.AppendAsync(instance, lines, keep, cancellationToken);

    public Task<IReadOnlyList<BootLogLine>> ListBootLogAsync(string instance, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        _bootLogs.ListAsync(instance, afterSeq, limit, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountOpenJobsByPoolAsync(IReadOnlyCollection<string> pools, CancellationToken cancellationToken = default) =>
        _tallies.CountOpenJobsAsync(pools, cancellationToken);

    public Task InsertApiTokenAsync(ApiToken token, CancellationToken cancellationToken = default) => _apiTokens.InsertAsync(token, cancellationToken);

    public Task<ApiToken?> GetApiTokenAsync(string id, CancellationToken cancellationToken = default) => _apiTokens.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<ApiToken>> ListApiTokensAsync(ApiTokenQuery query, CancellationToken cancellationToken = default) =>
        _apiTokens.ListAsync(query, cancellationToken);

    public Task<bool> RevokeApiTokenAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _apiTokens.RevokeAsync(id, now, cancellationToken);

    public Task TouchApiTokenAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken = default) =>
        _apiTokens.TouchAsync(id, usedAt, cancellationToken);

    public Task<IReadOnlyList<Lease>> AcquireAsync(
        IReadOnlyCollection<string> names, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _leases.AcquireAsync(names, holder, duration, now, cancellationToken);

    public Task ReleaseAsync(IReadOnlyCollection<string> names, string holder, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _leases.ReleaseAsync(names, holder, now, cancellationToken);

    public Task<IReadOnlyList<Lease>> ListLeasesAsync(CancellationToken cancellationToken = default) => _leases.ListAsync(cancellationToken);

    public Task<ScaleSetCursor?> GetScaleSetCursorAsync(string forge, string pool, CancellationToken cancellationToken = default) =>
        _scaleSetCursors.GetAsync(forge, pool, cancellationToken);

    public Task<IReadOnlyList<ScaleSetCursor>> ListScaleSetCursorsAsync(CancellationToken cancellationToken = default) =>
        _scaleSetCursors.ListAsync(cancellationToken);

    public Task SaveScaleSetCursorAsync(ScaleSetCursor cursor, CancellationToken cancellationToken = default) =>
        _scaleSetCursors.SaveAsync(cursor, cancellationToken);

    public Task<Instance> RequestRunnerRemovalAsync(RunnerRemoval removal, CancellationToken cancellationToken = default) =>
        _operators.RequestRemovalAsync(removal, cancellationToken);

    public Task<IReadOnlyList<RunnerRemoval>> ListRunnerRemovalsAsync(CancellationToken cancellationToken = default) =>
        _operators.ListRemovalsAsync(cancellationToken);

    public Task<PoolOverride?> ChangePoolOverrideAsync(PoolOverrideChange change, CancellationToken cancellationToken = default) =>
        _operators.ChangeOverrideAsync(change, cancellationToken);

    public Task<IReadOnlyList<PoolOverride>> ListPoolOverridesAsync(CancellationToken cancellationToken = default) =>
        _operators.ListOverridesAsync(cancellationToken);

    public Task RecordOperatorActionAsync(OperatorAction action, CancellationToken cancellationToken = default) =>
        _operators.RecordActionAsync(action, cancellationToken);

    public Task<IReadOnlyList<OperatorAction>> ListOperatorActionsAsync(OperatorActionQuery query, CancellationToken cancellationToken = default) =>
        _operators.ListActionsAsync(query, cancellationToken);

    public void Dispose()
    {
        _intake.Dispose();
        _database.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _intake.DisposeAsync();
        await _database.DisposeAsync();
    }
}
