using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Operators;
using Hangar.Core.Storage;
using Hangar.Store.Postgres;
using Hangar.Store.Sqlite;
using Hangar.Store.Tests.Postgres;
using Hangar.Store.Views;
using Hangar.Testing.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Store.Tests.Views;

/// <summary>
/// <see cref="IOperatorRequestChanges"/> (issue 17 item 3): its version holds still while nothing touches the operators'
/// requests, moves after each of their writes through this store, after another replica's heard on PostgreSQL's feed,
/// and at every read while the feed is not listening.
/// </summary>
public sealed class OperatorRequestChangesTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-operator-changes-").FullName;
    private readonly PostgresStoreBackend _backend = new();
    private readonly FakeTimeProvider _feedClock = new(T0);
    private readonly string _application = "operators-a-" + Guid.NewGuid().ToString("N")[..8];
    private PostgresChangeFeed? _feed;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_feed is not null)
        {
            await _feed.StopAsync(CancellationToken.None);
            _feed.Dispose();
        }

        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Version_SqliteStore_MovesOnlyWithTheOperatorsWrites()
    {
        await using var store = new ViewedStore(new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_directory, "hangar.db") }));
        await store.MigrateAsync(Ct);
        var changes = store.OperatorChanges;
        var start = changes.Version;
        changes.Version.ShouldBe(start);

        await store.RecordJobEventAsync(Queued(1), T0, Ct);
        await store.InsertInstanceAsync(Intent("r1"), "wanted", Ct);
        changes.Version.ShouldBe(start, "jobs and instances are not the operators' requests");

        await store.ChangePoolOverrideAsync(Disable("linux"), Ct);
        var afterOverride = changes.Version;
        afterOverride.ShouldNotBe(start);
        changes.Version.ShouldBe(afterOverride);

        await store.RequestRunnerRemovalAsync(Removal("r1"), Ct);
        changes.Version.ShouldNotBe(afterOverride);
    }

    [Fact]
    public async Task Version_AnotherReplicaWritesOnPostgres_MovesOnceNotified()
    {
        var (a, b, heard) = await StartReplicasAsync();
        await b.InsertInstanceAsync(Intent("r1"), "wanted", Ct);
        var start = a.OperatorChanges.Version;

        await b.ChangePoolOverrideAsync(Disable("linux"), Ct);
        await heard.WaitAsync(c => c.Kind == StoreChangeKind.Operators);
        var afterOverride = a.OperatorChanges.Version;
        afterOverride.ShouldNotBe(start);
        a.OperatorChanges.Version.ShouldBe(afterOverride);

        await b.RequestRunnerRemovalAsync(Removal("r1"), Ct);
        await heard.WaitAsync(c => c.Kind == StoreChangeKind.Operators);
        a.OperatorChanges.Version.ShouldNotBe(afterOverride);
    }

    [Fact]
    public async Task Version_PostgresFeedLost_MovesAtEveryReadUntilItListensAgain()
    {
        var (a, _, heard) = await StartReplicasAsync();
        var listening = a.OperatorChanges.Version;
        a.OperatorChanges.Version.ShouldBe(listening);

        // The listener's connection dies; its retry waits on a clock that does not move, so it stays down.
        await PostgresTestServer.ExecuteAsync(PostgresTestServer.ConnectionString,
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{_application}' AND query LIKE 'LISTEN%';");
        await heard.WaitAsync(c => c.Kind == StoreChangeKind.Lost);
        var lost = a.OperatorChanges.Version;
        a.OperatorChanges.Version.ShouldNotBe(lost);

        await heard.AdvanceUntilAsync(_feedClock, TimeSpan.FromSeconds(1), c => c.Kind == StoreChangeKind.Resync);
        var again = a.OperatorChanges.Version;
        a.OperatorChanges.Version.ShouldBe(again);
    }

    private async Task<(ViewedStore A, PostgresStore B, ChangeProbe Heard)> StartReplicasAsync()
    {
        var replicaA = await _backend.OpenAsync(c => c + ";Application Name=" + _application);
        await replicaA.MigrateAsync(Ct);
        var b = await _backend.OpenAsync();
        _feed = new PostgresChangeFeed(replicaA, _feedClock, NullLogger<PostgresChangeFeed>.Instance);
        var a = new ViewedStore(replicaA, ownsInner: false, _feed);

        // Before the feed listens, nothing vouches for other replicas' writes: every read moves the version.
        var before = a.OperatorChanges.Version;
        a.OperatorChanges.Version.ShouldNotBe(before);

        // Subscribed after the store: a change this probe hears has reached the store's tracker already.
        var probe = new ChangeProbe(_feed);
        await _feed.StartAsync(Ct);
        await probe.WaitAsync(c => c.Kind == StoreChangeKind.Resync);
        return (a, b, probe);
    }

    private static JobEvent Queued(long id) => new()
    {
        Forge = "github", JobId = id, Status = JobStatus.Queued, Repository = "acme/app", Labels = ["linux"], DeliveryId = $"d-{id}-{Guid.NewGuid():N}",
    };

    private static Instance Intent(string name) => new()
    {
        Name = name, Pool = "linux", Provider = "docker", State = InstanceState.Pending, CreatedAt = T0, StateChangedAt = T0,
    };

    private static PoolOverrideChange Disable(string pool) => new()
    {
        Pool = pool, Enabled = false, Actor = "test", At = T0, Action = "pool.disable", Detail = "disabled by test",
    };

    private static RunnerRemoval Removal(string instance) => new() { Instance = instance, Force = false, RequestedBy = "test", RequestedAt = T0 };
}
