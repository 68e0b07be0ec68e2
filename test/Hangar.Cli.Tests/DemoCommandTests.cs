using System.Text.Json;

namespace Hangar.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_ProcessProviderJson_Exit0WithSummary()
    {
        var result = await HangarCli.RunAsync(TimeSpan.FromMinutes(4), "demo", "--jobs", "6", "--provider", "process", "-o", "json");

        result.ExitCode.ShouldBe(0, result.Stderr);
        using var summary = JsonDocument.Parse(result.Stdout);
        summary.RootElement.GetProperty("jobs_completed").GetInt32().ShouldBe(6);
        summary.RootElement.GetProperty("leaked").GetInt32().ShouldBe(0);
        summary.RootElement.GetProperty("provider").GetString().ShouldBe("process");
    }

    [Fact]
    public async Task Demo_ScaleSetMode_JobsServedThroughTheListenerNothingLeaked()
    {
        var result = await HangarCli.RunAsync(TimeSpan.FromMinutes(4), "demo", "--mode", "scaleset", "--jobs", "6", "--provider", "process", "-o", "json");

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stderr.ShouldContain("mode scaleset");
        using var summary = JsonDocument.Parse(result.Stdout);
        summary.RootElement.GetProperty("jobs_completed").GetInt32().ShouldBe(6);
        summary.RootElement.GetProperty("leaked").GetInt32().ShouldBe(0);
        summary.RootElement.GetProperty("wrong_pool").GetInt32().ShouldBe(0);
        summary.RootElement.GetProperty("jobs_completed_in_store").GetInt32().ShouldBe(6);
    }

    [Fact]
    public async Task Demo_ZeroJobs_Exit1WithOneLine()
    {
        var result = await HangarCli.RunAsync(TimeSpan.FromSeconds(60), "demo", "--jobs", "0");

        result.ExitCode.ShouldBe(1);
        result.Stderr.Trim().ShouldBe("hangar: --jobs must be at least 1");
    }
}
