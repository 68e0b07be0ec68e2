using System.Text.Json;

namespace Hangar.Cli.Tests;

/// <summary><c>runners|pools|jobs show</c> against a real server, and the one-line errors of every read command.</summary>
public sealed class ShowCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private CliFleet _fleet = null!;

    public async ValueTask InitializeAsync() => _fleet = await CliFleet.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task RunnersShow_Table_FieldsAndTheWholeHistoryOldestFirst()
    {
        var result = await HangarCli.RunAsync(Timeout, ["runners", "show", "linux-busy", .. _fleet.Connect]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("job_id");
        var reasons = new[] { "wanted for job 13", "create started", "machine created", "runner online", "took job 13" };
        // The last one is also the runner's last_reason, above the history: its last place is in the history.
        var positions = reasons.Select(r => result.Stdout.LastIndexOf(r, StringComparison.Ordinal)).ToArray();
        positions.ShouldAllBe(p => p >= 0);
        positions.ShouldBeInOrder();
    }

    [Fact]
    public async Task RunnersShow_Json_TheApiObjectWithItsHistory()
    {
        var result = await HangarCli.RunAsync(Timeout, ["runners", "show", "gpu-broken", .. _fleet.Connect, "-o", "json"]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.GetProperty("state").GetString().ShouldBe("failed");
        doc.RootElement.GetProperty("last_error").GetString().ShouldBe(CliFleet.FailedError);
        doc.RootElement.GetProperty("history").EnumerateArray().Select(t => t.GetProperty("to").GetString()).ShouldBe(["failed", "pending"]);
    }

    [Fact]
    public async Task RunnersShow_NoSuchRunner_OneLineExit5()
    {
        var result = await HangarCli.RunAsync(Timeout, ["runners", "show", "nope", .. _fleet.Connect]);

        result.ExitCode.ShouldBe(5);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.TrimEnd().ShouldBe("hangar: no runner named 'nope'");
    }

    [Fact]
    public async Task PoolsShow_Table_SettingsRunnersAndQueueWithAges()
    {
        var result = await HangarCli.RunAsync(Timeout, ["pools", "show", "linux", .. _fleet.Connect]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("max_runners");
        result.Stdout.ShouldContain("Runners (1)");
        result.Stdout.Split('\n').First(l => l.Contains("linux-busy", StringComparison.Ordinal)).ShouldContain("busy");
        result.Stdout.ShouldContain("Queued jobs (1)");
        result.Stdout.Split('\n').First(l => l.Contains(" 11 ", StringComparison.Ordinal)).ShouldContain("acme/app");
    }

    [Fact]
    public async Task PoolsShow_Json_PoolRunnersAndQueuedJobs()
    {
        var result = await HangarCli.RunAsync(Timeout, ["pools", "show", "linux", .. _fleet.Connect, "-o", "json"]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.GetProperty("pool").GetProperty("name").GetString().ShouldBe("linux");
        doc.RootElement.GetProperty("runners").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldBe(["linux-busy"]);
        doc.RootElement.GetProperty("queued_jobs").EnumerateArray().Select(j => j.GetProperty("id").GetInt64()).ShouldBe([11]);
    }

    [Fact]
    public async Task PoolsShow_NoSuchPool_OneLineExit5()
    {
        var result = await HangarCli.RunAsync(Timeout, ["pools", "show", "arm", .. _fleet.Connect]);

        result.ExitCode.ShouldBe(5);
        result.Stderr.TrimEnd().ShouldBe("hangar: no pool named 'arm'");
    }

    [Fact]
    public async Task JobsShow_Table_RoutingAndTheRunnerWithItsState()
    {
        var result = await HangarCli.RunAsync(Timeout, ["jobs", "show", "13", .. _fleet.Connect]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("in_progress");
        result.Stdout.Split('\n').First(l => l.Contains("runner_name", StringComparison.Ordinal)).ShouldContain("linux-busy (busy)");
    }

    [Fact]
    public async Task JobsShow_Yaml_TheJobWithItsUnroutableReason()
    {
        var result = await HangarCli.RunAsync(Timeout, ["jobs", "show", "12", .. _fleet.Connect, "-o", "yaml"]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("id: 12\n");
        result.Stdout.ShouldContain("unroutable_reason: " + CliFleet.UnroutableReason);
    }

    [Fact]
    public async Task JobsShow_NoSuchJob_OneLineExit5()
    {
        var result = await HangarCli.RunAsync(Timeout, ["jobs", "show", "404", .. _fleet.Connect]);

        result.ExitCode.ShouldBe(5);
        result.Stderr.TrimEnd().ShouldBe("hangar: no job with id 404");
    }

    [Fact]
    public async Task Show_BadToken_OneLineWithTheProblemTitleExit3()
    {
        var result = await HangarCli.RunAsync(Timeout, "runners", "show", "linux-busy", "--server", _fleet.Server.BaseUrl.ToString(), "--token", "wrong");

        result.ExitCode.ShouldBe(3);
        result.Stderr.Trim().Split('\n').ShouldHaveSingleItem().ShouldStartWith($"hangar: {_fleet.Server.BaseUrl.GetLeftPart(UriPartial.Authority)} refused the request: 401 Unauthorized");
    }

    [Fact]
    public async Task TokensList_ReadToken_OneLineForbiddenWithWhatIsMissing()
    {
        var result = await HangarCli.RunAsync(Timeout, "tokens", "list", "--server", _fleet.Server.BaseUrl.ToString(), "--token", Testing.ServerFixture.ReadToken);

        result.ExitCode.ShouldBe(3);
        var line = result.Stderr.Trim().Split('\n').ShouldHaveSingleItem();
        line.ShouldContain("403 Forbidden");
        line.ShouldContain("needs scope 'admin'");
    }

    [Fact]
    public async Task Status_ServerDown_OneLineCannotReachExit3()
    {
        var result = await HangarCli.RunAsync(Timeout, "status", "--server", "http://127.0.0.1:9", "--token", "x");

        result.ExitCode.ShouldBe(3);
        result.Stderr.Trim().Split('\n').ShouldHaveSingleItem().ShouldStartWith("hangar: cannot reach http://127.0.0.1:9");
    }
}
