using System.Text.Json;
using Hangar.Core.Instances;
using Hangar.Testing;

namespace Hangar.Cli.Tests;

/// <summary>The list commands read the API's pages to the end, or stop at <c>--limit</c>.</summary>
public sealed class ListCommandPagingTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private ServerFixture _server = null!;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Creates that gave up, cleaned up and kept with their error, one second apart.</summary>
    private Task SeedFailedRunnersAsync(int count)
    {
        var ct = TestContext.Current.CancellationToken;
        return Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var name = $"hgr-linux-{i:D5}";
            var at = T0.AddSeconds(i);
            await _server.Store.InsertInstanceAsync(new Instance
            {
                Name = name, Pool = "linux", Provider = "docker", State = InstanceState.Pending, CreatedAt = at, StateChangedAt = at,
            }, "wanted", ct);
            await _server.Store.TransitionAsync(name, InstanceState.Failed, "gave up", at, new InstanceChanges { LastError = "image not found" }, ct);
            await _server.Store.TransitionAsync(name, InstanceState.Deleting, "cleanup", at, cancellationToken: ct);
            await _server.Store.TransitionAsync(name, InstanceState.Deleted, "cleaned up", at, cancellationToken: ct);
        }));
    }

    private Task<HangarCli.Result> RunAsync(params string[] args) =>
        HangarCli.RunAsync(Timeout, [.. args, "--server", _server.BaseUrl.ToString(), "--token", ServerFixture.ApiToken]);

    [Fact]
    public async Task RunnersListFailed_MoreThanTheLargestPage_PrintsEveryRunnerOnceNewestFirst()
    {
        await SeedFailedRunnersAsync(1_001);

        var result = await RunAsync("runners", "list", "--failed", "-o", "json");

        result.ExitCode.ShouldBe(0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.EnumerateArray().Select(r => r.GetProperty("name").GetString())
            .ShouldBe(Enumerable.Range(0, 1_001).Reverse().Select(i => $"hgr-linux-{i:D5}"));
        result.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunnersListFailed_LimitBelowTheCount_PrintsThatManyNewestAndSaysThereIsMore()
    {
        await SeedFailedRunnersAsync(5);

        var result = await RunAsync("runners", "list", "--failed", "--limit", "3");

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("hgr-linux-00004");
        result.Stdout.ShouldContain("hgr-linux-00002");
        result.Stdout.ShouldNotContain("hgr-linux-00001");
        result.Stderr.Trim().ShouldBe("hangar: more runners than --limit 3 shows");
    }

    [Fact]
    public async Task RunnersList_LimitZero_RefusedAsInvalid()
    {
        var result = await RunAsync("runners", "list", "--limit", "0");

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("--limit must be at least 1");
    }
}
