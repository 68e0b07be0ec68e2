using System.Net;
using Hangar.Emulator.State;
using Hangar.Emulator.Tests.Support;

namespace Hangar.Emulator.Tests.Rest;

public sealed class RunApiTests
{
    [Fact]
    public async Task ListRuns_StatusQueued_ListsOnlyQueuedRunsOfTheRepository()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var queued = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"], Count = 2 });
        emulator.Host.QueueJobs(new JobRequest { Repository = "acme/other", Labels = ["linux"] });
        emulator.Host.State.CancelJob(queued[1].Id);

        var response = await emulator.Http.GetAsync("repos/acme/app/actions/runs?status=queued", TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body["total_count"]!.GetValue<int>().ShouldBe(1);
        var run = body["workflow_runs"]!.AsArray().ShouldHaveSingleItem()!;
        run["id"]!.GetValue<long>().ShouldBe(queued[0].RunId);
        run["status"]!.GetValue<string>().ShouldBe("queued");
    }

    [Fact]
    public async Task ListRunJobs_KnownRun_ReturnsItsJobs()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted", "linux"] }).Single();

        var response = await emulator.Http.GetAsync($"repos/acme/app/actions/runs/{job.RunId}/jobs?filter=latest", TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        var listed = body["jobs"]!.AsArray().ShouldHaveSingleItem()!;
        listed["id"]!.GetValue<long>().ShouldBe(job.Id);
        listed["status"]!.GetValue<string>().ShouldBe("queued");
        listed["labels"].Strings().ShouldBe(["self-hosted", "linux"]);
    }

    [Fact]
    public async Task ListRunJobs_UnknownRun_Returns404()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.Http.GetAsync("repos/acme/app/actions/runs/1/jobs", TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
