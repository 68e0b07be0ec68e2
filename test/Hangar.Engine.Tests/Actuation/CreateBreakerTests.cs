using System.Diagnostics.Metrics;
using Hangar.Core.Instances;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Engine.Tests.Actuation;

/// <summary>The pool's create breaker as the engine drives it: opened by failures in a row, probed, closed by a success.</summary>
public sealed class CreateBreakerTests
{
    private static EngineHarnessOptions Options(int maxRunners = 10) => new()
    {
        Pools = [new PoolSpecBuilder().WithMaxRunners(maxRunners).Build()],
    };

    /// <summary>Queues as many jobs as the breaker's threshold and converges: one failed attempt each opens it.</summary>
    private static async Task<CreateBreakerPolicy> DegradeAsync(EngineHarness h, CancellationToken ct)
    {
        var policy = h.EngineOptions.Loops.CreateBreaker;
        for (var job = 1; job <= policy.Failures; job++)
        {
            await h.QueueJobAsync(job, ct);
        }

        await h.ConvergeAsync(ct);
        return policy;
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task CreatesFailInARow_PoolDegradedWithTheLastErrorAndNoFurtherAttempt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(), ct);
        h.Provider.FailNextCreates(int.MaxValue, new InjectedFaultException("image acme/runner:9 not found"));

        var policy = await DegradeAsync(h, ct);

        var condition = h.Breaker.Condition(h.Pool.Name);
        condition.State.ShouldBe(PoolState.Degraded);
        condition.ConsecutiveFailures.ShouldBe(policy.Failures);
        condition.LastError.ShouldNotBeNull().ShouldContain("image acme/runner:9 not found");
        condition.DegradedSince.ShouldBe(h.Time.GetUtcNow());
        condition.RetryAt.ShouldBe(h.Time.GetUtcNow() + policy.OpenFor(1));

        // Past every instance's retry backoff, but not past the breaker's: nothing is tried, and nothing is counted.
        h.Clock.Advance(policy.OpenFor(1) - TimeSpan.FromSeconds(1));
        await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);
        await h.ConvergeAsync(ct);

        h.Provider.Creates.Count.ShouldBe(policy.Failures);
        var held = await h.LiveInstancesAsync(ct);
        held.Count.ShouldBe(policy.Failures);
        held.ShouldAllBe(i => i.State == InstanceState.Pending && i.Attempts == 1);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task DegradedPool_ProbeSucceeds_OnlyTheProbeTriedThenPoolOkAndTheHeldCreatesGoOn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(), ct);
        h.Provider.FailNextCreates(int.MaxValue);
        var policy = await DegradeAsync(h, ct);
        h.Provider.FailNextCreates(0);
        h.Provider.BlockCreates(CreateBlockPoint.AfterMachineExists);

        h.Clock.Advance(policy.OpenFor(1));
        await h.CreateRetryPass.RunAsync(ct).WaitAsync(h.Timeout, ct);
        await h.Provider.WaitForBlockedCreatesAsync(1, ct).WaitAsync(h.Timeout, ct);
        await Poll.UntilAsync(() => h.Actuator.InFlightCount == 1, h.Timeout, "the held creates to give way to the probe", ct);

        h.Provider.Creates.Count.ShouldBe(policy.Failures + 1);
        h.Breaker.Condition(h.Pool.Name).State.ShouldBe(PoolState.Probing);

        h.Provider.ReleaseCreates();
        await h.WhenIdleAsync(ct);

        h.Breaker.Condition(h.Pool.Name).ShouldBe(new PoolCondition { Pool = h.Pool.Name, State = PoolState.Ok });

        await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);
        h.Provider.ReleaseCreates();
        await h.WhenIdleAsync(ct);

        (await h.LiveInstancesAsync(ct)).ShouldAllBe(i => i.State == InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task DegradedPool_ProbeFails_DegradedAgainForTwiceAsLong()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(), ct);
        h.Provider.FailNextCreates(int.MaxValue, new InjectedFaultException("mount /cache missing"));
        var policy = await DegradeAsync(h, ct);

        h.Clock.Advance(policy.OpenFor(1));
        await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);

        h.Provider.Creates.Count.ShouldBe(policy.Failures + 1);
        var condition = h.Breaker.Condition(h.Pool.Name);
        condition.State.ShouldBe(PoolState.Degraded);
        condition.ConsecutiveFailures.ShouldBe(policy.Failures + 1);
        condition.RetryAt.ShouldBe(h.Time.GetUtcNow() + policy.OpenFor(2));
        policy.OpenFor(2).ShouldBe(policy.OpenFor(1) * 2);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Metrics_DegradedAndRecovered_GaugeFollowsAndTripsCounted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(Options(), ct);
        using var metrics = new EngineMeterReader(h.Services.GetRequiredService<IMeterFactory>());
        h.Provider.FailNextCreates(int.MaxValue);

        metrics.Gauge("hangar.pool.degraded", h.Pool.Name).ShouldBe(0);
        var policy = await DegradeAsync(h, ct);

        metrics.Gauge("hangar.pool.degraded", h.Pool.Name).ShouldBe(1);
        metrics.Counter("hangar.pool.breaker_trips", h.Pool.Name).ShouldBe(1);

        h.Clock.Advance(policy.OpenFor(1));
        await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);
        metrics.Counter("hangar.pool.breaker_trips", h.Pool.Name).ShouldBe(2);

        h.Provider.FailNextCreates(0);
        h.Clock.Advance(policy.OpenFor(2));
        await h.RunPassAsync(h.CreateRetryPass.RunAsync, ct);

        metrics.Gauge("hangar.pool.degraded", h.Pool.Name).ShouldBe(0);
    }
}
