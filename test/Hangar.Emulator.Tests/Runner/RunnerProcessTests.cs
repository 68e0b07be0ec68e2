using Hangar.Emulator.State;
using Hangar.Emulator.Tests.Support;

namespace Hangar.Emulator.Tests.Runner;

/// <summary>The real <c>hangar-emulated-runner</c> as a child process against a real emulator.</summary>
public sealed class RunnerProcessTests
{
    [Fact]
    public async Task Runner_OneQueuedJob_TakesItCompletesItAndExitsZero()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(o => o with { WebhookUrl = receiver.Url, WebhookSecret = "s" });
        var job = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted", "linux"], Name = "unit-tests" }).Single();
        var (runnerId, jit) = await emulator.RegisterAsync("repos/acme/app", "hangar-proc-1", ["self-hosted", "linux"]);

        using var runner = RunnerProcess.Start(jit);
        var exit = await runner.WaitForExitAsync();

        exit.ShouldBe(0, runner.Stderr);
        runner.Stdout.ShouldContain("√ Connected to GitHub");
        runner.Stdout.ShouldContain("Running job: unit-tests");
        runner.Stdout.ShouldContain("Job unit-tests completed with result: Succeeded");
        runner.Stdout.ShouldNotContain(Hangar.Emulator.Runner.RunnerSettings.Decode(jit).Token);
        var done = emulator.Host.State.GetJob(job.Id)!;
        done.Status.ShouldBe(EmulatedJobStatus.Completed);
        done.RunnerId.ShouldBe(runnerId);
        emulator.Host.State.GetRunner(runnerId)!.Removed.ShouldBeTrue();
        (await receiver.TakeAsync(3)).Select(h => h.Action).ShouldBe(["queued", "in_progress", "completed"]);
    }

    [Fact]
    public async Task Runner_JitConfigOnCommandLine_AlsoWorks()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"], Duration = TimeSpan.Zero });
        var (_, jit) = await emulator.RegisterAsync("orgs/acme", "cli", ["linux"]);

        using var runner = RunnerProcess.Start(null, "--jitconfig", jit);

        (await runner.WaitForExitAsync()).ShouldBe(0, runner.Stderr);
    }

    [Fact]
    public async Task Runners_TwoRunnersThreeJobs_EachTakesOneAndEveryJobIsTakenAtMostOnce()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobs = emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"], Count = 3, Duration = TimeSpan.FromMilliseconds(300) });
        var (_, jitA) = await emulator.RegisterAsync("orgs/acme", "a", ["linux"]);
        var (_, jitB) = await emulator.RegisterAsync("orgs/acme", "b", ["linux"]);

        using var a = RunnerProcess.Start(jitA);
        using var b = RunnerProcess.Start(jitB);
        var exits = await Task.WhenAll(a.WaitForExitAsync(), b.WaitForExitAsync());

        exits.ShouldBe([0, 0], a.Stderr + b.Stderr);
        var state = emulator.Host.State;
        state.Jobs.Count(j => j.Status == EmulatedJobStatus.Completed).ShouldBe(2);
        state.Jobs.Count(j => j.Status == EmulatedJobStatus.Queued).ShouldBe(1);
        state.Jobs.Where(j => j.RunnerName is not null).Select(j => j.RunnerName).Order().ShouldBe(["a", "b"]);
        state.Runners.Select(r => r.JobId).Distinct().Count().ShouldBe(2);
        state.Runners.ShouldAllBe(r => jobs.Any(j => j.Id == r.JobId));
    }

    [Fact]
    public async Task Runner_JobLabelsNotCarried_IsNotAssignedAndGivesUpAtIdleTimeout()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux", "gpu"] });
        var (_, jit) = await emulator.RegisterAsync("orgs/acme", "no-gpu", ["linux"]);

        using var runner = RunnerProcess.Start(jit, "--idle-timeout", "1s");

        (await runner.WaitForExitAsync()).ShouldNotBe(0);
        runner.Stderr.ShouldContain("no job was assigned");
        emulator.Host.State.Jobs.Single().Status.ShouldBe(EmulatedJobStatus.Queued);
    }

    [Fact]
    public async Task Runner_JitConfigUsedTwice_SecondRunnerExitsNonZero()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.Host.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["linux"] });
        var (_, jit) = await emulator.RegisterAsync("orgs/acme", "once", ["linux"]);
        using var first = RunnerProcess.Start(jit);
        (await first.WaitForExitAsync()).ShouldBe(0, first.Stderr);

        using var second = RunnerProcess.Start(jit);

        (await second.WaitForExitAsync()).ShouldNotBe(0);
        second.Stderr.Trim().Split('\n').Length.ShouldBe(1);
        emulator.Host.State.Jobs.Single().RunnerName.ShouldBe("once");
    }

    [Fact]
    public async Task Runner_ConnectedConfigReused_SecondExitsWithSingleUseMessage()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var (_, jit) = await emulator.RegisterAsync("orgs/acme", "twice", ["linux"]);
        using var session = new RunnerSession(jit);
        (await session.ConnectAsync()).IsSuccessStatusCode.ShouldBeTrue();

        using var runner = RunnerProcess.Start(jit);

        (await runner.WaitForExitAsync()).ShouldNotBe(0);
        runner.Stderr.ShouldContain("single-use");
    }

    [Fact]
    public async Task Runner_RegistrationDeletedWhileListening_ExitsNonZero()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var (id, jit) = await emulator.RegisterAsync("orgs/acme", "doomed", ["linux"]);
        using var runner = RunnerProcess.Start(jit);
        await emulator.Host.State.WaitUntilAsync(s => s.GetRunner(id)!.Online, TestTimeouts.Token());

        (await emulator.Http.DeleteAsync($"orgs/acme/actions/runners/{id}", TestTimeouts.Token())).IsSuccessStatusCode.ShouldBeTrue();

        (await runner.WaitForExitAsync()).ShouldNotBe(0);
        runner.Stderr.ShouldContain("registration was removed");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bm90IGpzb24=")]
    public async Task Runner_MissingOrBrokenConfig_ExitsNonZeroWithOneLine(string? jit)
    {
        using var runner = RunnerProcess.Start(jit);

        (await runner.WaitForExitAsync()).ShouldNotBe(0);
        runner.Stderr.Trim().Split('\n').Length.ShouldBe(1);
        runner.Stderr.ShouldStartWith("hangar-emulated-runner: ");
    }
}
