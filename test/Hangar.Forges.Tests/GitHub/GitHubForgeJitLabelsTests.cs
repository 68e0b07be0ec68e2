using System.Net;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Emulator;
using Hangar.Emulator.State;

namespace Hangar.Forges.Tests.GitHub;

/// <summary>
/// A JIT registration carries exactly the labels sent (reference section 3), and workflows ask for
/// <c>runs-on: [self-hosted, ...]</c>: the forge sends <c>self-hosted</c> itself unless the pool opts out.
/// </summary>
public sealed class GitHubForgeJitLabelsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateRunnerCredentialAsync_PoolLabels_SendsSelfHostedExplicitlyFirst()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Created, TestForge.JitResponse(1, "r"));

        await TestForge.Create(handler)
            .CreateRunnerCredentialAsync(ForgeTarget.Repository("acme/app"), new RunnerRequest("r", ["Linux", "X64", "gpu"], null), Ct)
            .WaitAsync(TestForge.Timeout, Ct);

        SentLabels(handler).ShouldBe(["self-hosted", "Linux", "X64", "gpu"]);
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_PoolAlreadyListsSelfHostedInOtherCase_SendsItOnce()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Created, TestForge.JitResponse(1, "r"));

        await TestForge.Create(handler)
            .CreateRunnerCredentialAsync(ForgeTarget.Repository("acme/app"), new RunnerRequest("r", ["linux", "Self-Hosted"], null), Ct)
            .WaitAsync(TestForge.Timeout, Ct);

        SentLabels(handler).ShouldBe(["linux", "Self-Hosted"]);
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_ImplicitLabelsOff_SendsExactlyThePoolLabels()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.Created, TestForge.JitResponse(1, "r"));

        await TestForge.Create(handler)
            .CreateRunnerCredentialAsync(ForgeTarget.Repository("acme/app"), new RunnerRequest("r", ["linux"], null) { ImplicitLabels = false }, Ct)
            .WaitAsync(TestForge.Timeout, Ct);

        SentLabels(handler).ShouldBe(["linux"]);
    }

    [Fact]
    public async Task CreateRunnerCredentialAsync_ImplicitLabelsOffAndNoLabels_RefusedBeforeAnyCall()
    {
        var handler = new RecordingHandler();

        await Should.ThrowAsync<ArgumentException>(() => TestForge.Create(handler)
            .CreateRunnerCredentialAsync(ForgeTarget.Repository("acme/app"), new RunnerRequest("r", [], null) { ImplicitLabels = false }, Ct)
            .WaitAsync(TestForge.Timeout, Ct));

        handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task JitRunner_PoolWithoutSelfHostedInLabels_TakesASelfHostedJobAtTheEmulator()
    {
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Token = TestForge.Token }, Ct);
        var job = emulator.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted", "linux"] }).Single();
        using var forge = TestForge.ForEmulator(emulator);

        var credential = await forge.CreateRunnerCredentialAsync(ForgeTarget.Organization("acme"), new RunnerRequest("r1", ["linux"], null), Ct)
            .WaitAsync(TestForge.Timeout, Ct);
        var runner = new EmulatedJitRunner(emulator.State, credential);

        runner.TryTakeJob().ShouldBeTrue();
        runner.JobId.ShouldBe(job.Id);
        emulator.State.GetRunner(runner.Id)!.Labels.ShouldBe(["self-hosted", "linux"]);
    }

    [Fact]
    public async Task JitRunner_ImplicitLabelsOff_IsNotGivenASelfHostedJob()
    {
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Token = TestForge.Token }, Ct);
        emulator.QueueJobs(new JobRequest { Repository = "acme/app", Labels = ["self-hosted", "linux"] });
        using var forge = TestForge.ForEmulator(emulator);

        var credential = await forge.CreateRunnerCredentialAsync(
            ForgeTarget.Organization("acme"), new RunnerRequest("r1", ["linux"], null) { ImplicitLabels = false }, Ct).WaitAsync(TestForge.Timeout, Ct);

        new EmulatedJitRunner(emulator.State, credential).TryTakeJob().ShouldBeFalse();
        emulator.State.Jobs.Single().Status.ShouldBe(EmulatedJobStatus.Queued);
    }

    private static string?[] SentLabels(RecordingHandler handler) =>
        [.. handler.Requests.ShouldHaveSingleItem().Json().GetProperty("labels").EnumerateArray().Select(l => l.GetString())];
}
