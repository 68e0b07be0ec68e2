using Hangar.Core.Access;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Operators;

namespace Hangar.Core.Storage;

/// <summary>
/// Hangar's durable state. Every method is atomic on its own. Implementations: SQLite (embedded default) and
/// PostgreSQL; both must pass the same contract suite.
/// </summary>
public interface IStore
{
    /// <summary>Creates or upgrades the schema. Safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records one job event in one transaction: drops it when its delivery id was seen before, otherwise
    /// creates the job or moves it forward (never back) and remembers the delivery id.
    /// </summary>
    Task<JobEventOutcome> RecordJobEventAsync(JobEvent jobEvent, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<Job?> GetJobAsync(JobKey key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Job>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken = default);

    /// <summary>Stores routing's decision for a job: a pool, or why none can serve it (exactly one is non-null).</summary>
    Task SetJobRouteAsync(JobKey key, string? pool, string? unroutableReason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// A converge pass's decisions in one transaction (one commit on the path from a queued job to its create): each
    /// route as <see cref="SetJobRouteAsync"/> stores it, then each pending intent as <see cref="InsertInstanceAsync"/>
    /// stores it, every intent with its own <see cref="Instance.LastReason"/> when set (a warm runner says which policy
    /// made it), else <paramref name="intentReason"/>. All or nothing: a job not stored
    /// (<see cref="KeyNotFoundException"/>), a bad route or intent (<see cref="ArgumentException"/>) or a taken name
    /// (<see cref="DuplicateInstanceException"/>) stores none of them.
    /// </summary>
    Task StorePlanAsync(IReadOnlyList<JobRouteWrite> routes, IReadOnlyList<Instance> intents, string intentReason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a job as killed by Hangar: its runner was destroyed while running it (the pool's hard cap). Sets when and
    /// why; the first mark stays. The job's status is left to the forge's events.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such job.</exception>
    Task MarkJobKilledAsync(JobKey key, string reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Stores a new instance in <see cref="InstanceState.Pending"/>: the durable intent that precedes any side effect.</summary>
    /// <exception cref="DuplicateInstanceException">An instance with that name exists.</exception>
    Task InsertInstanceAsync(Instance instance, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves an instance to <paramref name="to"/> if the lifecycle table allows it from its current stored state,
    /// sets <paramref name="changes"/>, and appends the move to its history, all in one transaction.
    /// </summary>
    /// <exception cref="IllegalTransitionException">The stored state cannot move to <paramref name="to"/>.</exception>
    /// <exception cref="KeyNotFoundException">No such instance.</exception>
    Task<Instance> TransitionAsync(string name, InstanceState to, string reason, DateTimeOffset now, InstanceChanges? changes = null, CancellationToken cancellationToken = default);

    /// <summary>Sets fields without a state change (e.g. an error seen while retrying).</summary>
    Task<Instance> UpdateInstanceAsync(string name, InstanceChanges changes, CancellationToken cancellationToken = default);

    Task<Instance?> GetInstanceAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Instance>> ListInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> transitions of an instance, newest first.</summary>
    Task<IReadOnlyList<InstanceTransition>> GetHistoryAsync(string name, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>A page of an instance's history, newest first, each move with its sequence (where the next page starts).</summary>
    Task<IReadOnlyList<HistoryEntry>> ListHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Each named pool's queued jobs and instances by state, counted without loading them; one tally per name.</summary>
    Task<IReadOnlyList<PoolTally>> TallyPoolsAsync(IReadOnlyCollection<string> pools, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes once the database answers a read, and throws when it cannot within a short time of its own. Never waits
    /// for writes: readiness must not queue behind a long or blocked write.
    /// </summary>
    Task ProbeAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets delivery ids older than <paramref name="olderThan"/>. Returns how many were removed.</summary>
    Task<int> PruneDeliveriesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);

    /// <summary>
    /// Open jobs (waiting, queued, in progress) neither changed nor looked up at the forge (<see cref="RecordJobChecksAsync"/>)
    /// after <paramref name="quietSince"/>, the longest quiet first; at most <paramref name="limit"/>. Each look-up moves a
    /// job to the back, so however many jobs stay open, every one comes round.
    /// </summary>
    Task<IReadOnlyList<Job>> ListJobsToCheckAsync(DateTimeOffset quietSince, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records look-ups of jobs at their forge in one transaction, each by <see cref="JobCheckRule"/>: when it was looked
    /// up and how many times in a row the forge did not know it, closing a job it did not know
    /// <paramref name="closeAfterMisses"/> times. Jobs no longer stored are skipped. Returns the jobs these look-ups closed.
    /// </summary>
    Task<IReadOnlyList<Job>> RecordJobChecksAsync(IReadOnlyList<JobCheck> checks, int closeAfterMisses, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Each repository with a job changed at or after <paramref name="updatedSince"/>, once per forge and
    /// repository as stored, however many jobs it has.</summary>
    Task<IReadOnlyList<JobRepository>> ListJobRepositoriesAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default);

    /// <summary>Deletes at most <paramref name="batchSize"/> completed jobs last changed before <paramref name="olderThan"/>,
    /// in one short write. Returns how many; fewer than <paramref name="batchSize"/> means none is left.</summary>
    Task<int> PruneJobsAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>Deletes at most <paramref name="batchSize"/> instances that were deleted before <paramref name="olderThan"/>,
    /// with their history, in one short write. Returns how many; fewer than <paramref name="batchSize"/> means none is left.</summary>
    Task<int> PruneInstancesAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>A value stored once and read thereafter (e.g. the controller id); the first writer wins.</summary>
    Task<string> GetOrAddSettingAsync(string key, string valueIfAbsent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the token of an instance, replacing the one it had. Refused for an instance that is being deleted or is
    /// gone: its token must never work again.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such instance, or it is deleting or deleted.</exception>
    Task SetInstanceTokenAsync(InstanceTokenRecord token, CancellationToken cancellationToken = default);

    /// <summary>The stored token of an instance, or null when it has none (never issued, revoked, or the instance is gone).
    /// A move to deleting or deleted revokes it in the same transaction.</summary>
    Task<InstanceTokenRecord?> GetInstanceTokenAsync(string instance, CancellationToken cancellationToken = default);

    /// <summary>Forgets the instance's token; a no-op when it has none.</summary>
    Task RevokeInstanceTokenAsync(string instance, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a line to an instance's history without moving it (from and to are its current state): progress the
    /// instance reports about itself, e.g. "installing: downloading the runner".
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such instance.</exception>
    Task AppendInstanceNoteAsync(string name, string note, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends lines to an instance's boot log (what its runner printed, streamed by its agent), numbering them on from
    /// the last, and keeps only the newest <paramref name="keep"/>. Lines for an instance that is gone are dropped.
    /// </summary>
    Task AppendBootLogAsync(string instance, IReadOnlyList<BootLogLine> lines, int keep, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> lines of an instance's boot log numbered after <paramref name="afterSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<BootLogLine>> ListBootLogAsync(string instance, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Each named pool's open jobs (waiting, queued or in progress) routed to it, counted without loading them; a pool
    /// with none is absent. The planner API's pressure is built on it.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> CountOpenJobsByPoolAsync(IReadOnlyCollection<string> pools, CancellationToken cancellationToken = default);

    /// <summary>Stores an API token made through the API.</summary>
    /// <exception cref="DuplicateApiTokenException">A token with that id exists.</exception>
    Task InsertApiTokenAsync(ApiToken token, CancellationToken cancellationToken = default);

    Task<ApiToken?> GetApiTokenAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiToken>> ListApiTokensAsync(ApiTokenQuery query, CancellationToken cancellationToken = default);

    /// <summary>Revokes a token; revoking it again keeps the first time. Returns false when there is no such token.</summary>
    Task<bool> RevokeApiTokenAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records that a token was accepted at <paramref name="usedAt"/>; an earlier time never replaces a later one.</summary>
    Task TouchApiTokenAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken = default);

    /// <summary>A scale-set listener's cursor for a forge's pool, or null before its first message.</summary>
    Task<ScaleSetCursor?> GetScaleSetCursorAsync(string forge, string pool, CancellationToken cancellationToken = default);

    /// <summary>Every stored scale-set cursor (the planner reads each pool's assigned jobs from them).</summary>
    Task<IReadOnlyList<ScaleSetCursor>> ListScaleSetCursorsAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a cursor, replacing the pool's previous one. A cursor never moves back: a smaller
    /// <see cref="ScaleSetCursor.LastMessageId"/> for the same scale set is ignored (a late write of a replaced owner).</summary>
    Task SaveScaleSetCursorAsync(ScaleSetCursor cursor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an operator's request to remove a runner (<see cref="RunnerRemoval"/>), with a line in its history
    /// (<see cref="RunnerRemoval.Note"/>) and an operator action, in one transaction. Asking again keeps the first
    /// request's time and may only add force, never take it back. Returns the instance as stored.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such instance, or it is deleted.</exception>
    Task<Instance> RequestRunnerRemovalAsync(RunnerRemoval removal, CancellationToken cancellationToken = default);

    /// <summary>The removal requests of instances not yet deleted (the planner acts on them).</summary>
    Task<IReadOnlyList<RunnerRemoval>> ListRunnerRemovalsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies an operator's change to a pool's overrides (<see cref="PoolOverride.Merge"/>, inside the transaction) and
    /// records it as an operator action. Returns the pool's overrides after it; null when none is left.
    /// </summary>
    Task<PoolOverride?> ChangePoolOverrideAsync(PoolOverrideChange change, CancellationToken cancellationToken = default);

    /// <summary>Every pool's overrides, by pool name (also of pools no longer configured: they apply again if it returns).</summary>
    Task<IReadOnlyList<PoolOverride>> ListPoolOverridesAsync(CancellationToken cancellationToken = default);

    /// <summary>Records an operator's write that changed nothing stored by itself (e.g. a job re-checked at its forge).</summary>
    Task RecordOperatorActionAsync(OperatorAction action, CancellationToken cancellationToken = default);

    /// <summary>A page of operator actions, newest first.</summary>
    Task<IReadOnlyList<OperatorAction>> ListOperatorActionsAsync(OperatorActionQuery query, CancellationToken cancellationToken = default);
}
