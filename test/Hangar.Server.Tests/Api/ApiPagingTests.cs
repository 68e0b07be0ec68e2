using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Server.Tests.Api;

/// <summary>Every list of the REST API is paged: a limit, an opaque cursor, newest first where operators look first.</summary>
public sealed class ApiPagingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private ServerFixture _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync(engineAtRest: true);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpResponseMessage Response, JsonDocument? Body)> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiToken);
        var response = await _server.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response, text.Length > 0 ? JsonDocument.Parse(text) : null);
    }

    /// <summary>Follows <c>Link: rel="next"</c> from <paramref name="path"/> to the last page; the names on each page.</summary>
    private async Task<List<string[]>> WalkAsync(string path, string property = "name")
    {
        var pages = new List<string[]>();
        string? next = path;
        while (next is not null)
        {
            var (response, body) = await GetAsync(next);
            using (response)
            using (body)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                var root = body.ShouldNotBeNull().RootElement;
                pages.Add([.. root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).ToString())]);
                next = response.Headers.TryGetValues("Link", out var links) ? NextLink(links.Single()) : null;
                (next is null).ShouldBe(!root.TryGetProperty("next_cursor", out _), "the Link header and next_cursor agree");
            }
        }

        return pages;
    }

    private static string NextLink(string header)
    {
        header.ShouldEndWith(">; rel=\"next\"");
        return header[1..header.IndexOf('>', StringComparison.Ordinal)];
    }

    /// <summary>A create that gave up and was cleaned up: deleted, its error kept.</summary>
    private async Task SeedFailedRunnerAsync(string name, DateTimeOffset createdAt)
    {
        var store = _server.Store;
        await store.InsertInstanceAsync(new Instance
        {
            Name = name, Pool = "linux", Provider = "docker", State = InstanceState.Pending, CreatedAt = createdAt, StateChangedAt = createdAt,
        }, "wanted", Ct);
        await store.TransitionAsync(name, InstanceState.Failed, "create failed 3 time(s), gave up", createdAt, new InstanceChanges { LastError = "image not found" }, Ct);
        await store.TransitionAsync(name, InstanceState.Deleting, "cleanup", createdAt, cancellationToken: Ct);
        await store.TransitionAsync(name, InstanceState.Deleted, "cleaned up", createdAt, cancellationToken: Ct);
    }

    [Fact]
    public async Task GetRunnersFailed_MoreThanAPage_NewestFirstPagesOfTheDefaultSizeFollowedToTheEnd()
    {
        // Before paging this list loaded every instance ever stored and answered 200 of them in one array.
        await Task.WhenAll(Enumerable.Range(0, 250).Select(i => SeedFailedRunnerAsync($"hgr-linux-{i:D4}", T0.AddSeconds(i))));

        var pages = await WalkAsync("/api/v1/runners?failed=true");

        pages.Select(p => p.Length).ShouldBe([100, 100, 50]);
        pages.SelectMany(p => p).ShouldBe(Enumerable.Range(0, 250).Reverse().Select(i => $"hgr-linux-{i:D4}"));
    }

    [Fact]
    public async Task GetRunners_LimitGiven_PagesOfThatSizeKeepingTheFilters()
    {
        for (var i = 0; i < 5; i++)
        {
            await SeedFailedRunnerAsync($"r{i}", T0.AddSeconds(i));
        }

        (await WalkAsync("/api/v1/runners?all=true&limit=2")).ShouldBe([["r4", "r3"], ["r2", "r1"], ["r0"]]);
        (await WalkAsync("/api/v1/runners?limit=2")).ShouldBe([[]]);
        (await WalkAsync("/api/v1/runners?state=deleted&pool=linux&limit=4")).ShouldBe([["r4", "r3", "r2", "r1"], ["r0"]]);
    }

    [Fact]
    public async Task GetJobs_MoreThanALimit_NewestQueuedFirstPagedByCursor()
    {
        for (var id = 1; id <= 5; id++)
        {
            await _server.Store.RecordJobEventAsync(new JobEvent
            {
                Forge = "github", JobId = id, Status = JobStatus.Queued, Repository = "acme/app", Labels = ["linux"], CreatedAt = T0.AddSeconds(id),
            }, T0, Ct);
        }

        (await WalkAsync("/api/v1/jobs?limit=2", "id")).ShouldBe([["5", "4"], ["3", "2"], ["1"]]);
        (await WalkAsync("/api/v1/jobs?status=queued&limit=3", "id")).ShouldBe([["5", "4", "3"], ["2", "1"]]);
    }

    [Fact]
    public async Task GetRunnerTransitions_LongHistory_PagedNewestFirstAndTheRunnerEmbedsTheNewest()
    {
        await SeedFailedRunnerAsync("r1", T0);

        (await WalkAsync("/api/v1/runners/r1/transitions?limit=3", "to")).ShouldBe([["deleted", "deleting", "failed"], ["pending"]]);
        var (response, body) = await GetAsync("/api/v1/runners/r1");
        using (response)
        using (body)
        {
            body.ShouldNotBeNull().RootElement.GetProperty("history").GetArrayLength().ShouldBe(4);
        }
    }

    [Theory]
    [InlineData("/api/v1/runners?limit=0")]
    [InlineData("/api/v1/runners?limit=1001")]
    [InlineData("/api/v1/runners?limit=-1")]
    [InlineData("/api/v1/runners?limit=ten")]
    [InlineData("/api/v1/runners?limit=1e2")]
    [InlineData("/api/v1/runners?cursor=not-a-cursor")]
    [InlineData("/api/v1/runners?cursor=WyJqb2JzIiwxLDIsImdpdGh1YiIsMF0")]
    [InlineData("/api/v1/runners?cursor=WyJydW5uZXJzIiwieCIsInkiXQ")]
    [InlineData("/api/v1/jobs?limit=100000")]
    [InlineData("/api/v1/jobs?cursor=%E2%9C%93")]
    [InlineData("/api/v1/pools?limit=")]
    [InlineData("/api/v1/pools?cursor=WyJydW5uZXJzIiwxLCJ4Il0")]
    [InlineData("/api/v1/runners/r1/transitions?limit=5000")]
    [InlineData("/api/v1/runners/r1/transitions?cursor=WyJ0cmFuc2l0aW9ucyIsIngiXQ")]
    public async Task GetList_BadLimitOrCursor_400Problem(string path)
    {
        await SeedFailedRunnerAsync("r1", T0);

        var (response, body) = await GetAsync(path);
        using (response)
        using (body)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            body.ShouldNotBeNull().RootElement.GetProperty("detail").GetString()!.ShouldMatch("limit|cursor");
        }
    }

    [Theory]
    [InlineData("/api/v1/runners?state=sideways")]
    [InlineData("/api/v1/runners?state=3")]
    [InlineData("/api/v1/runners?state=idle,busy")]
    [InlineData("/api/v1/jobs?status=sideways")]
    public async Task GetList_UnknownStateOrStatus_400Problem(string path)
    {
        var (response, body) = await GetAsync(path);
        using (response)
        using (body)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            body.ShouldNotBeNull().RootElement.GetProperty("detail").GetString()!.ShouldStartWith("unknown");
        }
    }

    [Fact]
    public async Task GetRunnerTransitions_UnknownRunner_404Problem()
    {
        var (response, body) = await GetAsync("/api/v1/runners/ghost/transitions");
        using (response)
        using (body)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }
    }
}
