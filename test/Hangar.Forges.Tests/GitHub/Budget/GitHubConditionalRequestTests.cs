using System.Net;
using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Forges.GitHub;

namespace Hangar.Forges.Tests.GitHub.Budget;

/// <summary>
/// The polling GETs are sent with <c>If-None-Match</c>; an unchanged answer is a 304 that GitHub does not count, read
/// back from the kept body. The emulator counts like GitHub, so its counters show what each poll cost.
/// </summary>
public sealed class GitHubConditionalRequestTests : IAsyncLifetime
{
    private static readonly ForgeTarget Org = ForgeTarget.Organization("acme");

    private EmulatorHost _emulator = null!;
    private GitHubForge _forge = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RateLimitCounters Quota => _emulator.State.RateLimitOf(RateLimitCounters.PersonalAccessToken)!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Token = TestForge.Token }, Ct);
        _forge = TestForge.ForEmulator(_emulator);
    }

    public async ValueTask DisposeAsync()
    {
        _forge.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task ListRunnersAsync_NothingChanged_SecondListIsA304ThatCostsNothing()
    {
        await _forge.CreateRunnerCredentialAsync(Org, new RunnerRequest("r1", ["linux"], null), Ct).WaitAsync(TestForge.Timeout, Ct);
        var first = await _forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);
        var counted = Quota.Counted;

        var second = await _forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

        // Records compare their label lists by reference: compare what they say.
        second.Select(Describe).ShouldBe(first.Select(Describe));
        second.Single().Labels.ShouldBe(["self-hosted", "linux"]);
        (Quota.Counted, Quota.NotModified).ShouldBe((counted, 1));
    }

    [Fact]
    public async Task ListRunnersAsync_TwoPagesUnchanged_BothComeBackFromTheKeptPages()
    {
        for (var i = 0; i < 130; i++)
        {
            await _forge.CreateRunnerCredentialAsync(Org, new RunnerRequest($"r{i:D3}", ["linux"], null), Ct).WaitAsync(TestForge.Timeout, Ct);
        }

        await _forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);
        var counted = Quota.Counted;

        var again = await _forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

        again.Count.ShouldBe(130);
        (Quota.Counted, Quota.NotModified).ShouldBe((counted, 2));
    }

    [Fact]
    public async Task ListRunnersAsync_ARunnerCameAndWent_SeesEveryChange()
    {
        await _forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);
        var credential = await _forge.CreateRunnerCredentialAsync(Org, new RunnerRequest("r1", ["linux"], null), Ct).WaitAsync(TestForge.Timeout, Ct);

        var withRunner = await _forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);
        await _forge.RemoveRunnerAsync(Org, credential.RunnerId!.Value, Ct).WaitAsync(TestForge.Timeout, Ct);
        var without = await _forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

        withRunner.Select(r => r.Name).ShouldBe(["r1"]);
        without.ShouldBeEmpty();
        Quota.NotModified.ShouldBe(0);
    }

    [Fact]
    public async Task GetJobAsync_JobMovedOn_ReadsTheNewStateAndAnUnchangedOneIsFree()
    {
        var job = _emulator.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted"] }).Single();
        (await _forge.GetJobAsync("acme/app", job.Id, Ct).WaitAsync(TestForge.Timeout, Ct))!.Status.ShouldBe(JobStatus.Queued);
        (await _forge.GetJobAsync("acme/app", job.Id, Ct).WaitAsync(TestForge.Timeout, Ct))!.Status.ShouldBe(JobStatus.Queued);

        _emulator.State.CancelJob(job.Id);
        var cancelled = await _forge.GetJobAsync("acme/app", job.Id, Ct).WaitAsync(TestForge.Timeout, Ct);

        cancelled!.Status.ShouldBe(JobStatus.Completed);
        cancelled.Conclusion.ShouldBe("cancelled");
        Quota.NotModified.ShouldBe(1);
    }

    [Fact]
    public async Task ListQueuedJobsAsync_NothingChanged_TheWholeSweepIsFree()
    {
        var job = _emulator.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted"] }).Single();
        await _forge.ListQueuedJobsAsync("acme/app", Ct).WaitAsync(TestForge.Timeout, Ct);
        var counted = Quota.Counted;

        var again = await _forge.ListQueuedJobsAsync("acme/app", Ct).WaitAsync(TestForge.Timeout, Ct);

        again.Single().Id.ShouldBe(job.Id);
        // Queued runs, in-progress runs, and the queued run's jobs: all three unchanged.
        (Quota.Counted, Quota.NotModified).ShouldBe((counted, 3));
    }

    [Fact]
    public async Task ListRunnersAsync_ByName_IsNeverSentConditionally()
    {
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.OK, TestForge.Runners(), ("ETag", "W/\"abc\""))
            .Respond(HttpStatusCode.OK, TestForge.Runners(), ("ETag", "W/\"abc\""))
            .Respond(HttpStatusCode.OK, TestForge.Runners(), ("ETag", "W/\"abc\""))
            .Respond(HttpStatusCode.OK, TestForge.Runners(), ("ETag", "W/\"abc\""));
        var forge = TestForge.Create(handler);

        await forge.ListRunnersAsync(Org, "r1", Ct).WaitAsync(TestForge.Timeout, Ct);
        await forge.ListRunnersAsync(Org, "r1", Ct).WaitAsync(TestForge.Timeout, Ct);
        await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);
        await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

        handler.Requests.Select(r => r.Headers.GetValueOrDefault("If-None-Match")).ShouldBe([null, null, null, "W/\"abc\""]);
    }

    private static string Describe(ForgeRunner runner) => $"{runner.Id} {runner.Name} {runner.Online} {runner.Busy} {string.Join(',', runner.Labels)}";
}
