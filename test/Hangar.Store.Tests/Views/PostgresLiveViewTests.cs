using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Store.Postgres;
using Hangar.Store.Tests.Postgres;
using Hangar.Store.Views;
using Hangar.Testing.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Store.Tests.Views;

/// <summary>
/// The live view over PostgreSQL, as two replicas on one database use it: replica A reads through its view (fed by its
/// own LISTEN connection), replica B writes through a store of its own. A's view shows B's writes once notified, and
/// never a row older than what B committed while A's feed was down.
/// </summary>
public sealed class PostgresLiveViewTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 5, 0, 0, TimeSpan.Zero);

    private readonly PostgresStoreBackend _backend = new();
    private readonly FakeTimeProvider _feedClock = new(T0);
    private readonly string _application = "view-a-" + Guid.NewGuid().ToString("N")[..8];
    private PostgresChangeFeed? _feed;
    private ViewedStore? _a;
    private PostgresStore? _b;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_feed is not null)
        {
            await _feed.StopAsync(CancellationToken.None);
            _feed.Dispose();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_AnotherReplicaWritesJobsAndInstances_ViewShowsEachOnceNotified()
    {
        var (view, changes) = await StartAsync();
        (await view.ReadAsync(Ct)).OpenJobs.ShouldBeEmpty();

        await _b!.RecordJobEventAsync(Queued(1), T0, Ct);
        await changes.WaitAsync(c => c.Jobs?.Contains(Key(1)) == true);
        (await view.ReadAsync(Ct)).OpenJobs.Single().Key.ShouldBe(Key(1));

        await _b.StorePlanAsync([new JobRouteWrite(Key(1), "linux", null)], [Intent("r1")], "wanted for job 1", T0.AddSeconds(1), Ct);
        await changes.WaitAsync(c => c.Jobs?.Contains(Key(1)) == true);
        await changes.WaitAsync(c => c.Instances?.Contains("r1") == true);
        var planned = await view.ReadAsync(Ct);
        planned.OpenJobs.Single().Pool.ShouldBe("linux");
        planned.Instances.Single().Name.ShouldBe("r1");

        await _b.TransitionAsync("r1", InstanceState.Provisioning, "create", T0.AddSeconds(2), cancellationToken: Ct);
        await changes.WaitAsync(c => c.Instances?.Contains("r1") == true);
        (await view.ReadAsync(Ct)).Instances.Single().State.ShouldBe(InstanceState.Provisioning);

        await _b.UpdateInstanceAsync("r1", new InstanceChanges { ProviderId = "container-1" }, Ct);
        await changes.WaitAsync(c => c.Instances?.Contains("r1") == true);
        (await view.ReadAsync(Ct)).Instances.Single().ProviderId.ShouldBe("container-1");

        await _b.RecordJobEventAsync(Queued(1) with { Status = JobStatus.Completed, Conclusion = "success" }, T0.AddSeconds(3), Ct);
        await changes.WaitAsync(c => c.Jobs?.Contains(Key(1)) == true);
        (await view.ReadAsync(Ct)).OpenJobs.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadAsync_FeedLostWhileAnotherReplicaWrites_ViewNeverServesTheStaleRows()
    {
        var (view, changes) = await StartAsync();
        await _b!.RecordJobEventAsync(Queued(1), T0, Ct);
        await _b.InsertInstanceAsync(Intent("r1"), "wanted", Ct);
        await changes.WaitAsync(c => c.Instances?.Contains("r1") == true);
        var before = await view.ReadAsync(Ct);
        before.OpenJobs.Count.ShouldBe(1);
        before.Instances.Count.ShouldBe(1);

        // The listener's connection dies; its retry waits on a clock that does not move, so it stays down.
        await PostgresTestServer.ExecuteAsync(PostgresTestServer.ConnectionString,
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{_application}' AND query LIKE 'LISTEN%';");
        await changes.WaitAsync(c => c.Kind == StoreChangeKind.Lost);
        await _b.RecordJobEventAsync(Queued(1) with { Status = JobStatus.Completed, Conclusion = "success" }, T0.AddSeconds(1), Ct);
        await _b.TransitionAsync("r1", InstanceState.Failed, "gave up", T0.AddSeconds(1), cancellationToken: Ct);
        await _b.RecordJobEventAsync(Queued(2), T0.AddSeconds(2), Ct);

        var during = await view.ReadAsync(Ct);
        during.OpenJobs.Select(j => j.Key).ShouldBe([Key(2)]);
        during.Instances.Single().State.ShouldBe(InstanceState.Failed);

        await changes.AdvanceUntilAsync(_feedClock, TimeSpan.FromSeconds(1), c => c.Kind == StoreChangeKind.Resync);
        await _b.InsertInstanceAsync(Intent("r2"), "wanted", Ct);
        await changes.WaitAsync(c => c.Instances?.Contains("r2") == true);
        (await view.ReadAsync(Ct)).Instances.Select(i => i.Name).ShouldBe(["r1", "r2"]);
    }

    [Fact]
    public async Task ReadAsync_FeedNotListeningYet_ViewReadsTheStoreEveryTime()
    {
        var replicaA = await _backend.OpenAsync();
        await replicaA.MigrateAsync(Ct);
        _b = await _backend.OpenAsync();
        _feed = new PostgresChangeFeed(replicaA, _feedClock, NullLogger<PostgresChangeFeed>.Instance);
        _a = new ViewedStore(replicaA, ownsInner: false, _feed);

        (await _a.View.ReadAsync(Ct)).OpenJobs.ShouldBeEmpty();
        await _b.RecordJobEventAsync(Queued(1), T0, Ct);

        (await _a.View.ReadAsync(Ct)).OpenJobs.Single().Key.ShouldBe(Key(1));
    }

    private async Task<(LiveView View, ChangeProbe Changes)> StartAsync()
    {
        var replicaA = await _backend.OpenAsync(c => c + ";Application Name=" + _application);
        await replicaA.MigrateAsync(Ct);
        _b = await _backend.OpenAsync();
        _feed = new PostgresChangeFeed(replicaA, _feedClock, NullLogger<PostgresChangeFeed>.Instance);
        _a = new ViewedStore(replicaA, ownsInner: false, _feed);

        // Subscribed after the view: a change this probe hears has reached the view already.
        var probe = new ChangeProbe(_feed);
        await _feed.StartAsync(Ct);
        await probe.WaitAsync(c => c.Kind == StoreChangeKind.Resync);
        return (_a.View, probe);
    }

    private static JobKey Key(long id) => new("github", id);

    private static JobEvent Queued(long id) => new()
    {
        Forge = "github", JobId = id, Status = JobStatus.Queued, Repository = "acme/app", Labels = ["linux"], DeliveryId = $"d-{id}-{Guid.NewGuid():N}",
    };

    private static Instance Intent(string name) => new()
    {
        Name = name, Pool = "linux", Provider = "docker", State = InstanceState.Pending, CreatedAt = T0, StateChangedAt = T0,
    };
}
