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
    public async Task Demo_Redirected_PlainProgressLinesThenTheSummaryTable()
    {
        var result = await HangarCli.RunAsync(TimeSpan.FromMinutes(4), "demo", "--jobs", "4", "--provider", "process");

        result.ExitCode.ShouldBe(0, result.Stderr);
        var lines = result.Stdout.Split('\n');
        lines.ShouldContain(l => l.StartsWith("demo: ", StringComparison.Ordinal) && l.Contains("jobs 4/4 completed", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("runners with several jobs", StringComparison.Ordinal) && l.Contains(" 0 ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("result", StringComparison.Ordinal) && l.Contains("ok", StringComparison.Ordinal));
        result.Stdout.ShouldNotContain("\u001b[");
    }

    [Fact]
    public async Task Demo_OnATerminal_LiveProgressDisplayThenTheSummaryTable()
    {
        var result = await HangarCli.RunOnTerminalAsync(TimeSpan.FromMinutes(4), new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["NO_COLOR"] = null },
            "demo", "--jobs", "4", "--provider", "process");

        result.ExitCode.ShouldBe(0, result.Stdout + result.Stderr);
        // Redrawn in place (cursor up), not a stream of lines: the progress rows are bars, not "demo: jobs …" lines.
        result.Stdout.ShouldContain("jobs completed");
        result.Stdout.ShouldContain("100%");
        result.Stdout.ShouldContain("\u001b[");
        result.Stdout.ShouldNotContain("demo: jobs ");
        result.Stdout.ShouldContain("runners with several jobs");
    }

    [Fact]
    public async Task Demo_ZeroJobs_Exit1WithOneLine()
    {
        var result = await HangarCli.RunAsync(TimeSpan.FromSeconds(60), "demo", "--jobs", "0");

        result.ExitCode.ShouldBe(1);
        result.Stderr.Trim().ShouldBe("hangar: --jobs must be at least 1");
    }
}
