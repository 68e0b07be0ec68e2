using Hangar.Core.Jobs;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Forges.GitHub;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Forges.Tests.GitHub;

/// <summary>The queued-job sweep against the emulator's runs API: how jobs whose webhooks were lost are found.</summary>
public sealed class GitHubForgeQueuedJobsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListQueuedJobsAsync_MixedJobs_ReturnsOnlyQueuedOnesOfTheRepository()
    {
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Token = TestForge.Token }, Ct);
        var jobs = emulator.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted", "linux"], Count = 120 });
        emulator.QueueJobs(new JobRequest { Repository = "acme/other", Labels = ["linux"] });
        emulator.State.CancelJob(jobs[0].Id);
        using var http = new HttpClient();
        var forge = new GitHubForge(
            new GitHubForgeOptions { Name = "github", ApiUrl = emulator.ApiUrl.ToString(), Token = TestForge.Token },
            http,
            NullLogger<GitHubForge>.Instance,
            TimeProvider.System);

        var queued = await forge.ListQueuedJobsAsync("acme/app", Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // 119 queued runs span two pages of 100.
        queued.Select(j => j.Id).Order().ShouldBe(jobs.Skip(1).Select(j => j.Id).Order());
        queued.ShouldAllBe(j => j.Status == JobStatus.Queued && j.RunId != null && j.CreatedAt != null);
        queued.First().Labels.ShouldBe(["self-hosted", "linux"]);
    }
}
