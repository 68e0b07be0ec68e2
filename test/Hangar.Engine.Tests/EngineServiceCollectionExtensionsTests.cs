using Hangar.Core.Demand;
using Hangar.Core.Instances;
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

        var hosted = h.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToArray();

        // The store's migration step comes with the store the harness composes, as in the host.
        hosted.ShouldBe(
        [
            typeof(StoreMigration), typeof(StartupRecovery), typeof(ConvergeLoop), typeof(ReaperLoop), typeof(RunnerStatusLoop), typeof(StoreGhostsLoop),
            typeof(ProviderOrphansLoop), typeof(ForgeOrphansLoop), typeof(StaleJobsLoop), typeof(CreateRetryLoop),
        ]);
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
                    Loops = new() { ReaperInterval = TimeSpan.FromSeconds(7), StaleJobsInterval = TimeSpan.FromSeconds(11) },
                },
            },
            ct);

        var loops = h.Services.GetServices<LoopBase>().ToDictionary(l => l.Name);

        loops.Keys.ShouldBe(["converge", "reaper", "runner-status", "store-ghosts", "provider-orphans", "forge-orphans", "stale-jobs", "create-retry"], ignoreOrder: true);
        ((TimedLoop)loops["runner-status"]).Interval.ShouldBe(TimeSpan.FromSeconds(3));
        ((TimedLoop)loops["reaper"]).Interval.ShouldBe(TimeSpan.FromSeconds(7));
        ((TimedLoop)loops["stale-jobs"]).Interval.ShouldBe(TimeSpan.FromSeconds(11));
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
