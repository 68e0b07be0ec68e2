using Hangar.Engine.Leases;
using System.Diagnostics.Metrics;
using Hangar.Core.Forges;
using Hangar.Engine.Reconcile;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>The one loop every pass runs in: a tick per interval on the injected clock, a nudge for converge.</summary>
public sealed class ReconcileLoopTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _clock = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<ReconcileLoop> _loops = [];

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task StartAsync_RunsAtOnceThenOncePerInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        var pass = new RecordingPass("test", Interval);
        var loop = await StartAsync(pass);
        (await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct)).ShouldBe(1);

        _clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        pass.Runs.ShouldBe(1);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        (await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct)).ShouldBe(2);
        _clock.Advance(Interval);
        (await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct)).ShouldBe(3);
        loop.Name.ShouldBe("test");
        loop.Interval.ShouldBe(Interval);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Nudged_RunsWithoutWaitingForTheTickAndTicksGoOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var signal = new ConvergeSignal();
        var pass = new RecordingPass(LoopNames.Converge, Interval);
        await StartAsync(pass, signal);
        await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct);

        // The clock does not move: only the nudge can start the second run.
        signal.Nudge();
        (await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct)).ShouldBe(2);

        // The tick that was pending when the nudge won is still awaited, not lost or awaited twice.
        _clock.Advance(Interval);
        (await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct)).ShouldBe(3);
        signal.Nudge();
        (await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct)).ShouldBe(4);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Nudged_LoopWithoutSignal_WaitsForItsTick()
    {
        var ct = TestContext.Current.CancellationToken;
        var signal = new ConvergeSignal();
        var pass = new RecordingPass("test", Interval);
        await StartAsync(pass, wake: null);
        await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct);

        signal.Nudge();
        var next = pass.NextRunAsync(ct).AsTask();
        next.IsCompleted.ShouldBeFalse();
        _clock.Advance(Interval);

        (await next.WaitAsync(Timeout, ct)).ShouldBe(2);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task PassThrows_CountedAsFailureAndTheLoopGoesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var pass = new RecordingPass("test", Interval)
        {
            OnRun = (run, ct) => run switch
            {
                1 => throw new InvalidOperationException("first pass fails"),
                3 => Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, ct),
                _ => Task.CompletedTask,
            },
        };
        var loop = await StartAsync(pass);
        await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct);

        _clock.Advance(Interval);
        await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct);
        _clock.Advance(Interval);
        await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct);

        // The third run has started (and holds), so the second has completed; the failed first never counted.
        loop.Passes.ShouldBe(1);
        loop.ExecuteTask.ShouldNotBeNull().IsCompleted.ShouldBeFalse();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunPass_ForgeCallsOfThePass_MadeInAScopeOfTheLoopsNameAndPriority()
    {
        var ct = TestContext.Current.CancellationToken;
        var callers = new System.Collections.Concurrent.ConcurrentQueue<ForgeCaller?>();
        var pass = new RecordingPass("forge-orphans", Interval, ForgePriority.Sweep)
        {
            OnRun = async (_, ct) =>
            {
                callers.Enqueue(ForgeCallScope.Current);
                // Work the pass starts in the background carries the scope too.
                callers.Enqueue(await Task.Run(() => ForgeCallScope.Current, ct));
            },
        };
        var loop = await StartAsync(pass);
        await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct);
        _clock.Advance(Interval);
        await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct);

        // The second run has started, so the first has finished.
        callers.Take(2).ShouldBe([new ForgeCaller("forge-orphans", ForgePriority.Sweep), new ForgeCaller("forge-orphans", ForgePriority.Sweep)]);

        loop.Pass.ForgePriority.ShouldBe(ForgePriority.Sweep);
        ForgeCallScope.Current.ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SlowPass_DoesNotDelayAnotherLoop()
    {
        var ct = TestContext.Current.CancellationToken;
        var stuck = new RecordingPass("stuck", Interval) { OnRun = (_, ct) => Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, ct) };
        var other = new RecordingPass("other", Interval);
        await StartAsync(stuck);
        await StartAsync(other);
        await stuck.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct);
        await other.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct);

        _clock.Advance(Interval);
        (await other.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct)).ShouldBe(2);
        _clock.Advance(Interval);
        (await other.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct)).ShouldBe(3);

        stuck.Runs.ShouldBe(1);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task StopAsync_PassUnderWay_CancelsItAndEndsTheLoop()
    {
        var ct = TestContext.Current.CancellationToken;
        var pass = new RecordingPass("test", Interval) { OnRun = (_, ct) => Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, ct) };
        var loop = await StartAsync(pass);
        await pass.NextRunAsync(ct).AsTask().WaitAsync(Timeout, ct);

        await loop.StopAsync(ct).WaitAsync(Timeout, ct);

        loop.ExecuteTask.ShouldNotBeNull().IsCompletedSuccessfully.ShouldBeTrue();
        loop.Passes.ShouldBe(0);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var loop in _loops)
        {
            await loop.StopAsync(CancellationToken.None).WaitAsync(Timeout);
            loop.Dispose();
        }

        await _meters.DisposeAsync();
    }

    private async Task<ReconcileLoop> StartAsync(IReconcilePass pass, ConvergeSignal? wake = null)
    {
        var metrics = new EngineMetrics(_meters.GetRequiredService<IMeterFactory>());
        var loop = new ReconcileLoop(pass, wake, new SingleReplicaOwnership(), metrics, _clock, NullLogger<ReconcileLoop>.Instance);
        _loops.Add(loop);
        await loop.StartAsync(CancellationToken.None).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        return loop;
    }
}
