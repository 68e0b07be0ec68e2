using System.Net;
using Hangar.Emulator.State;
using Hangar.Emulator.Tests.Support;

namespace Hangar.Emulator.Tests.RunnerProtocol;

public sealed class RunnerProtocolTests
{
    [Fact]
    public async Task Connect_SameJitConfigTwice_SecondIs409()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var (id, jit) = await emulator.RegisterAsync("orgs/acme", "r", ["linux"]);
        using var first = new RunnerSession(jit);
        using var second = new RunnerSession(jit);

        (await first.ConnectAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.ConnectAsync()).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        emulator.Host.State.GetRunner(id)!.Online.ShouldBeTrue();
    }

    [Fact]
    public async Task Connect_UnknownSecret_Is401()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "_runner/connect");
        request.Headers.Authorization = new("Bearer", "not-a-runner");

        var response = await emulator.Anonymous.SendAsync(request, TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Poll_BeforeConnect_Is409()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var (_, jit) = await emulator.RegisterAsync("orgs/acme", "r", ["linux"]);
        using var session = new RunnerSession(jit);

        (await session.PollAsync()).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Poll_JobLabelsNotAllCarried_IsNotAssigned()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux", "gpu"] });
        var (_, jit) = await emulator.RegisterAsync("orgs/acme", "r", ["linux"]);
        using var session = new RunnerSession(jit);

        (await session.ConnectAndTakeAsync()).ShouldBeNull();
        emulator.Host.State.Jobs.Single().Status.ShouldBe(EmulatedJobStatus.Queued);
    }

    [Fact]
    public async Task Poll_LabelsDifferInCase_IsAssigned()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["Self-Hosted", "LINUX"] }).Single();
        var (_, jit) = await emulator.RegisterAsync("orgs/acme", "r", ["self-hosted", "linux"]);
        using var session = new RunnerSession(jit);

        (await session.ConnectAndTakeAsync()).ShouldBe(job.Id);
    }

    [Fact]
    public async Task Poll_JitRunnerRegisteredWithoutSelfHosted_IsNotGivenASelfHostedJob()
    {
        // A JIT registration carries exactly the labels it was given (reference section 3): nothing is implied.
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted", "linux"] });
        var (_, jit) = await emulator.RegisterAsync("orgs/acme", "r", ["linux"]);
        using var session = new RunnerSession(jit);

        (await session.ConnectAndTakeAsync()).ShouldBeNull();
        emulator.Host.State.Jobs.Single().Status.ShouldBe(EmulatedJobStatus.Queued);
    }

    [Theory]
    [InlineData("repos/acme/app", "acme/app", true)]
    [InlineData("repos/acme/app", "acme/other", false)]
    [InlineData("orgs/acme", "acme/other", true)]
    [InlineData("orgs/acme", "umbrella/app", false)]
    [InlineData("enterprises/megacorp", "umbrella/app", true)]
    public async Task Poll_ScopeOfRunner_DecidesWhichRepositoriesItServes(string scope, string repository, bool assigned)
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Host.QueueJobs(new JobRequest { Repository = repository, Labels = ["linux"] });
        var (_, jit) = await emulator.RegisterAsync(scope, "r", ["linux"]);
        using var session = new RunnerSession(jit);

        (await session.ConnectAndTakeAsync() is not null).ShouldBe(assigned);
    }

    [Fact]
    public async Task Poll_Waiting_GetsAJobQueuedDuringTheWait()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var (_, jit) = await emulator.RegisterAsync("orgs/acme", "r", ["linux"]);
        using var session = new RunnerSession(jit);
        (await session.ConnectAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        var poll = session.PollAsync(waitSeconds: 20);
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] }).Single();
        var response = await poll.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.JsonAsync())["job"]!["id"]!.GetValue<long>().ShouldBe(job.Id);
    }

    [Fact]
    public async Task Poll_OldestMatchingJobFirst_AndRepeatedPollReturnsTheSameJob()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobs = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"], Count = 2 });
        var (_, jit) = await emulator.RegisterAsync("orgs/acme", "r", ["linux"]);
        using var session = new RunnerSession(jit);

        (await session.ConnectAndTakeAsync()).ShouldBe(jobs[0].Id);
        var again = await session.PollAsync();

        (await again.JsonAsync())["job"]!["id"]!.GetValue<long>().ShouldBe(jobs[0].Id);
        emulator.Host.State.GetJob(jobs[1].Id)!.Status.ShouldBe(EmulatedJobStatus.Queued);
    }

    [Fact]
    public async Task Poll_RegistrationDeletedWhileWaiting_Is404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var (id, jit) = await emulator.RegisterAsync("orgs/acme", "r", ["linux"]);
        using var session = new RunnerSession(jit);
        (await session.ConnectAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        var poll = session.PollAsync(waitSeconds: 20);
        (await emulator.Http.DeleteAsync($"orgs/acme/actions/runners/{id}", TestTimeouts.Token())).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await poll.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Complete_OwnJob_CompletesItAndRemovesTheRegistration()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] }).Single();
        var (id, jit) = await emulator.RegisterAsync("orgs/acme", "r", ["linux"]);
        using var session = new RunnerSession(jit);
        await session.ConnectAndTakeAsync();

        (await session.CompleteAsync(job.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var done = emulator.Host.State.GetJob(job.Id)!;
        done.Status.ShouldBe(EmulatedJobStatus.Completed);
        done.Conclusion.ShouldBe("success");
        emulator.Host.State.GetRunner(id)!.Removed.ShouldBeTrue();
        (await emulator.Http.GetAsync($"orgs/acme/actions/runners/{id}", TestTimeouts.Token())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await session.PollAsync()).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Complete_SomeoneElsesJob_Is404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] }).Single();
        var (_, workerJit) = await emulator.RegisterAsync("orgs/acme", "worker", ["linux"]);
        var (_, idleJit) = await emulator.RegisterAsync("orgs/acme", "idle", ["linux"]);
        using var worker = new RunnerSession(workerJit);
        using var idle = new RunnerSession(idleJit);
        (await worker.ConnectAndTakeAsync()).ShouldBe(job.Id);
        (await idle.ConnectAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await idle.CompleteAsync(job.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        emulator.Host.State.GetJob(job.Id)!.Status.ShouldBe(EmulatedJobStatus.InProgress);
    }

    [Fact]
    public async Task Poll_ManyRunnersRacingForFewJobs_EachJobAssignedOnce()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobs = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"], Count = 3 });
        var sessions = new List<RunnerSession>();
        for (var i = 0; i < 8; i++)
        {
            var (_, jit) = await emulator.RegisterAsync("orgs/acme", $"r{i}", ["linux"]);
            var session = new RunnerSession(jit);
            (await session.ConnectAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
            sessions.Add(session);
        }

        var taken = await Task.WhenAll(sessions.Select(async s =>
        {
            var response = await s.PollAsync();
            return (int)response.StatusCode == 200 ? (await response.JsonAsync())["job"]!["id"]!.GetValue<long>() : (long?)null;
        })).WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);

        taken.OfType<long>().Order().ShouldBe(jobs.Select(j => j.Id));
        emulator.Host.State.Runners.Count(r => r.JobId is not null).ShouldBe(3);
        sessions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task DisposeAsync_WithALongPollOpen_EndsThePollAndReturnsPromptly()
    {
        var emulator = await TestEmulator.StartAsync();
        var (_, jit) = await emulator.RegisterAsync("orgs/acme", "r", ["linux"]);
        using var session = new RunnerSession(jit);
        (await session.ConnectAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        var poll = session.PollAsync(waitSeconds: 60);
        await Task.Yield();

        var started = TimeProvider.System.GetTimestamp();
        await emulator.DisposeAsync();

        TimeProvider.System.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(10));
        // The poll ends without a job: 204 if the answer got out before the listener closed, else a connection error.
        HttpStatusCode? status;
        try
        {
            status = (await poll.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken)).StatusCode;
        }
        catch (HttpRequestException)
        {
            status = null;
        }

        status.ShouldBeOneOf(HttpStatusCode.NoContent, null);
    }
}
