using System.Globalization;
using System.Text.Json.Nodes;
using Hangar.Emulator.Forgejo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Emulator.Gitea;

/// <summary>
/// The REST subset Hangar uses under <c>/api/v1</c>, per flavor: registration tokens, runner list/get/delete (Gitea's
/// object, Forgejo 15's bare array; none on Forgejo 11), Gitea's jobs API, Forgejo's job queue and REST registration,
/// and <c>/repositories/{id}</c>. Authenticated by <c>Authorization: token …</c>; REST faults drawn before any change.
/// </summary>
internal static class GiteaRestEndpoints
{
    public static void Map(IEndpointRouteBuilder app, GiteaEmulatorState state)
    {
        var faults = new GiteaFaultDraw(state.Options.Faults);
        app.Map("/api/v1/{**path}", async (HttpContext http, string path) =>
        {
            var auth = http.Request.Headers.Authorization.ToString();
            if (auth != $"token {state.Options.Token}" && auth != $"Bearer {state.Options.Token}")
            {
                return Error(StatusCodes.Status401Unauthorized, "token is required");
            }

            if (faults.Rest() is { } fault)
            {
                http.Response.Headers.RetryAfter = fault == StatusCodes.Status429TooManyRequests ? "1" : default;
                return Error(fault, "injected fault");
            }

            var method = http.Request.Method;
            if (path.StartsWith("repositories/", StringComparison.Ordinal) && method == "GET"
                && long.TryParse(path["repositories/".Length..], CultureInfo.InvariantCulture, out var repoId))
            {
                return state.Repository(repoId) is { } repo
                    ? Results.Json(new JsonObject { ["id"] = repoId, ["full_name"] = repo.FullName, ["owner"] = new JsonObject { ["login"] = repo.Owner } })
                    : Error(StatusCodes.Status404NotFound, "repository not found");
            }

            if (GiteaApiRequest.Parse(path) is not { } request)
            {
                return Error(StatusCodes.Status404NotFound, "not found");
            }

            if (state.Flavor != GiteaFlavor.Gitea)
            {
                return await ForgejoRestEndpoints.HandleAsync(http, state, request).ConfigureAwait(false) ?? Error(StatusCodes.Status404NotFound, "not found");
            }

            return (method, request.Rest) switch
            {
                ("GET" or "POST", "runners/registration-token") => Results.Json(new JsonObject { ["token"] = state.RegistrationToken(request.Scope) }),
                ("GET", "runners") => RunnerList(http, state, request.Scope),
                (_, var rest) when rest.StartsWith("runners/", StringComparison.Ordinal) => RunnerById(method, state, request.Scope, rest),
                ("GET", "jobs") => Jobs(http, state, request),
                ("GET", var rest) when rest.StartsWith("jobs/", StringComparison.Ordinal) && request.Repository is { } repository => Job(state, repository, rest),
                _ => Error(StatusCodes.Status404NotFound, "not found"),
            };
        });
    }

    public static IResult Error(int status, string message) =>
        Results.Json(new JsonObject { ["message"] = message, ["url"] = "https://emulator/api/swagger" }, statusCode: status);

    /// <summary><c>page</c> (from 1) and <c>limit</c> (default and cap 50), as the forges read them.</summary>
    public static (int Skip, int Take) Page(HttpContext http)
    {
        var page = int.TryParse(http.Request.Query["page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var limit = int.TryParse(http.Request.Query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, 50) : 50;
        return ((page - 1) * limit, limit);
    }

    public static IResult RunnerById(string method, GiteaEmulatorState state, string scope, string rest)
    {
        if (!long.TryParse(rest["runners/".Length..], CultureInfo.InvariantCulture, out var id))
        {
            return Error(StatusCodes.Status404NotFound, "not found");
        }

        return method switch
        {
            "DELETE" => state.DeleteRunner(scope, id) ? Results.NoContent() : Error(StatusCodes.Status404NotFound, "runner not found"),
            "GET" => state.Runners(scope).FirstOrDefault(r => r.Id == id) is { } runner
                ? Results.Json(GiteaJson.Runner(runner, state.Flavor))
                : Error(StatusCodes.Status404NotFound, "runner not found"),
            _ => Error(StatusCodes.Status405MethodNotAllowed, "method not allowed"),
        };
    }

    private static IResult RunnerList(HttpContext http, GiteaEmulatorState state, string scope)
    {
        var (skip, take) = Page(http);
        var all = state.Runners(scope);
        return Results.Json(new JsonObject
        {
            ["runners"] = new JsonArray([.. all.Skip(skip).Take(take).Select(r => (JsonNode)GiteaJson.Runner(r, state.Flavor))]),
            ["total_count"] = all.Count,
        });
    }

    private static IResult Jobs(HttpContext http, GiteaEmulatorState state, GiteaApiRequest request)
    {
        var status = http.Request.Query["status"].ToString();
        var probe = new GiteaEmulatedRunner { Id = 0, Uuid = "", Token = "", Name = "", Scope = request.Scope };
        var now = state.Options.TimeProvider.GetUtcNow();
        var jobs = state.Jobs()
            .Where(j => probe.Serves(j.Repository))
            .Select(j => GiteaJson.WorkflowJob(j, now))
            .Where(j => status.Length == 0 || j["status"]!.GetValue<string>() == status || j["conclusion"]!.GetValue<string>() == status)
            .ToList();
        var (skip, take) = Page(http);
        return Results.Json(new JsonObject
        {
            ["jobs"] = new JsonArray([.. jobs.Skip(skip).Take(take)]),
            ["total_count"] = jobs.Count,
        });
    }

    private static IResult Job(GiteaEmulatorState state, string repository, string rest) =>
        long.TryParse(rest["jobs/".Length..], CultureInfo.InvariantCulture, out var id)
        && state.Jobs().FirstOrDefault(j => j.Id == id && j.Repository == repository) is { } job
            ? Results.Json(GiteaJson.WorkflowJob(job, state.Options.TimeProvider.GetUtcNow()))
            : Error(StatusCodes.Status404NotFound, "job not found");
}
