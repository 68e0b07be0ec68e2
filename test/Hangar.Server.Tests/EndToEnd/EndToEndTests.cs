using Docker.DotNet;
using Docker.DotNet.Models;
using Hangar.Cli.Demo;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// The whole path with real parts: the emulator sends signed webhooks to the real server, which creates one-job runners
/// (real containers on the Docker engine, or real child processes) that take the jobs and are destroyed afterwards.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_TwentyJobsOnDocker_AllServedByTheRightPoolAndNothingLeaked()
    {
        await DockerImage.EnsureRunnerImageAsync();
        var controllerId = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var summary = await RunAsync(new DemoOptions { Jobs = 20, Provider = "docker", ControllerId = controllerId });

        AssertServed(summary, 20);
        using var docker = new DockerClientConfiguration().CreateClient();
        var ours = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"dev.hangar.controller={controllerId}"] = true } },
        }, TestContext.Current.CancellationToken);
        ours.ShouldBeEmpty();
    }

    [Fact]
    public async Task Demo_TwentyJobsOnProcesses_AllServedByTheRightPoolAndNothingLeaked()
    {
        var dataDir = Directory.CreateTempSubdirectory("hangar-e2e-process-").FullName;
        var summary = await RunAsync(new DemoOptions { Jobs = 20, Provider = "process", DataDir = dataDir });

        AssertServed(summary, 20);
        var workDir = Path.Combine(dataDir, "process");
        (Directory.Exists(workDir) ? Directory.GetDirectories(workDir) : []).ShouldBeEmpty();
    }

    private async Task<DemoSummary> RunAsync(DemoOptions options)
    {
        var scenario = new DemoScenario(options with { Timeout = TimeSpan.FromMinutes(4) }, line => output.WriteLine(line));
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var summary = (await scenario.RunAsync(cts.Token)).Summary;
        output.WriteLine(summary.ToString());
        return summary;
    }

    private static void AssertServed(DemoSummary summary, int jobs)
    {
        summary.TimedOut.ShouldBeFalse();
        summary.JobsQueued.ShouldBe(jobs);
        summary.JobsCompleted.ShouldBe(jobs);
        summary.JobsCompletedInStore.ShouldBe(jobs);
        summary.WrongPool.ShouldBe(0);
        summary.RunnersWithSeveralJobs.ShouldBe(0);
        summary.Leaked.ShouldBe(0);
        summary.RunnersDeleted.ShouldBe(summary.RunnersCreated);
        summary.RunnersCreated.ShouldBeGreaterThanOrEqualTo(jobs);
    }
}
