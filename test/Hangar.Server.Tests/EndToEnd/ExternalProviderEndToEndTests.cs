using System.Diagnostics;
using Hangar.Cli.Demo;
using Hangar.Core.Storage;
using Hangar.Store.Sqlite;
using Hangar.Testing.Providers;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// A GARM external provider end to end: the emulator queues jobs, Hangar runs the conformant test provider
/// (garm-docker-provider.mjs), whose containers fetch their runner credential from the metadata endpoint with their
/// instance token, report through the callback endpoint, take one job each and are deleted through the provider.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExternalProviderEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_TenJobsThroughAGarmProvider_ServedViaMetadataAndCallbacksNothingLeaked()
    {
        await DockerImage.EnsureRunnerImageAsync();
        var controllerId = "ext-" + Guid.NewGuid().ToString("N")[..8];
        var dataDir = Directory.CreateTempSubdirectory("hangar-e2e-external-").FullName;
        var scenario = new DemoScenario(
            new DemoOptions
            {
                Jobs = 10,
                Provider = "external",
                ExternalExecutable = GarmDockerProvider.Executable,
                ExternalEnvironment = GarmDockerProvider.Environment,
                ControllerId = controllerId,
                DataDir = dataDir,
                Timeout = TimeSpan.FromMinutes(4),
            },
            line => output.WriteLine(line));
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var summary = (await scenario.RunAsync(cts.Token)).Summary;
        output.WriteLine(summary.ToString());

        summary.TimedOut.ShouldBeFalse();
        summary.JobsCompleted.ShouldBe(10);
        summary.JobsCompletedInStore.ShouldBe(10);
        summary.RunnersWithSeveralJobs.ShouldBe(0);
        summary.Leaked.ShouldBe(0);
        summary.RunnersDeleted.ShouldBe(summary.RunnersCreated);
        (await ContainersAsync(controllerId)).ShouldBeEmpty();

        // Every runner that took a job got its credential only through the metadata endpoint, so each reported in.
        await using var store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(dataDir, "hangar.db") });
        var served = (await store.ListInstancesAsync(InstanceQuery.All, cts.Token)).Where(i => i.JobId is not null).ToList();
        served.Count.ShouldBeGreaterThanOrEqualTo(10);
        foreach (var instance in served)
        {
            var reasons = (await store.GetHistoryAsync(instance.Name, 50, cts.Token)).Select(t => t.Reason).ToList();
            reasons.ShouldContain("instance reported installing: fetching the runner credential", $"{instance.Name}: {string.Join(" | ", reasons)}");
            reasons.ShouldContain(r => r.StartsWith("instance reported idle", StringComparison.Ordinal), $"{instance.Name}: {string.Join(" | ", reasons)}");
            (await store.GetInstanceTokenAsync(instance.Name, cts.Token)).ShouldBeNull();
        }
    }

    private static async Task<string[]> ContainersAsync(string controllerId)
    {
        var start = new ProcessStartInfo("docker", ["ps", "-aq", "--filter", $"label=garm-controller-id={controllerId}"]) { RedirectStandardOutput = true };
        using var docker = Process.Start(start)!;
        var text = await docker.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(1));
        await docker.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
