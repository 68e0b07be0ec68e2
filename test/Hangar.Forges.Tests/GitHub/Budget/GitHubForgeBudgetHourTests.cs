using Hangar.Emulator;
using Hangar.Emulator.State;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Forges.Tests.GitHub.Budget;

/// <summary>
/// Issue 9 item 10's acceptance test: an hour of the engine's forge calls for 200 active repositories against a
/// 5,000/h quota. Without a budget the queued-run sweep alone (two lists per repository per minute) spends the quota in
/// about ten minutes, and from then on every mint is refused. The emulator's own counters are the judge.
/// </summary>
public sealed class GitHubForgeBudgetHourTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="conditionalRequests">Off, the budget alone has to keep the quota (sweeps are paced, then held).</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OneSimulatedHour_200ActiveRepositoriesAt5000PerHour_QuotaNeverReachesZeroAndNoMintIsRefused(bool conditionalRequests)
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions { Token = TestForge.Token, TimeProvider = clock, RateLimit = 5000, RedeliverFailedWebhooks = false }, Ct);
        using var forge = TestForge.ForEmulator(emulator, clock, conditionalRequests ? 4096 : 0);
        var simulation = new EngineLoadSimulation(emulator, forge, clock, repositories: 200);

        await simulation.RunAsync(TimeSpan.FromHours(1), Ct);

        var quota = emulator.State.RateLimitOf(RateLimitCounters.PersonalAccessToken)!;
        var (queued, served) = simulation.JobsServedBefore(Start.AddMinutes(55));
        Report(simulation, quota, queued, served);
        quota.Refused.ShouldBe(0, string.Join(", ", quota.RefusedByRoute.Select(r => $"{r.Key} ×{r.Value}")));
        quota.LowestRemaining.ShouldBeGreaterThan(0);
        simulation.Loops["converge"].Failures.ShouldBeEmpty();
        simulation.Loops["destroy"].Failures.ShouldBeEmpty();
        simulation.Simulated.ShouldBe(TimeSpan.FromHours(1), "a forge call waited for the rate limit to reset");
        served.ShouldBe(queued, "every job queued before the last five minutes got a runner");
    }

    private static void Report(EngineLoadSimulation simulation, RateLimitCounters quota, int queued, int served)
    {
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"simulated {simulation.Simulated}; jobs queued {simulation.JobsQueued}; queued before 09:55 {queued}, served {served}");
        output?.WriteLine($"quota: counted {quota.Counted}, 304 (free) {quota.NotModified}, lowest remaining {quota.LowestRemaining}, refused {quota.Refused}");
        foreach (var (route, count) in quota.CountedByRoute.OrderByDescending(r => r.Value))
        {
            output?.WriteLine($"  counted {count,6} {route}");
        }

        foreach (var (loop, calls) in simulation.Loops)
        {
            output?.WriteLine($"loop {loop}: {calls}{(calls.Failures.Count > 0 ? "; first failure " + calls.Failures[0] : "")}");
        }
    }
}
