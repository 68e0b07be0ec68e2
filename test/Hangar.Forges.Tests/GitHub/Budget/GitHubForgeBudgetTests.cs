using System.Globalization;
using System.Net;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.GitHub;

namespace Hangar.Forges.Tests.GitHub.Budget;

/// <summary>The request budget at the forge's surface: which calls it holds back (without sending anything) and which
/// always go out, following the quota GitHub reported last.</summary>
public sealed class GitHubForgeBudgetTests
{
    private static readonly ForgeTarget Org = ForgeTarget.Organization("acme");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_QuotaDownToTheReserve_ObservationAndSweepsHeldWithoutARequestWhileProvisioningGoesOut()
    {
        var clock = new TimerRecordingTimeProvider();
        var reset = clock.GetUtcNow().AddMinutes(30);
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.OK, TestForge.Runners(), Quota(400, reset))
            .Respond(HttpStatusCode.Created, TestForge.JitResponse(7, "r"), Quota(399, reset))
            .Respond(HttpStatusCode.OK, TestForge.Runners((7, "r", "offline", false, ["linux"])), Quota(398, reset))
            .Respond(HttpStatusCode.NoContent, null, Quota(397, reset));
        var forge = TestForge.Create(handler, clock);
        await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

        var held = await Should.ThrowAsync<ForgeBudgetExceededException>(() => forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct));
        await Should.ThrowAsync<ForgeBudgetExceededException>(() => forge.GetJobAsync("acme/app", 1, Ct).WaitAsync(TestForge.Timeout, Ct));
        await Should.ThrowAsync<ForgeBudgetExceededException>(() => forge.ListQueuedJobsAsync("acme/app", Ct).WaitAsync(TestForge.Timeout, Ct));
        await forge.CreateRunnerCredentialAsync(Org, new RunnerRequest("r", ["linux"], null), Ct).WaitAsync(TestForge.Timeout, Ct);
        await forge.ListRunnersAsync(Org, "r", Ct).WaitAsync(TestForge.Timeout, Ct);
        await forge.RemoveRunnerAsync(Org, 7, Ct).WaitAsync(TestForge.Timeout, Ct);

        held.Priority.ShouldBe(ForgePriority.Observe);
        held.RetryAt.ShouldBe(reset);
        held.Message.ShouldContain("400 of 5000 left");
        handler.Requests.Select(r => (r.Method.Method, r.Uri.AbsolutePath)).ShouldBe(
        [
            ("GET", "/orgs/acme/actions/runners"),
            ("POST", "/orgs/acme/actions/runners/generate-jitconfig"),
            ("GET", "/orgs/acme/actions/runners"),
            ("DELETE", "/orgs/acme/actions/runners/7"),
        ]);
    }

    [Fact]
    public async Task ListRunnersAsync_HeldAtTheReserve_GoesOutAgainOnceTheWindowReset()
    {
        var clock = new TimerRecordingTimeProvider();
        var reset = clock.GetUtcNow().AddMinutes(10);
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.OK, TestForge.Runners(), Quota(0, reset))
            .Respond(HttpStatusCode.OK, TestForge.Runners(), Quota(4999, reset.AddHours(1)));
        var forge = TestForge.Create(handler, clock);
        await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);
        await Should.ThrowAsync<ForgeBudgetExceededException>(() => forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct));

        clock.Advance(TimeSpan.FromMinutes(10));
        await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

        handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ListQueuedJobsAsync_SweepBehindPace_EveryRepositoryIsSweptInTurnEveryThirdPass()
    {
        // 30 minutes left with 2,210 remaining: 90 behind an even pace, so each repository goes out every third time.
        var clock = new TimerRecordingTimeProvider();
        var reset = clock.GetUtcNow().AddMinutes(30);
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, TestForge.Runners(), Quota(2210, reset));
        for (var i = 0; i < 6; i++)
        {
            handler.Respond(HttpStatusCode.OK, """{ "total_count": 0, "workflow_runs": [] }""", Quota(2210, reset));
        }

        var forge = TestForge.Create(handler, clock);
        await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);
        var deferred = 0;
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var repository in (string[])["acme/a", "acme/b", "acme/c"])
            {
                try
                {
                    await forge.ListQueuedJobsAsync(repository, Ct).WaitAsync(TestForge.Timeout, Ct);
                }
                catch (ForgeBudgetExceededException ex)
                {
                    ex.Priority.ShouldBe(ForgePriority.Sweep);
                    ex.RetryAt.ShouldBeNull();
                    deferred++;
                }
            }
        }

        deferred.ShouldBe(6);
        handler.Requests.Skip(1).Select(r => r.Uri.AbsolutePath).ShouldBe(
        [
            "/repos/acme/a/actions/runs", "/repos/acme/a/actions/runs",
            "/repos/acme/b/actions/runs", "/repos/acme/b/actions/runs",
            "/repos/acme/c/actions/runs", "/repos/acme/c/actions/runs",
        ]);
    }

    [Fact]
    public async Task ListRunnersAsync_CallerScope_SetsThePriority()
    {
        // 900 left: 400 above the reserve, inside the sweeps' burst allowance (450): observation goes out, sweeps wait.
        var clock = new TimerRecordingTimeProvider();
        var reset = clock.GetUtcNow().AddMinutes(30);
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.OK, TestForge.Runners(), Quota(900, reset))
            .Respond(HttpStatusCode.OK, TestForge.Runners(), Quota(900, reset));
        var forge = TestForge.Create(handler, clock);
        await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

        using (ForgeCallScope.Begin("forge-orphans", ForgePriority.Sweep))
        {
            await Should.ThrowAsync<ForgeBudgetExceededException>(() => forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct));
        }

        using (ForgeCallScope.Begin("runner-status", ForgePriority.Observe))
        {
            await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);
        }

        handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_InsideASweepScopeWithNothingLeft_StillGoesOut()
    {
        var clock = new TimerRecordingTimeProvider();
        var reset = clock.GetUtcNow().AddMinutes(30);
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.OK, TestForge.Runners(), Quota(1, reset))
            .Respond(HttpStatusCode.Created, TestForge.JitResponse(1, "r"), Quota(0, reset));
        var forge = TestForge.Create(handler, clock);
        await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

        using (ForgeCallScope.Begin("forge-orphans", ForgePriority.Sweep))
        {
            await forge.CreateRunnerCredentialAsync(Org, new RunnerRequest("r", ["linux"], null), Ct).WaitAsync(TestForge.Timeout, Ct);
        }

        handler.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ListRunnersAsync_GhesWithoutRateLimitHeaders_NeverHeld()
    {
        var handler = new RecordingHandler();
        for (var i = 0; i < 5; i++)
        {
            handler.Respond(HttpStatusCode.OK, TestForge.Runners());
        }

        var forge = TestForge.Create(handler, apiUrl: "https://ghes.example.com/api/v3");
        using (ForgeCallScope.Begin("forge-orphans", ForgePriority.Sweep))
        {
            for (var i = 0; i < 5; i++)
            {
                await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);
            }
        }

        handler.Requests.Count.ShouldBe(5);
    }

    private static (string, string)[] Quota(long remaining, DateTimeOffset reset) =>
    [
        ("x-ratelimit-limit", "5000"),
        ("x-ratelimit-remaining", remaining.ToString(CultureInfo.InvariantCulture)),
        ("x-ratelimit-used", (5000 - remaining).ToString(CultureInfo.InvariantCulture)),
        ("x-ratelimit-reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ("x-ratelimit-resource", "core"),
    ];
}
