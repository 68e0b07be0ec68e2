using System.Net;
using System.Text;
using Hangar.Forges.GitHub.Budget;

namespace Hangar.Forges.Tests.GitHub.Budget;

public sealed class GitHubConditionalCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApplyAsync_MoreUrlsThanCapacity_ForgetsTheLeastRecentlyUsed()
    {
        var cache = new GitHubConditionalCache(capacity: 2);
        await KeepAsync(cache, "a");
        await KeepAsync(cache, "b");
        cache.Find(Url("a")).ShouldNotBeNull();

        await KeepAsync(cache, "c");

        cache.Find(Url("a")).ShouldNotBeNull();
        cache.Find(Url("b")).ShouldBeNull();
        cache.Find(Url("c")).ShouldNotBeNull();
        cache.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ApplyAsync_NotModified_ReplaysTheKeptBodyAndLink()
    {
        var cache = new GitHubConditionalCache(capacity: 8);
        using var kept = await KeepAsync(cache, "a", link: "<https://api.github.com/x?page=2>; rel=\"next\"");
        var sent = cache.Find(Url("a"))!;

        using var replay = await cache.ApplyAsync(Url("a"), new HttpResponseMessage(HttpStatusCode.NotModified), sent, Ct);

        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.Content.ReadAsStringAsync(Ct)).ShouldBe("""{"body":"a"}""");
        replay.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        replay.Headers.GetValues("Link").Single().ShouldBe("<https://api.github.com/x?page=2>; rel=\"next\"");
    }

    [Fact]
    public async Task ApplyAsync_KeptResponse_CanStillBeReadByTheCaller()
    {
        var cache = new GitHubConditionalCache(capacity: 8);

        using var response = await KeepAsync(cache, "a");

        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe("""{"body":"a"}""");
    }

    [Fact]
    public async Task ApplyAsync_CapacityZero_KeepsNothing()
    {
        var cache = new GitHubConditionalCache(capacity: 0);

        using var response = await KeepAsync(cache, "a");

        cache.Find(Url("a")).ShouldBeNull();
    }

    private static Uri Url(string name) => new($"https://api.github.com/{name}");

    private static Task<HttpResponseMessage> KeepAsync(GitHubConditionalCache cache, string name, string? link = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($$"""{"body":"{{name}}"}""", Encoding.UTF8, "application/json") };
        response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue($"\"{name}\"", isWeak: true);
        if (link is not null)
        {
            response.Headers.TryAddWithoutValidation("Link", link);
        }

        return cache.ApplyAsync(Url(name), response, null, Ct);
    }
}
