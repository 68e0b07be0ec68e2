using Hangar.Core.Leases;
using Hangar.Core.Storage;
using Hangar.Engine.Leases;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Engine.Tests.Leases;

/// <summary>
/// With several replicas, converge plans every pool but acts only on the pools this replica owns, each under its pool's
/// fence; routes are written only by the routing lease's holder; and a replica whose lease was taken stores no intent
/// and so calls no provider.
/// </summary>
public sealed class PoolOwnershipTests
{
    private const string Me = "me/0001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EngineHarnessOptions TwoPools(FixedOwnership ownership) => new()
    {
        Pools = [new PoolSpecBuilder("linux").WithLabels("linux").Build(), new PoolSpecBuilder("mac").WithLabels("mac").Build()],
        ConfigureServices = services => services.AddSingleton<ILeaseOwnership>(ownership),

        // Several replicas run on PostgreSQL, where the live view is not composed: the lease store is the store itself.
        WithoutLiveView = true,
    };

    private static async Task<IReadOnlyDictionary<string, long>> TakeAsync(EngineHarness h, string holder, params string[] leases) =>
        (await ((ILeaseStore)h.Store).AcquireAsync(leases, holder, TimeSpan.FromHours(1), h.Time.GetUtcNow(), Ct)).ToDictionary(l => l.Name, l => l.Epoch);

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_OwnsOneOfTwoPools_CreatesOnlyForItsPoolAndRoutesBoth()
    {
        var ct = TestContext.Current.CancellationToken;
        var held = new Dictionary<string, long>();
        await using var h = await EngineHarness.StartAsync(TwoPools(new FixedOwnership(Me, held)), ct);
        foreach (var (name, epoch) in await TakeAsync(h, Me, LeaseNames.Pool("linux"), LeaseNames.Routing))
        {
            held[name] = epoch;
        }

        await TakeAsync(h, "other/0002", LeaseNames.Pool("mac"));
        await h.SubmitAsync(h.JobEvent(1, labels: ["self-hosted", "linux"]), ct);
        await h.SubmitAsync(h.JobEvent(2, labels: ["self-hosted", "mac"]), ct);

        await h.ConvergeAsync(ct);

        (await h.Store.ListInstancesAsync(InstanceQuery.Live, ct)).ShouldHaveSingleItem().Pool.ShouldBe("linux");
        h.Provider.Creates.ShouldHaveSingleItem().ShouldStartWith("hgr-linux-");
        (await h.Store.GetJobAsync(new Core.Jobs.JobKey(h.Pool.Forge, 2), ct)).ShouldNotBeNull().Pool.ShouldBe("mac");
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_WithoutTheRoutingLease_WritesNoRoute()
    {
        var ct = TestContext.Current.CancellationToken;
        var held = new Dictionary<string, long>();
        await using var h = await EngineHarness.StartAsync(TwoPools(new FixedOwnership(Me, held)), ct);
        foreach (var (name, epoch) in await TakeAsync(h, Me, LeaseNames.Pool("linux")))
        {
            held[name] = epoch;
        }

        await h.SubmitAsync(h.JobEvent(1, labels: ["self-hosted", "linux"]), ct);

        await h.ConvergeAsync(ct);

        (await h.Store.GetJobAsync(new Core.Jobs.JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Pool.ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_PoolLeaseTakenByAnotherReplica_StoresNoIntentAndCallsNoProvider()
    {
        var ct = TestContext.Current.CancellationToken;
        var held = new Dictionary<string, long>();
        await using var h = await EngineHarness.StartAsync(TwoPools(new FixedOwnership(Me, held)), ct);
        foreach (var (name, epoch) in await TakeAsync(h, Me, LeaseNames.Pool("linux"), LeaseNames.Routing))
        {
            held[name] = epoch;
        }

        // The lease moves on while this replica still believes it holds it (it was paused): a release and a take-over.
        await ((ILeaseStore)h.Store).ReleaseAsync([LeaseNames.Pool("linux")], Me, h.Time.GetUtcNow(), ct);
        await TakeAsync(h, "other/0002", LeaseNames.Pool("linux"));
        await h.SubmitAsync(h.JobEvent(1, labels: ["self-hosted", "linux"]), ct);

        await Should.ThrowAsync<StaleLeaseException>(() => h.ConvergeAsync(ct));

        (await h.Store.ListInstancesAsync(InstanceQuery.Live, ct)).ShouldBeEmpty();
        h.Provider.Creates.ShouldBeEmpty();
    }
}
