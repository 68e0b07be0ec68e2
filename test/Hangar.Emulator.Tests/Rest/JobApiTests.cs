using System.Net;
using Hangar.Emulator.State;
using Hangar.Emulator.Tests.Support;

namespace Hangar.Emulator.Tests.Rest;

public sealed class JobApiTests
{
    [Fact]
    public async Task GetJob_Queued_ReturnsWorkflowJobWithNullRunnerFields()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted", "linux"], Name = "test" }).Single();

        var response = await emulator.Http.GetAsync($"repos/acme/app/actions/jobs/{job.Id}", TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body["id"]!.GetValue<long>().ShouldBe(job.Id);
        job.Id.ShouldBeGreaterThan(int.MaxValue);
        body["run_id"]!.GetValue<long>().ShouldBe(job.RunId);
        body["run_attempt"]!.GetValue<int>().ShouldBe(1);
        body["status"]!.GetValue<string>().ShouldBe("queued");
        body["conclusion"].ShouldBeNull();
        body["name"]!.GetValue<string>().ShouldBe("test");
        body["workflow_name"]!.GetValue<string>().ShouldBe("CI");
        body["head_branch"]!.GetValue<string>().ShouldBe("main");
        body["labels"].Strings().ShouldBe(["self-hosted", "linux"]);
        body["runner_id"].ShouldBeNull();
        body["runner_name"].ShouldBeNull();
        body["runner_group_id"].ShouldBeNull();
        body["runner_group_name"].ShouldBeNull();
        body["completed_at"].ShouldBeNull();
        body["created_at"]!.GetValue<string>().ShouldEndWith("Z");
        body["html_url"]!.GetValue<string>().ShouldContain($"/acme/app/actions/runs/{job.RunId}/job/{job.Id}");
    }

    [Fact]
    public async Task GetJob_InProgress_CarriesRunnerFields()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] }).Single();
        var (id, jit) = await emulator.RegisterAsync("repos/acme/app", "worker", ["linux"]);
        using var session = new RunnerSession(jit);
        (await session.ConnectAndTakeAsync()).ShouldBe(job.Id);

        var body = await (await emulator.Http.GetAsync($"repos/acme/app/actions/jobs/{job.Id}", TestTimeouts.Token())).JsonAsync();

        body["status"]!.GetValue<string>().ShouldBe("in_progress");
        body["runner_id"]!.GetValue<long>().ShouldBe(id);
        body["runner_name"]!.GetValue<string>().ShouldBe("worker");
        body["runner_group_id"]!.GetValue<long>().ShouldBe(1);
        body["runner_group_name"]!.GetValue<string>().ShouldBe("Default");
    }

    [Fact]
    public async Task GetJob_UnknownOrOtherRepository_Returns404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] }).Single();

        (await emulator.Http.GetAsync($"repos/acme/other/actions/jobs/{job.Id}", TestTimeouts.Token())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await emulator.Http.GetAsync("repos/acme/app/actions/jobs/12345", TestTimeouts.Token())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
