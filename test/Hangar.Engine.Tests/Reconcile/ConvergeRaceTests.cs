using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning;
using Hangar.Core.Storage;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>
/// Job events that land while a converge pass is running (issue 17, the decision bench's stall). A job that finished
/// during the pass must not be planned as demand once its runner no longer counts as supply; otherwise a spare runner
/// is made, counts as supply for the next job, and that job waits for a runner that never takes it.
/// </summary>
public sealed class ConvergeRaceTests
{
    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_JobCompletesWhileThePassRuns_NoSpareRunnerAndTheNextJobGetsItsCreate(bool liveView)
    {
        var ct = TestContext.Current.CancellationToken;
        InterleavingStore? hooks = null;
        await using var h = await EngineHarness.StartAsync(
            new EngineHarnessOptions { WrapStore = store => InterleavingStore.Wrap(store, out hooks), WithoutLiveView = !liveView },
            ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var first = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        first.State.ShouldBe(InstanceState.Booting);

        // The job's completion is stored just as the pass looks for the jobs its runners took: after it read whatever
        // else it reads, before it moves the runner on.
        hooks.ShouldNotBeNull().Before(
            nameof(IStore.ListJobsAsync),
            args => args[0] is JobQuery { RunnerNames: not null },
            () => h.CompleteJobAsync(1, first.Name, cancellationToken: ct));
        var racing = await h.ConvergeAsync(ct);

        racing.Creates.ShouldBeEmpty();
        racing.Destroys.ShouldContain(d => d.Instance == first.Name);
        h.Provider.Creates.ShouldHaveSingleItem();
        (await h.LiveInstancesAsync(ct)).ShouldBeEmpty();

        // The next job, with the loop idle (no timer moves): its one converge pass hands it to the provider.
        await h.QueueJobAsync(2, ct);
        var next = await h.ConvergeAsync(ct);

        next.Creates.ShouldBe([new PoolCreate(h.Pool.Name, 1)]);
        h.Provider.Creates.Count.ShouldBe(2);
    }
}
