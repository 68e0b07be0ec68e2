using Hangar.Core.Jobs;
using Hangar.Core.Planning.Policies;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>Warm policies in a converge pass: every warm runner's history says which policy made it and why, and the
/// predictive forecast survives a restart (rebuilt from the stored jobs).</summary>
public sealed class ConvergeWarmPolicyTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_MinIdle_WarmRunnerHistorySaysWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder().WithMinIdle(1).Build(), ct);
        await h.QueueJobAsync(1, ct);

        await h.ConvergeAsync(ct);

        var reasons = new List<string>();
        foreach (var instance in await h.LiveInstancesAsync(ct))
        {
            reasons.Add((await h.Store.GetHistoryAsync(instance.Name, cancellationToken: ct))[^1].Reason);
        }

        reasons.Order(StringComparer.Ordinal).ShouldBe(["planned: demand", "warm: min_idle 1"]);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_AfterRestart_PredictiveWarmsUpFromStoredHistory()
    {
        var ct = TestContext.Current.CancellationToken;
        var policy = new PredictiveWarmPolicy { BootTime = TimeSpan.FromMinutes(1), TargetWait = TimeSpan.FromSeconds(5) };
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder().Build() with { Policy = policy, MaxRunners = 30 }, ct);
        var monday = NextMondayAt9(h.Clock.GetUtcNow());
        h.Clock.SetUtcNow(monday);

        // Monday's burst at 09:00: 20 jobs in two matrices, served and done.
        for (var id = 1; id <= 20; id++)
        {
            await h.QueueJobAsync(id, ct);
        }

        await h.ConvergeAsync(ct);
        for (var id = 1; id <= 20; id++)
        {
            await h.SubmitAsync(h.JobEvent(id, JobStatus.Completed), ct);
        }

        // Tuesday, two minutes before the hour: a new process knows nothing but the store.
        h.Clock.SetUtcNow(monday.AddDays(1).AddMinutes(-2));
        await h.RestartAsync(ct);
        var plan = await h.ConvergeAsync(ct);

        var warm = plan.WarmCreates.ShouldHaveSingleItem();
        warm.Count.ShouldBeGreaterThanOrEqualTo(10);
        warm.Reason.ShouldStartWith("warm: forecast ");
        var pending = (await h.LiveInstancesAsync(ct)).Where(i => i.CreatedAt == h.Clock.GetUtcNow()).ToList();
        pending.Count.ShouldBe(warm.Count);
        (await h.Store.GetHistoryAsync(pending[0].Name, cancellationToken: ct))[^1].Reason.ShouldBe(warm.Reason);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_PredictiveWithoutHistory_KeepsOnlyMinIdle()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder().WithMinIdle(1).Build() with { Policy = new PredictiveWarmPolicy() }, ct);

        var plan = await h.ConvergeAsync(ct);

        plan.WarmCreates.ShouldHaveSingleItem().ShouldBe(new Hangar.Core.Planning.WarmCreate(h.Pool.Name, 1, "warm: forecast 0.0 jobs/min, boot 30s, batch 1: 1 warm"));
    }

    private static DateTimeOffset NextMondayAt9(DateTimeOffset from)
    {
        var day = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return day.AddHours(9);
    }
}
