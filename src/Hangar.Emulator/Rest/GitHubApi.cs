using System.Text.Json.Nodes;
using Hangar.Emulator.ActionsService;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Emulator.Rest;

/// <summary>The subset of GitHub's REST API Hangar uses, at repository, organization and enterprise scope.</summary>
internal static class GitHubApi
{
    public static void MapGitHubApi(this IEndpointRouteBuilder app, EmulatorState state, string token, ILogger logger)
    {
        // Outer filters run first: GitHub's headers, injected faults (a faulted call is refused before it is counted),
        // the rate limit, conditional GETs (a 304 is given back to the rate limit), then auth.
        var tokens = new TokenAuthFilter(token, state);
        var rest = app.MapGroup("")
            .AddEndpointFilter(new GitHubHeadersFilter())
            .AddEndpointFilter(new RestFaultFilter(state))
            .AddEndpointFilter(new RateLimitFilter(state, tokens))
            .AddEndpointFilter(new ConditionalGetFilter());
        rest.MapAppApi(state);
        rest.MapRunnerRegistration(state);
        var api = rest.MapGroup("").AddEndpointFilter(tokens);
        var runners = new RunnerEndpoints(state, logger);

        foreach (var (prefix, scopeOf) in Scopes)
        {
            var group = api.MapGroup(prefix);
            runners.Map(group, scopeOf);
            group.MapRegistrationToken(state, scopeOf);
        }

        api.MapRunnerGroupEndpoints(state);

        api.MapRunEndpoints(state);
        api.MapGet("/repos/{owner}/{repo}/actions/jobs/{jobId:long}", (HttpContext c, long jobId) =>
            state.GetJob(jobId) is { } job && string.Equals(job.Repository, RepositoryOf(c).Name, StringComparison.OrdinalIgnoreCase)
                ? GitHubResults.Json(GitHubJson.Job(job, state.BaseUrl))
                : GitHubResults.NotFound());
    }

    private static readonly (string Prefix, Func<HttpContext, RunnerScope> ScopeOf)[] Scopes =
    [
        ("/repos/{owner}/{repo}/actions/runners", RepositoryOf),
        ("/orgs/{org}/actions/runners", c => RunnerScope.Organization(Route(c, "org"))),
        ("/enterprises/{enterprise}/actions/runners", c => RunnerScope.Enterprise(Route(c, "enterprise"))),
    ];

    private static RunnerScope RepositoryOf(HttpContext context) => RunnerScope.Repository($"{Route(context, "owner")}/{Route(context, "repo")}");

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? "";
}
