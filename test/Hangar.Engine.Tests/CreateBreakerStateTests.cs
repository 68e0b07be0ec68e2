using System.Diagnostics.Metrics;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Engine.Tests;

/// <summary><see cref="CreateBreaker"/> on its own: the edges the engine-level tests do not reach on purpose.</summary>
public sealed class CreateBreakerStateTests : IDisposable
{
    private const string Pool = PoolSpecBuilder.DefaultName;

    private static readonly CreateBreakerPolicy Policy = new() { Failures = 3, Delay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromMinutes(2) };

    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly CreateBreaker _breaker;

    public CreateBreakerStateTests()
    {
        var options = new EngineOptions { Pools = [new PoolSpecBuilder().Build()], Loops = new ReconcileOptions { CreateBreaker = Policy } };
        _breaker = new CreateBreaker(new PoolCatalog(options), options, _clock, new EngineMetrics(_meters.GetRequiredService<IMeterFactory>()));
    }

    public void Dispose() => _meters.Dispose();

    private void Fail(int times)
    {
        for (var i = 0; i < times; i++)
        {
            _breaker.Failed(_breaker.TryAdmit(Pool).ShouldNotBeNull(), $"failure {i}");
        }
    }

    [Fact]
    public void Failures_ASuccessBetween_CountStartsAgain()
    {
        Fail(Policy.Failures - 1);
        _breaker.Succeeded(_breaker.TryAdmit(Pool).ShouldNotBeNull()).ShouldBeFalse();
        Fail(Policy.Failures - 1);

        _breaker.Condition(Pool).State.ShouldBe(PoolState.Ok);
        _breaker.Condition(Pool).ConsecutiveFailures.ShouldBe(Policy.Failures - 1);
        _breaker.TryAdmit(Pool).ShouldNotBeNull();
    }

    [Fact]
    public void FailureOfAnAttemptAdmittedBeforeOpening_CountedButOpensNothingAgain()
    {
        var late = _breaker.TryAdmit(Pool).ShouldNotBeNull();
        Fail(Policy.Failures);
        var retryAt = _breaker.Condition(Pool).RetryAt;

        _breaker.Failed(late, "late").ShouldBeNull();

        _breaker.Condition(Pool).ConsecutiveFailures.ShouldBe(Policy.Failures + 1);
        _breaker.Condition(Pool).RetryAt.ShouldBe(retryAt);
    }

    [Fact]
    public void Probe_OneAtATime_AnAbandonedProbeLetsTheNextOneGo()
    {
        Fail(Policy.Failures);
        _breaker.TryAdmit(Pool).ShouldBeNull();
        _clock.Advance(Policy.OpenFor(1));

        var probe = _breaker.TryAdmit(Pool).ShouldNotBeNull();
        probe.IsProbe.ShouldBeTrue();
        _breaker.TryAdmit(Pool).ShouldBeNull();
        _breaker.Condition(Pool).State.ShouldBe(PoolState.Probing);

        _breaker.Abandoned(probe);

        _breaker.Condition(Pool).State.ShouldBe(PoolState.Degraded);
        _breaker.TryAdmit(Pool).ShouldNotBeNull().IsProbe.ShouldBeTrue();
    }

    [Fact]
    public void ProbesKeepFailing_OpenPeriodDoublesUpToTheCap()
    {
        Fail(Policy.Failures);
        var periods = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            var condition = _breaker.Condition(Pool);
            periods.Add(condition.RetryAt!.Value - _clock.GetUtcNow());
            _clock.Advance(periods[^1]);
            _breaker.Failed(_breaker.TryAdmit(Pool).ShouldNotBeNull(), "still failing").ShouldNotBeNull();
        }

        periods.ShouldBe([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(120)]);
        _breaker.Condition(Pool).DegradedSince.ShouldBe(_clock.GetUtcNow() - TimeSpan.FromSeconds(330));
    }

    [Fact]
    public void Succeeded_AfterAProbe_ClosesAndSaysItRecovered()
    {
        Fail(Policy.Failures);
        _clock.Advance(Policy.OpenFor(1));

        _breaker.Succeeded(_breaker.TryAdmit(Pool).ShouldNotBeNull()).ShouldBeTrue();

        _breaker.Condition(Pool).ShouldBe(new PoolCondition { Pool = Pool });
    }
}
