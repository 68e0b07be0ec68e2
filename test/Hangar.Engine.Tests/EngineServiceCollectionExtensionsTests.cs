using Hangar.Engine.Leases;
using Hangar.Core.Demand;
using Hangar.Core.Instances;
using Hangar.Engine.Demand;
using Hangar.Engine.Intake;
using Hangar.Engine.Reconcile;
using Hangar.Store;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hangar.Engine.Tests;

public sealed class EngineServiceCollectionExtensionsTests
{

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task AddHangarEngine_HostedServices_StartupRecoveryComesBeforeTheLoops()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);

        var hosted = h.Services.GetServices<IHostedService>().ToArray();

        // The store's migration step comes with the store the harness composes, as in the host.
        // Ownership comes before the loops, so with leases it stops after them and releases what it held.
        hosted[0].ShouldBeOfType<StoreMigration>();
        hosted[1].ShouldBeOfType<SingleReplicaOwnership>();
        hosted[2].ShouldBeOfType<StartupRecovery>();
        hosted[3].ShouldBeOfType<PoolTakeoverRecovery>();
        hosted[4].ShouldBeOfType<StoreChangeWakeUp>();
        hosted.Skip(5).SkipLast(1).Select(s => s.ShouldBeOfType<ReconcileLoop>().Name).ShouldBe(
        [
            "converge", "reaper", "runner-status", "store-ghosts", "provider-orphans", "forge-orphans", "stale-jobs", "create-retry",
            "delivery-prune", "retention", "runner-groups",
        ]);
        hosted[^1].ShouldBeOfType<DemandSourceHost>();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task AddHangarEngine_Loops_OneHostedLoopPerPass()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);

        var hosted = h.Services.GetServices<IHostedService>().OfType<ReconcileLoop>().ToArray();
        var loops = h.Services.GetRequiredService<ReconcileLoops>();

        hosted.Distinct().Count().ShouldBe(hosted.Length);
        hosted.ShouldBe(loops.All);
        hosted.Select(l => l.Pass).Distinct().Count().ShouldBe(hosted.Length);
        loops[LoopNames.Converge].Pass.ShouldBeSameAs(h.Services.GetRequiredService<ConvergePass>());
        loops[LoopNames.Reaper].Pass.ShouldBeSameAs(h.ReaperPass);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task AddHangarEngine_Loops_EachNamedWithItsConfiguredInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(
            new EngineHarnessOptions
            {
                Configure = o => o with
                {
                    ObserveInterval = TimeSpan.FromSeconds(3),
                    Loops = new()
                    {
                        ReaperInterval = TimeSpan.FromSeconds(7),
                        StaleJobsInterval = TimeSpan.FromSeconds(11),
                        RetentionInterval = TimeSpan.FromMinutes(13),
                        RunnerGroupsInterval = TimeSpan.FromMinutes(17),
                    },
                },
            },
            ct);

        var loops = h.Services.GetRequiredService<ReconcileLoops>();

        loops.Names.ShouldBe(
            ["converge", "reaper", "runner-status", "store-ghosts", "provider-orphans", "forge-orphans", "stale-jobs", "create-retry", "delivery-prune", "retention", "runner-groups"],
            ignoreOrder: true);
        loops["converge"].Interval.ShouldBe(h.EngineOptions.ConvergeInterval);
        loops["runner-status"].Interval.ShouldBe(TimeSpan.FromSeconds(3));
        loops["reaper"].Interval.ShouldBe(TimeSpan.FromSeconds(7));
        loops["stale-jobs"].Interval.ShouldBe(TimeSpan.FromSeconds(11));
        loops["retention"].Interval.ShouldBe(TimeSpan.FromMinutes(13));
        loops["runner-groups"].Interval.ShouldBe(TimeSpan.FromMinutes(17));
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task AddHangarEngine_ServicesRegisteredFirst_AreKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);

        h.Services.GetRequiredService<TimeProvider>().ShouldBeSameAs(h.Clock);
        h.Services.GetRequiredService<IJobEventSink>().ShouldBeSameAs(h.Services.GetRequiredService<JobIntake>());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task HostedServices_JobSubmitted_ConvergeLoopCreatesRunnerWithoutWaitingForTheInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.StartHostedServicesAsync(ct);

        // The fake clock never moves, so only intake's nudge can make the loop run again after its first pass.
        await h.QueueJobAsync(1, ct);
        await h.Provider.WaitForCreateCallsAsync(1, ct).WaitAsync(h.Timeout, ct);
        await h.WhenIdleAsync(ct);

        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().State.ShouldBe(InstanceState.Booting);
    }
}
