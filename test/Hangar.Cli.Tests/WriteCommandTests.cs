using Hangar.Core.Instances;
using Hangar.Core.Operators;
using Hangar.Core.Pools;
using Hangar.Testing;

namespace Hangar.Cli.Tests;

/// <summary>
/// <c>hangar runners delete</c>, <c>pools enable|disable|scale|reset</c>, <c>jobs recheck</c> against a real server: what
/// they print, what they store, and one readable line with exit code 3 when the server refuses.
/// </summary>
public sealed class WriteCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 5, 0, 0, TimeSpan.Zero);
    private ServerFixture _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Pressure-only: routed and counted, never provisioned.
    private static PoolSpec Pool(string name) => new()
    {
        Name = name, Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = ["linux"], Provider = PoolSpec.NoProvider, MaxRunners = 4,
    };

    public async ValueTask InitializeAsync() =>
        _server = await ServerFixture.StartAsync(configure: c => c with { Engine = c.Engine with { Pools = [Pool("linux")] } });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Task<HangarCli.Result> RunAsync(string token, params string[] args) =>
        HangarCli.RunAsync(Timeout, [.. args, "--server", _server.BaseUrl.ToString(), "--token", token]);

    [Fact]
    public async Task PoolsScaleDisableReset_Admin_PrintsEffectiveAndFileValuesAndStores()
    {
        var scaled = await RunAsync(ServerFixture.ApiToken, "pools", "scale", "linux", "--max", "2");

        scaled.ExitCode.ShouldBe(0, scaled.Stderr);
        scaled.Stdout.ShouldContain("pool linux: enabled=true min_idle=0 max_runners=2");
        scaled.Stdout.ShouldContain("max_runners (file: 4)");
        scaled.Stdout.ShouldContain("overridden by config:api");

        var disabled = await RunAsync(ServerFixture.ApiToken, "pools", "disable", "linux", "-o", "json");
        disabled.ExitCode.ShouldBe(0, disabled.Stderr);
        disabled.Stdout.ShouldContain("\"enabled\":false");
        (await _server.Store.ListPoolOverridesAsync(Ct)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            o => o.Enabled.ShouldBe(false), o => o.MaxRunners.ShouldBe(2));

        var reset = await RunAsync(ServerFixture.ApiToken, "pools", "reset", "linux");
        reset.ExitCode.ShouldBe(0, reset.Stderr);
        reset.Stdout.ShouldContain("no overrides");
        (await _server.Store.ListPoolOverridesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PoolsScale_ReadToken_OneLineRefusalExit3()
    {
        var result = await RunAsync(ServerFixture.ReadToken, "pools", "scale", "linux", "--min", "1");

        result.ExitCode.ShouldBe(3);
        result.Stderr.Trim().Split('\n').ShouldHaveSingleItem().ShouldContain("answered 403");
        (await _server.Store.ListPoolOverridesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PoolsScale_NeitherMinNorMax_RefusedBeforeAnyCall()
    {
        var result = await RunAsync(ServerFixture.ApiToken, "pools", "scale", "linux");

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldContain("give --min, --max or both");
    }

    [Fact]
    public async Task RunnersDelete_IdleRunner_PrintsRetiredAndHistoryNamesTheToken()
    {
        await _server.Store.InsertInstanceAsync(new Instance
        {
            Name = "hgr-linux-cli", Pool = "linux", Provider = PoolSpec.NoProvider, State = InstanceState.Pending, CreatedAt = T0, StateChangedAt = T0,
        }, "wanted", Ct);

        var result = await RunAsync(ServerFixture.ApiToken, "runners", "delete", "hgr-linux-cli");

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("runner hgr-linux-cli: retired now");
        (await _server.Store.ListOperatorActionsAsync(new OperatorActionQuery { Instance = "hgr-linux-cli" }, Ct))
            .ShouldHaveSingleItem().Actor.ShouldBe("config:api");
    }

    [Fact]
    public async Task RunnersDeleteAndJobsRecheck_Unknown_OneLine404Exit3()
    {
        var runner = await RunAsync(ServerFixture.ApiToken, "runners", "delete", "nope", "--force");
        var job = await RunAsync(ServerFixture.ApiToken, "jobs", "recheck", "404");

        foreach (var result in new[] { runner, job })
        {
            result.ExitCode.ShouldBe(3);
            result.Stderr.Trim().Split('\n').ShouldHaveSingleItem().ShouldContain("answered 404");
        }
    }
}
