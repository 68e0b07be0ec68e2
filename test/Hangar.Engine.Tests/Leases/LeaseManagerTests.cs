using System.Diagnostics.Metrics;
using Hangar.Core.Instances;
using Hangar.Core.Leases;
using Hangar.Core.Storage;
using Hangar.Engine.Leases;
using Hangar.Store.Sqlite;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Engine.Tests.Leases;

/// <summary>
/// Two replicas' lease managers on one real store (SQLite, which keeps PostgreSQL's lease rules; the contract suite runs
/// them on both), on one fake clock: who acts, when the other takes over, and that the loser stops before the winner starts.
/// </summary>
public sealed class LeaseManagerTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly LeaseOptions Options = new() { Duration = TimeSpan.FromSeconds(10) };

    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-leases-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<LeaseManager> _managers = [];
    private SqliteStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_directory, "hangar.db") });
        await _store.MigrateAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var manager in _managers)
        {
            await manager.StopAsync(CancellationToken.None);
            manager.Dispose();
        }

        await _store.DisposeAsync();
        await _meters.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Start_TakesItsPoolsLeases_AndHandsOutFencedWork()
    {
        var a = await StartAsync("a", _store, Pool("linux"), Pool("mac"));

        var work = await a.AcquireAsync(LeaseNames.Pool("linux"), Ct).WaitAsync(Wait, Ct);

        work.Epoch.ShouldBe(1);
        work.Fence.ShouldBe(new LeaseFence("pool:linux", a.Holder, 1) { Lost = work.Lost });
        (await WorkLeasesAsync()).Select(l => (l.Name, l.Holder)).ShouldBe([("pool:linux", a.Holder), ("pool:mac", a.Holder)]);
    }

    [Fact]
    public async Task SecondReplica_WhileTheFirstRenews_NeverGetsTheLease()
    {
        var a = await StartAsync("a", _store, Pool("linux"));
        var held = await a.AcquireAsync(LeaseNames.Pool("linux"), Ct).WaitAsync(Wait, Ct);
        var b = await StartAsync("b", _store, Pool("linux"));
        var wanted = b.AcquireAsync(LeaseNames.Pool("linux"), Ct);

        // Three lease durations in steps shorter than the renewal interval.
        for (var step = 0; step < 30; step++)
        {
            await StepAsync(TimeSpan.FromSeconds(1));
        }

        wanted.IsCompleted.ShouldBeFalse();
        held.IsLost.ShouldBeFalse();
        a.TryGet(LeaseNames.Pool("linux")).ShouldBeSameAs(held);
    }

    [Fact]
    public async Task OwnerCutOff_StopsActingBeforeTheOtherTakesOver()
    {
        var cutOff = new BreakableLeaseStore(_store);
        var a = await StartAsync("a", cutOff, Pool("linux"));
        var stale = await a.AcquireAsync(LeaseNames.Pool("linux"), Ct).WaitAsync(Wait, Ct);
        var b = await StartAsync("b", _store, Pool("linux"));
        var takeOver = b.AcquireAsync(LeaseNames.Pool("linux"), Ct);
        DateTimeOffset? lostAt = null;
        stale.Lost.Register(() => lostAt = _clock.GetUtcNow());

        cutOff.Broken = true;
        await AdvanceUntilAsync(takeOver);

        var taken = await takeOver;
        lostAt.ShouldNotBeNull();
        var takenAt = (await WorkLeasesAsync()).Single().AcquiredAt;
        lostAt.Value.ShouldBeLessThan(takenAt);
        taken.Epoch.ShouldBe(2);
        a.TryGet(LeaseNames.Pool("linux")).ShouldBeNull();

        // The fence is what makes the overlap harmless even for a replica that does not know it lost (a paused one).
        using (StoreFence.Enter(stale.Fence))
        {
            await Should.ThrowAsync<StaleLeaseException>(() => _store.InsertInstanceAsync(Instance("hgr-linux-1"), "wanted", Ct));
        }

        using (taken.Enter())
        {
            await _store.InsertInstanceAsync(Instance("hgr-linux-2"), "wanted", Ct);
        }
    }

    [Fact]
    public async Task TakeOver_WithinOneLeaseDurationOfTheLastRenewal()
    {
        var cutOff = new BreakableLeaseStore(_store);
        var a = await StartAsync("a", cutOff, Pool("linux"));
        await a.AcquireAsync(LeaseNames.Pool("linux"), Ct).WaitAsync(Wait, Ct);
        var b = await StartAsync("b", _store, Pool("linux"));
        var takeOver = b.AcquireAsync(LeaseNames.Pool("linux"), Ct);

        cutOff.Broken = true;
        var lastRenewal = (await WorkLeasesAsync()).Single().ExpiresAt - Options.Duration;
        await AdvanceUntilAsync(takeOver);

        var lease = (await WorkLeasesAsync()).Single();
        lease.Holder.ShouldBe(b.Holder);
        (lease.AcquiredAt - lastRenewal).ShouldBeLessThanOrEqualTo(Options.Duration + TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Shutdown_ReleasesItsLeases_SoTheOtherTakesOverWithoutWaitingForExpiry()
    {
        var a = await StartAsync("a", _store, Pool("linux"));
        var held = await a.AcquireAsync(LeaseNames.Pool("linux"), Ct).WaitAsync(Wait, Ct);
        var b = await StartAsync("b", _store, Pool("linux"));
        var takeOver = b.AcquireAsync(LeaseNames.Pool("linux"), Ct);

        var wouldHaveExpiredAt = (await WorkLeasesAsync()).Single().ExpiresAt;
        await a.StopAsync(Ct).WaitAsync(Wait, Ct);
        held.IsLost.ShouldBeTrue();
        await AdvanceUntilAsync(takeOver);

        (await takeOver).Epoch.ShouldBe(2);
        (await WorkLeasesAsync()).Single().AcquiredAt.ShouldBeLessThan(wouldHaveExpiredAt);
    }

    [Fact]
    public async Task PoolPinnedToAnotherReplica_IsNeverSought()
    {
        var a = await StartAsync("a", _store, Pool("linux") with { Replica = "b" }, Pool("mac"));
        await a.AcquireAsync(LeaseNames.Pool("mac"), Ct).WaitAsync(Wait, Ct);

        a.TryGet(LeaseNames.Pool("linux")).ShouldBeNull();
        await StepAsync(Options.Duration);

        (await WorkLeasesAsync()).Select(l => l.Name).ShouldBe(["pool:mac"]);
    }

    [Fact]
    public async Task Acquired_RunsUnderTheNewFence_BeforeTheWorkIsHandedOut()
    {
        var a = Create("a", _store, Pool("linux"));
        var release = new TaskCompletionSource();
        LeaseFence? fenceSeen = null;
        a.Acquired += async (work, ct) =>
        {
            // The replica's own presence lease is acquired too, and may come first.
            if (work.Lease != LeaseNames.Pool("linux"))
            {
                return;
            }

            fenceSeen = StoreFence.Current;
            await release.Task.WaitAsync(ct);
        };
        await a.StartAsync(Ct);
        var wanted = a.AcquireAsync(LeaseNames.Pool("linux"), Ct);
        await Poll.UntilAsync(() => fenceSeen is not null, Wait, "the take-over handler", Ct);

        wanted.IsCompleted.ShouldBeFalse();
        a.TryGet(LeaseNames.Pool("linux")).ShouldBeNull();
        release.SetResult();

        var work = await wanted.WaitAsync(Wait, Ct);
        fenceSeen.ShouldBe(work.Fence);
    }

    [Fact]
    public async Task AnyLease_AskedFor_IsSoughtFromThen()
    {
        var a = await StartAsync("a", _store);

        var work = await a.AcquireAsync(LeaseNames.Source("scaleset:acme"), Ct).WaitAsync(Wait, Ct);

        work.Lease.ShouldBe("source:scaleset:acme");
        (await WorkLeasesAsync()).Single().Holder.ShouldBe(a.Holder);
    }

    [Fact]
    public async Task TwoReplicasFourPools_SpreadTwoEach_AndKillingOneMovesItsPoolsToTheOther()
    {
        var cutOff = new BreakableLeaseStore(_store);
        Core.Pools.PoolSpec[] pools = [Pool("p1"), Pool("p2"), Pool("p3"), Pool("p4")];
        var a = await StartAsync("a", _store, pools);
        await a.AcquireAsync(LeaseNames.Pool("p4"), Ct).WaitAsync(Wait, Ct);
        (await OwnersAsync()).ShouldBe([a.Holder, a.Holder, a.Holder, a.Holder]);

        var b = await StartAsync("b", cutOff, pools);
        await AdvanceUntilAsync(async () => (await OwnersAsync()).Count(o => o == b.Holder) == 2);

        (await OwnersAsync()).Count(o => o == a.Holder).ShouldBe(2);
        var owners = await OwnersAsync();
        for (var step = 0; step < 40; step++)
        {
            await StepAsync(TimeSpan.FromSeconds(1));
        }

        (await OwnersAsync()).ShouldBe(owners, "spread pools stay where they are");

        cutOff.Broken = true;
        await AdvanceUntilAsync(async () => (await OwnersAsync()).All(o => o == a.Holder));
    }

    [Fact]
    public async Task ReplicaPresence_HeldByEveryRunningReplica()
    {
        var a = await StartAsync("a", _store);
        var b = await StartAsync("b", _store);

        await AdvanceUntilAsync(async () => (await _store.ListLeasesAsync(Ct)).Count(l => LeaseNames.IsReplica(l.Name)) == 2);

        (await _store.ListLeasesAsync(Ct)).Where(l => LeaseNames.IsReplica(l.Name)).Select(l => (l.Name, l.Holder))
            .ShouldBe([("replica:a", a.Holder), ("replica:b", b.Holder)], ignoreOrder: true);
    }

    /// <summary>Each pool's holder while its lease runs, in pool order ("" when free).</summary>
    private async Task<IReadOnlyList<string>> OwnersAsync() =>
        [.. (await WorkLeasesAsync()).Where(l => l.Name.StartsWith("pool:", StringComparison.Ordinal)).OrderBy(l => l.Name, StringComparer.Ordinal)
            .Select(l => l.ExpiresAt > _clock.GetUtcNow() ? l.Holder : "")];

    /// <summary>Every lease but the replicas' presence.</summary>
    private async Task<IReadOnlyList<Lease>> WorkLeasesAsync() => [.. (await _store.ListLeasesAsync(Ct)).Where(l => !LeaseNames.IsReplica(l.Name))];

    private static PoolSpecBuilder PoolBuilder(string name) => new(name);

    private static Core.Pools.PoolSpec Pool(string name) => PoolBuilder(name).Build();

    private static Instance Instance(string name) => new()
    {
        Name = name,
        Pool = "linux",
        Provider = "docker",
        State = InstanceState.Pending,
        CreatedAt = new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero),
        StateChangedAt = new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero),
    };

    private LeaseManager Create(string replica, ILeaseStore store, params Core.Pools.PoolSpec[] pools)
    {
        var manager = new LeaseManager(
            store,
            Options with { Replica = replica },
            new PoolCatalog(new EngineOptions { Pools = pools }),
            new LeaseMetrics(_meters.GetRequiredService<IMeterFactory>()),
            _clock,
            NullLogger<LeaseManager>.Instance);
        _managers.Add(manager);
        return manager;
    }

    private async Task<LeaseManager> StartAsync(string replica, ILeaseStore store, params Core.Pools.PoolSpec[] pools)
    {
        var manager = Create(replica, store, pools);
        await manager.StartAsync(Ct);
        return manager;
    }

    /// <summary>Moves the clock and lets the managers' rounds run (each a real store round trip).</summary>
    private async Task StepAsync(TimeSpan by)
    {
        _clock.Advance(by);
        await Task.Delay(20, Ct);
    }

    /// <summary>Moves the clock in steps shorter than a renewal until <paramref name="condition"/> holds (at most two minutes of fake time).</summary>
    private async Task AdvanceUntilAsync(Func<Task<bool>> condition)
    {
        for (var step = 0; step < 480; step++)
        {
            if (await condition())
            {
                return;
            }

            _clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(20, Ct);
        }

        (await condition()).ShouldBeTrue("not reached within two minutes of fake time");
    }

    /// <summary>Moves the clock in steps shorter than a renewal until <paramref name="done"/> (at most a minute of fake time).</summary>
    private async Task AdvanceUntilAsync(Task done)
    {
        for (var step = 0; step < 240 && !done.IsCompleted; step++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(done, Task.Delay(20, Ct));
        }

        await done.WaitAsync(Wait, Ct);
    }
}
