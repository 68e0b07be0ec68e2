using System.Collections.Concurrent;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.GitHub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Forges.Tests.GitHub;

public class GitHubForgeServiceCollectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void AddHangarGitHubForge_TwoForges_ResolvesBothByName()
    {
        using var provider = new ServiceCollection()
            .AddHangarGitHubForge(new GitHubForgeOptions { Name = "github", Token = TestForge.Token })
            .AddHangarGitHubForge(new GitHubForgeOptions { Name = "ghes", ApiUrl = "https://ghes.example.com/api/v3", Token = TestForge.Token })
            .BuildServiceProvider();

        provider.GetServices<IForge>().Select(f => f.Name).ShouldBe(["github", "ghes"]);
        provider.GetServices<IForge>().ShouldAllBe(f => f is GitHubForge);
    }

    [Fact]
    public void AddHangarGitHubForge_InvalidOptions_ThrowsAtRegistration() =>
        Should.Throw<ArgumentException>(() => new ServiceCollection()
            .AddHangarGitHubForge(new GitHubForgeOptions { Name = "github", ApiUrl = "nope", Token = TestForge.Token }));

    [Fact]
    public async Task AddHangarGitHubForge_RealHttpOnLoopback_SendsHeadersAndFollowsPages()
    {
        var seen = new ConcurrentQueue<(string PathAndQuery, string? Authorization, string? Accept, string? Version, string? UserAgent)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/api/v3/orgs/acme/actions/runners", (HttpContext context) =>
        {
            var request = context.Request;
            seen.Enqueue((request.Path + request.QueryString, request.Headers.Authorization, request.Headers.Accept,
                request.Headers["X-GitHub-Api-Version"], request.Headers.UserAgent));
            var page = request.Query["page"].ToString();
            if (page != "2")
            {
                context.Response.Headers.Link =
                    $"<{request.Scheme}://{request.Host}/api/v3/orgs/acme/actions/runners?per_page=100&page=2>; rel=\"next\"";
            }

            return Results.Text(page == "2"
                ? TestForge.Runners((2, "b", "offline", true, ["gpu"]))
                : TestForge.Runners((1, "a", "online", false, ["self-hosted"])), "application/json");
        });
        await app.StartAsync(Ct).WaitAsync(TestForge.Timeout, Ct);
        try
        {
            using var provider = new ServiceCollection()
                .AddHangarGitHubForge(new GitHubForgeOptions { Name = "ghes", ApiUrl = app.Urls.Single() + "/api/v3/", Token = TestForge.Token })
                .BuildServiceProvider();
            var forge = provider.GetServices<IForge>().ShouldHaveSingleItem();

            var runners = await forge.ListRunnersAsync(ForgeTarget.Organization("acme"), cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);

            runners.Select(r => (r.Id, r.Online, r.Busy)).ShouldBe([(1L, true, false), (2L, false, true)]);
            seen.Select(s => s.PathAndQuery).ShouldBe(
                ["/api/v3/orgs/acme/actions/runners?per_page=100", "/api/v3/orgs/acme/actions/runners?per_page=100&page=2"]);
            seen.ShouldAllBe(s => s.Authorization == $"Bearer {TestForge.Token}"
                && s.Accept!.StartsWith("application/vnd.github+json", StringComparison.Ordinal)
                && s.Version == "2022-11-28"
                && s.UserAgent!.StartsWith("Hangar/", StringComparison.Ordinal));
        }
        finally
        {
            await app.StopAsync(Ct).WaitAsync(TestForge.Timeout, Ct);
        }
    }
}
