using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Server.Tests.Api;

/// <summary><c>/pools</c> paged by name with counts from the store; a pool's runners and jobs as sub-lists.</summary>
public sealed class PoolEndpointTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private ServerFixture _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Disabled pools on no provider: listed with their counts, and nothing is ever provisioned for them.
    private static PoolSpec Pool(string name) => new()
    {
        Name = name, Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = ["linux"], Provider = "none", Enabled = false,
    };

    public async ValueTask InitializeAsync()
    {
        // A clock that never moves: after its first pass the engine acts only when nudged, so the rows these tests
        // write stay as written (the pools are disabled, but converge would still clean up a failed instance).
        _server = await ServerFixture.StartAsync(configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(T0));
            services.AddSingleton(new PoolCatalog(new EngineOptions { ControllerId = "pools-test", Pools = [Pool("c"), Pool("a"), Pool("d"), Pool("b")] }));
        });
        await ReadyAsync();
    }

    /// <summary>Ready means the first converge pass is done: nothing runs after it until the clock moves.</summary>
    private async Task ReadyAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await _server.Http.GetAsync("/readyz", deadline.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiToken);
        var response = await _server.Http.SendAsync(request, Ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (response, body.RootElement.Clone());
    }

    private static string[] Names(JsonElement page, string property = "name") =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).ToString())];

    [Fact]
    public async Task GetPools_LimitTwo_ByNameWithACursorToTheNextPage()
    {
        var (first, firstBody) = await GetAsync("/api/v1/pools?limit=2");
        var cursor = firstBody.GetProperty("next_cursor").GetString()!;
        var (second, secondBody) = await GetAsync($"/api/v1/pools?limit=2&cursor={Uri.EscapeDataString(cursor)}");

        Names(firstBody).ShouldBe(["a", "b"]);
        Names(secondBody).ShouldBe(["c", "d"]);
        secondBody.TryGetProperty("next_cursor", out _).ShouldBeFalse();
        first.Headers.GetValues("Link").Single().ShouldContain("cursor=");
        second.Headers.Contains("Link").ShouldBeFalse();
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task GetPools_RunnersAndQueuedJobs_CountedPerPool()
    {
        var store = _server.Store;
        foreach (var (name, pool) in new[] { ("r1", "a"), ("r2", "a"), ("r3", "b") })
        {
            await store.InsertInstanceAsync(new Instance
            {
                Name = name, Pool = pool, Provider = "none", State = InstanceState.Pending, CreatedAt = T0, StateChangedAt = T0,
            }, "wanted", Ct);
        }

        await store.TransitionAsync("r2", InstanceState.Failed, "gave up", T0, cancellationToken: Ct);
        await store.RecordJobEventAsync(new JobEvent { Forge = "github", JobId = 1, Status = JobStatus.Queued, Repository = "acme/app", Labels = ["linux"] }, T0, Ct);
        await store.SetJobRouteAsync(new JobKey("github", 1), "a", null, T0, Ct);

        var (response, body) = await GetAsync("/api/v1/pools");
        using (response)
        {
            var a = body.GetProperty("items")[0];
            a.GetProperty("queued_jobs").GetInt32().ShouldBe(1);
            a.GetProperty("runners").GetProperty("pending").GetInt32().ShouldBe(1);
            a.GetProperty("runners").GetProperty("failed").GetInt32().ShouldBe(1);
            body.GetProperty("items")[1].GetProperty("runners").GetProperty("pending").GetInt32().ShouldBe(1);
            body.GetProperty("items")[2].GetProperty("runners").EnumerateObject().ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task GetPoolRunnersAndJobs_KnownPool_OnlyThatPoolsPaged()
    {
        var store = _server.Store;
        for (var i = 0; i < 3; i++)
        {
            await store.InsertInstanceAsync(new Instance
            {
                Name = $"a{i}", Pool = "a", Provider = "none", State = InstanceState.Pending, CreatedAt = T0.AddSeconds(i), StateChangedAt = T0,
            }, "wanted", Ct);
        }

        await store.InsertInstanceAsync(new Instance
        {
            Name = "b0", Pool = "b", Provider = "none", State = InstanceState.Pending, CreatedAt = T0.AddSeconds(9), StateChangedAt = T0,
        }, "wanted", Ct);
        await store.RecordJobEventAsync(new JobEvent { Forge = "github", JobId = 7, Status = JobStatus.Queued, Repository = "acme/app", Labels = ["linux"] }, T0, Ct);
        await store.SetJobRouteAsync(new JobKey("github", 7), "b", null, T0, Ct);

        var (runners, runnersBody) = await GetAsync("/api/v1/pools/a/runners?limit=2");
        var (jobs, jobsBody) = await GetAsync("/api/v1/pools/b/jobs");
        var (none, noneBody) = await GetAsync("/api/v1/pools/a/jobs");

        Names(runnersBody).ShouldBe(["a2", "a1"]);
        runnersBody.TryGetProperty("next_cursor", out _).ShouldBeTrue();
        runners.Headers.GetValues("Link").Single().ShouldStartWith("</api/v1/pools/a/runners?limit=2&cursor=");
        Names(jobsBody, "id").ShouldBe(["7"]);
        Names(noneBody).ShouldBeEmpty();
        runners.Dispose();
        jobs.Dispose();
        none.Dispose();
    }

    [Theory]
    [InlineData("/api/v1/pools/nope/runners")]
    [InlineData("/api/v1/pools/nope/jobs")]
    public async Task GetPoolSubList_UnknownPool_404Problem(string path)
    {
        var (response, body) = await GetAsync(path);
        using (response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            body.GetProperty("detail").GetString().ShouldBe("no pool named 'nope'");
        }
    }

    [Fact]
    public async Task GetPools_PoolWhoseCreatesKeepFailing_DegradedWithTheLastErrorOthersOk()
    {
        var breaker = _server.App.Services.GetRequiredService<CreateBreaker>();
        var policy = _server.App.Services.GetRequiredService<EngineOptions>().Loops.CreateBreaker;
        for (var i = 0; i < policy.Failures; i++)
        {
            breaker.Failed(breaker.TryAdmit("b")!.Value, "CreateCheckFailedException: image 'acme/runner:9' is not present");
        }

        var (response, body) = await GetAsync("/api/v1/pools");
        using var metrics = await _server.Http.GetAsync("/metrics", Ct);
        var exported = await metrics.Content.ReadAsStringAsync(Ct);

        using (response)
        {
            var b = body.GetProperty("items")[1];
            b.GetProperty("state").GetString().ShouldBe("degraded");
            b.GetProperty("last_error").GetString().ShouldBe("CreateCheckFailedException: image 'acme/runner:9' is not present");
            b.GetProperty("consecutive_failures").GetInt32().ShouldBe(policy.Failures);
            b.GetProperty("degraded_since").GetDateTimeOffset().ShouldBe(T0);
            b.GetProperty("retry_at").GetDateTimeOffset().ShouldBe(T0 + policy.OpenFor(1));
            var a = body.GetProperty("items")[0];
            a.GetProperty("state").GetString().ShouldBe("ok");
            a.TryGetProperty("last_error", out _).ShouldBeFalse();
        }

        exported.Split('\n').ShouldContain(l => l.StartsWith("hangar_pool_degraded{", StringComparison.Ordinal) && l.Contains("pool=\"b\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        exported.Split('\n').ShouldContain(l => l.StartsWith("hangar_pool_degraded{", StringComparison.Ordinal) && l.Contains("pool=\"a\"", StringComparison.Ordinal) && l.EndsWith(" 0", StringComparison.Ordinal));
        exported.ShouldContain("hangar_pool_breaker_trips_total");
    }
}
