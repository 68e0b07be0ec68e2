using System.Net;
using System.Text.Json;
using Hangar.Testing;

namespace Hangar.Cli.Tests;

public sealed class ListCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private ServerFixture _server = null!;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task JobsList_Json_PrintsTheApiAnswer()
    {
        using var posted = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(501, "queued"));
        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var result = await HangarCli.RunAsync(Timeout, "jobs", "list", "--server", _server.BaseUrl.ToString(), "--token", ServerFixture.ApiToken, "-o", "json");

        result.ExitCode.ShouldBe(0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.EnumerateArray().Single().GetProperty("id").GetInt64().ShouldBe(501);
    }

    [Fact]
    public async Task JobsList_Table_PrintsHeadersAndRows()
    {
        using var posted = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(502, "queued"));
        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var result = await HangarCli.RunAsync(Timeout, "jobs", "list", "--server", _server.BaseUrl.ToString(), "--token", ServerFixture.ApiToken);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("REPOSITORY");
        result.Stdout.ShouldContain("502");
    }

    [Fact]
    public async Task PoolsList_NoPools_SaysSo()
    {
        var result = await HangarCli.RunAsync(Timeout, "pools", "list", "--server", _server.BaseUrl.ToString(), "--token", ServerFixture.ApiToken);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.Trim().ShouldBe("no pools");
    }

    [Fact]
    public async Task RunnersList_WithoutToken_OneLineAndExit3()
    {
        var result = await HangarCli.RunAsync(Timeout, "runners", "list", "--server", _server.BaseUrl.ToString());

        result.ExitCode.ShouldBe(3);
        result.Stderr.Trim().Split('\n').Length.ShouldBe(1);
        result.Stderr.ShouldContain("401");
    }

    [Fact]
    public async Task RunnersList_ServerDown_OneLineAndExit3()
    {
        var result = await HangarCli.RunAsync(Timeout, "runners", "list", "--server", "http://127.0.0.1:9", "--token", "x");

        result.ExitCode.ShouldBe(3);
        result.Stderr.ShouldStartWith("hangar: cannot reach");
    }
}
