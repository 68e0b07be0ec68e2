using System.Net;
using System.Net.Http.Json;
using Hangar.Emulator.Tests.Support;

namespace Hangar.Emulator.Tests.Control;

public sealed class ControlApiTests
{
    [Fact]
    public async Task PostJobs_ValidBody_Returns201AndQueuesThem()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.Anonymous.PostAsJsonAsync("_emulator/jobs",
            new { repository = "acme/app", labels = new[] { "linux" }, count = 2, duration_ms = 1500, name = "lint" }, TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var jobs = (await response.JsonAsync())["jobs"]!.AsArray();
        jobs.Count.ShouldBe(2);
        jobs[0]!["status"]!.GetValue<string>().ShouldBe("queued");
        jobs[0]!["duration_ms"]!.GetValue<long>().ShouldBe(1500);
        jobs[0]!["name"]!.GetValue<string>().ShouldBe("lint");
        emulator.Host.State.Jobs.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("""{"labels":["linux"]}""")]
    [InlineData("""{"repository":"noslash","labels":["linux"]}""")]
    [InlineData("""{"repository":"acme/app"}""")]
    [InlineData("""{"repository":"acme/app","labels":["linux"],"count":0}""")]
    [InlineData("""{"repository":"acme/app","labels":["linux"],"duration_ms":-1}""")]
    public async Task PostJobs_InvalidBody_Returns400ProblemAndQueuesNothing(string json)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.Anonymous.PostAsync("_emulator/jobs",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        emulator.Host.State.Jobs.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetJobsAndRunners_AfterAJobRan_ShowTimesRunnerAndRemovedRegistration()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.Anonymous.PostAsJsonAsync("_emulator/jobs", new { repository = "acme/app", labels = new[] { "linux" } }, TestTimeouts.Token());
        var (id, jit) = await emulator.RegisterAsync("orgs/acme", "r1", ["linux"]);
        using var session = new RunnerSession(jit);
        var jobId = (await session.ConnectAndTakeAsync())!.Value;
        await session.CompleteAsync(jobId);

        var job = (await (await emulator.Anonymous.GetAsync("_emulator/jobs", TestTimeouts.Token())).JsonAsync())["jobs"]![0]!;
        var runner = (await (await emulator.Anonymous.GetAsync("_emulator/runners", TestTimeouts.Token())).JsonAsync())["runners"]![0]!;

        job["status"]!.GetValue<string>().ShouldBe("completed");
        job["runner_name"]!.GetValue<string>().ShouldBe("r1");
        job["runner_id"]!.GetValue<long>().ShouldBe(id);
        job["queued_at"].ShouldNotBeNull();
        job["started_at"].ShouldNotBeNull();
        job["completed_at"].ShouldNotBeNull();
        runner["removed"]!.GetValue<bool>().ShouldBeTrue();
        runner["job_id"]!.GetValue<long>().ShouldBe(jobId);
        runner["scope"]!["type"]!.GetValue<string>().ShouldBe("organization");
    }

    [Fact]
    public async Task PutWebhook_ThenQueue_DeliversThereAndLogsTheDelivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync();

        var put = await emulator.Anonymous.PutAsJsonAsync("_emulator/webhook", new { url = receiver.Url.ToString(), secret = "s3cret" }, TestTimeouts.Token());
        emulator.Host.QueueJobs(new State.JobRequest { Repository = "acme/app", Labels = ["linux"] });
        var hook = await receiver.NextAsync();
        await emulator.Host.State.WaitUntilAsync(s => s.Deliveries.Single().Delivered, TestTimeouts.Token());
        var log = (await (await emulator.Anonymous.GetAsync("_emulator/deliveries", TestTimeouts.Token())).JsonAsync())["deliveries"]![0]!;

        put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        hook.Headers.ContainsKey("X-Hub-Signature-256").ShouldBeTrue();
        log["id"]!.GetValue<string>().ShouldBe(hook.Delivery);
        log["action"]!.GetValue<string>().ShouldBe("queued");
        log["delivered"]!.GetValue<bool>().ShouldBeTrue();
        log["attempts"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task PutWebhook_RelativeUrl_Returns400()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var put = await emulator.Anonymous.PutAsJsonAsync("_emulator/webhook", new { url = "/hook" }, TestTimeouts.Token());

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StartAsync_NonLoopbackListen_Throws()
    {
        await Should.ThrowAsync<ArgumentException>(() =>
            EmulatorHost.StartAsync(new EmulatorOptions { Token = "t", Listen = "http://0.0.0.0:0" }, TestTimeouts.Token()).WaitAsync(TestTimeouts.Default));
    }
}
