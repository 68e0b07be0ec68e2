using Hangar.Core.Demand;
using Hangar.Core.Instances;
using Hangar.Engine.Intake;
using Hangar.Engine.Reconcile;
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

        hosted.ShouldBe([typeof(StartupRecovery), typeof(ConvergeLoop), typeof(ObserveLoop)]);
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
