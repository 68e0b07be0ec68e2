using Hangar.Core.Access;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Leases;
using Hangar.Core.Operators;
using Hangar.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Store.Sqlite;

/// <summary>
/// <see cref="IStore"/> in one SQLite file: WAL, <c>synchronous=FULL</c>, one writer at a time (in this process by a
/// gate, across processes by <c>BEGIN IMMEDIATE</c>), readers concurrent. Times are stored to the millisecond and
/// read back in UTC.
/// </summary>
internal sealed class SqliteStore : IStore, ILeaseStore, IAsyncDisposable, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SqliteMigrator _migrator;
    private readonly SqliteJobs _jobs;
    private readonly SqliteInstances _instances;
    private readonly SqlitePoolTallies _tallies;
    private readonly SqliteJobChecks _jobChecks;
    private readonly SqliteRetention _retention;
    private readonly SqliteInstanceTokens _tokens;
    private readonly SqliteBootLogs _bootLogs;
    private readonly SqliteApiTokens _apiTokens;

    private readonly SqliteLeases _leases;

    private readonly SqliteScaleSetCursors _scaleSetCursors;

    private readonly SqliteOperators _operators;

    public SqliteStore(SqliteStoreOptions options, ILogger<SqliteStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options);
        _migrator = new SqliteMigrator(_database, timeProvider ?? TimeProvider.System, logger ?? NullLogger<SqliteStore>.Instance);
        _jobs = new SqliteJobs(_database);
        _instances = new SqliteInstances(_database);
        _tallies = new SqlitePoolTallies(_database);
        _jobChecks = new SqliteJobChecks(_database);
        _retention = new SqliteRetention(_database);
        _tokens = new SqliteInstanceTokens(_database);
        _bootLogs = new SqliteBootLogs(_database);
        _apiTokens = new SqliteApiTokens(_database);
        _leases = new SqliteLeases(_database);
        _scaleSetCursors = new SqliteScaleSetCursors(_database);
        _operators = new SqliteOperators(_database);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath => _database.FilePath;

    public Task MigrateAsync(CancellationToken cancellationToken = default) => _migrator.MigrateAsync(cancellationToken);

    /// <summary>Closes the writer's long-lived connection once the writes queued so far are done; the next write
    /// opens another. With the connection pools cleared too, the store then holds the file open nowhere.</summary>
    internal Task ReleaseWriterAsync() => _database.ReleaseWriterAsync();

    public Task<JobEventOutcome> RecordJobEventAsync(JobEvent jobEvent, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _jobs.RecordAsync(jobEvent, now, cancellationToken);

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
                await SqliteJobs.SetRouteAsync(connection, route.Job, route.Pool, route.UnroutableReason, now, ct);
            }

            foreach (var intent in intents)
            {
                await SqliteInstances.InsertAsync(connection, intent, intent.LastReason ?? intentReason, ct);
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
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM deliveries WHERE received_at < $before;";
            command.Parameters.Add("$before", SqliteValues.ToUnixMs(olderThan));
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
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO NOTHING;
                SELECT value FROM settings WHERE key = $key;
                """;
            command.Parameters.Add("$key", key);
            command.Parameters.Add("$value", valueIfAbsent);
            return (string)(await command.ExecuteScalarAsync(ct))!;
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

    public void Dispose() => _database.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
