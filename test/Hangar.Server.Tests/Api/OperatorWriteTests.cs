using System.Net;
using System.Text.Json;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Operators;
using Hangar.Core.Pools;
using Hangar.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Tests.Api;

/// <summary>
/// The admin writes over real HTTP: refused to a read token with a 403 ProblemDetails and nothing stored; pool overrides
/// stored, shown next to the file's values and in the pool's history with the token's name; bad values refused.
/// </summary>
public sealed class OperatorWriteTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private ServerFixture _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Pressure-only pools: routed and counted, never provisioned, so nothing but the writes changes the store.
    private static PoolSpec Pool(string name) => new()
    {
        Name = name, Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = ["linux"], Provider = PoolSpec.NoProvider,
        MinIdle = 1, MaxRunners = 4,
    };

    public async ValueTask InitializeAsync() =>
        _server = await ServerFixture.StartAsync(configure: c => c with { Engine = c.Engine with { Pools = [Pool("linux"), Pool("arm")] } });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> SendAsync(
        HttpMethod method, string path, string token = ServerFixture.ApiToken, object? body = null)
    {
        using var response = await ApiClient.SendAsync(_server, method, path, token, body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        using var doc = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (response.StatusCode, doc.RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Writes_ReadToken_Refused403ProblemAndNothingStored()
    {
        await _server.Store.InsertInstanceAsync(Instance("hgr-linux-1"), "wanted", Ct);
        await _server.Store.RecordJobEventAsync(Job(7), T0, Ct);
        var writes = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Delete, "/api/v1/runners/hgr-linux-1", null),
            (HttpMethod.Delete, "/api/v1/runners/hgr-linux-1?force=true", null),
            (HttpMethod.Post, "/api/v1/pools/linux/disable", null),
            (HttpMethod.Post, "/api/v1/pools/linux/enable", null),
            (HttpMethod.Post, "/api/v1/pools/linux/scale", new Dictionary<string, int> { ["max_runners"] = 1 }),
            (HttpMethod.Delete, "/api/v1/pools/linux/overrides", null),
            (HttpMethod.Post, "/api/v1/jobs/github/7/recheck", null),
        };

        foreach (var (method, path, body) in writes)
        {
            var (status, problem, mediaType) = await SendAsync(method, path, ServerFixture.ReadToken, body);

            status.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path}");
            mediaType.ShouldBe("application/problem+json");
            problem.GetProperty("status").GetInt32().ShouldBe(403);
            problem.GetProperty("detail").GetString()!.ShouldContain("admin");
        }

        (await _server.Store.ListRunnerRemovalsAsync(Ct)).ShouldBeEmpty();
        (await _server.Store.ListPoolOverridesAsync(Ct)).ShouldBeEmpty();
        (await _server.Store.ListOperatorActionsAsync(new OperatorActionQuery(), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Scale_AdminToken_StoredAppliedShownBesideTheFileAndInHistory()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/api/v1/pools/linux/scale", body: new Dictionary<string, int> { ["max_runners"] = 2 });
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        (_, body, _) = await SendAsync(HttpMethod.Post, "/api/v1/pools/linux/disable");

        body.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        body.GetProperty("max_runners").GetInt32().ShouldBe(2);
        body.GetProperty("min_idle").GetInt32().ShouldBe(1);
        var overrides = body.GetProperty("overrides");
        overrides.GetProperty("max_runners").GetInt32().ShouldBe(2);
        overrides.GetProperty("configured_max_runners").GetInt32().ShouldBe(4);
        overrides.GetProperty("set_by").GetString().ShouldBe("config:api");

        // In effect for the engine (the catalog every pass plans with) and stored for every replica.
        var effective = _server.App.Services.GetRequiredService<PoolCatalog>().Find("linux").ShouldNotBeNull();
        (effective.Enabled, effective.MaxRunners).ShouldBe((false, 2));
        (await _server.Store.ListPoolOverridesAsync(Ct)).ShouldHaveSingleItem().MaxRunners.ShouldBe(2);

        var (_, list, _) = await SendAsync(HttpMethod.Get, "/api/v1/pools");
        var linux = list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "linux");
        linux.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        linux.GetProperty("overrides").GetProperty("configured_enabled").GetBoolean().ShouldBeTrue();
        var arm = list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "arm");
        HasOverrides(arm).ShouldBeFalse();
        var (_, single, _) = await SendAsync(HttpMethod.Get, "/api/v1/pools/linux", ServerFixture.ReadToken);
        single.GetProperty("overrides").GetProperty("set_by").GetString().ShouldBe("config:api", "the single pool shows the overrides as the list does");

        var (_, history, _) = await SendAsync(HttpMethod.Get, "/api/v1/pools/linux/history", ServerFixture.ReadToken);
        var actions = history.GetProperty("items").EnumerateArray().ToList();
        actions.Select(a => a.GetProperty("action").GetString()).ShouldBe(["pool.disable", "pool.scale"]);
        actions.ShouldAllBe(a => a.GetProperty("actor").GetString() == "config:api");
        actions[1].GetProperty("detail").GetString()!.ShouldContain("max_runners=2");
    }

    [Fact]
    public async Task Reset_AfterOverrides_FileValuesApplyAgainAndTheResetIsInHistory()
    {
        await SendAsync(HttpMethod.Post, "/api/v1/pools/linux/scale", body: new Dictionary<string, int> { ["min_idle"] = 3 });

        var (status, body, _) = await SendAsync(HttpMethod.Delete, "/api/v1/pools/linux/overrides");

        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("min_idle").GetInt32().ShouldBe(1);
        HasOverrides(body).ShouldBeFalse();
        _server.App.Services.GetRequiredService<PoolCatalog>().Find("linux")!.MinIdle.ShouldBe(1);
        (await _server.Store.ListPoolOverridesAsync(Ct)).ShouldBeEmpty();
        (await _server.Store.ListOperatorActionsAsync(new OperatorActionQuery { Pool = "linux" }, Ct))[0].Action.ShouldBe("pool.reset");
    }

    [Theory]
    [InlineData("min_idle", 5, "would exceed max_runners")]
    [InlineData("max_runners", -1, "cannot be negative")]
    public async Task Scale_BadValues_400AndNothingStored(string key, int value, string expected)
    {
        var (status, problem, mediaType) = await SendAsync(HttpMethod.Post, "/api/v1/pools/linux/scale", body: new Dictionary<string, int> { [key] = value });

        status.ShouldBe(HttpStatusCode.BadRequest);
        mediaType.ShouldBe("application/problem+json");
        problem.GetProperty("detail").GetString()!.ShouldContain(expected);
        (await _server.Store.ListPoolOverridesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Writes_UnknownPoolRunnerOrJob_404Problem()
    {
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, "/api/v1/pools/nope/disable"),
            (HttpMethod.Delete, "/api/v1/runners/nope"),
            (HttpMethod.Post, "/api/v1/jobs/github/404/recheck"),
        })
        {
            var (status, _, mediaType) = await SendAsync(method, path);
            status.ShouldBe(HttpStatusCode.NotFound, $"{method} {path}");
            mediaType.ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task DeleteRunner_Idle_RetiredNowAndHistoryNamesTheToken()
    {
        await _server.Store.InsertInstanceAsync(Instance("hgr-linux-2"), "wanted", Ct);

        var (status, body, _) = await SendAsync(HttpMethod.Delete, "/api/v1/runners/hgr-linux-2");

        status.ShouldBe(HttpStatusCode.Accepted, body.ToString());
        body.GetProperty("outcome").GetString().ShouldBe("retired");
        body.GetProperty("requested_by").GetString().ShouldBe("config:api");
        var history = await _server.Store.ListHistoryAsync(new Core.Storage.HistoryQuery { Instance = "hgr-linux-2", Limit = 50 }, Ct);
        history.ShouldContain(e => e.Transition.Reason.Contains("removal requested by config:api"));
    }

    [Fact]
    public async Task Recheck_ForgeUnreachable_502ProblemAndNothingRecorded()
    {
        await _server.Store.RecordJobEventAsync(Job(8), T0, Ct);

        var (status, problem, mediaType) = await SendAsync(HttpMethod.Post, "/api/v1/jobs/github/8/recheck");

        status.ShouldBe(HttpStatusCode.BadGateway);
        mediaType.ShouldBe("application/problem+json");
        problem.GetProperty("title").GetString().ShouldBe("Forge look-up failed");
        (await _server.Store.ListOperatorActionsAsync(new OperatorActionQuery(), Ct)).ShouldBeEmpty();
    }

    // Nulls are left out of answers.
    private static bool HasOverrides(JsonElement pool) => pool.TryGetProperty("overrides", out var o) && o.ValueKind != JsonValueKind.Null;

    private static Instance Instance(string name) => new()
    {
        Name = name, Pool = "linux", Provider = PoolSpec.NoProvider, State = InstanceState.Pending, CreatedAt = T0, StateChangedAt = T0,
    };

    private static JobEvent Job(long id) => new()
    {
        Forge = "github", JobId = id, Repository = "acme/app", Labels = ["self-hosted", "linux"], Status = JobStatus.Queued,
    };
}
