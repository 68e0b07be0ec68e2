using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Emulator.RunnerProtocol;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Emulator.Rest;

/// <summary><c>{scope}/actions/runners...</c>: JIT configs, list, get, delete.</summary>
internal sealed class RunnerEndpoints(EmulatorState state, ILogger logger)
{
    private const string JitDocs = "https://docs.github.com/rest/actions/self-hosted-runners#create-configuration-for-a-just-in-time-runner-for-an-organization";
    private const string DeleteDocs = "https://docs.github.com/rest/actions/self-hosted-runners#delete-a-self-hosted-runner-from-an-organization";

    public void Map(RouteGroupBuilder runners, Func<HttpContext, RunnerScope> scopeOf)
    {
        runners.MapPost("/generate-jitconfig", (Delegate)((HttpContext context) => GenerateJitConfigAsync(context, scopeOf(context))));
        runners.MapGet("/", (HttpContext context) => List(context, scopeOf(context)));
        runners.MapGet("/{runnerId:long}", (HttpContext context, long runnerId) =>
            state.FindRunner(scopeOf(context), runnerId) is { } runner ? GitHubResults.Json(RunnerJson(runner)) : GitHubResults.NotFound());
        runners.MapDelete("/{runnerId:long}", (HttpContext context, long runnerId) => Delete(scopeOf(context), runnerId));
    }

    private async Task<IResult> GenerateJitConfigAsync(HttpContext context, RunnerScope scope)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return GitHubResults.Error(StatusCodes.Status400BadRequest, "Problems parsing JSON");
        }

        var request = JitConfigRequest.Parse(body, out var error);
        if (request is null)
        {
            return GitHubResults.Error(StatusCodes.Status422UnprocessableEntity, error!, JitDocs);
        }

        // Repository runners can only join the Default group; other groups exist at org and enterprise scope.
        var group = scope.Kind == RunnerScopeKind.Repository
            ? (request.RunnerGroupId == RunnerGroup.Default.Id ? RunnerGroup.Default : null)
            : state.RunnerGroups.FirstOrDefault(g => g.Id == request.RunnerGroupId);
        if (group is null)
        {
            return GitHubResults.NotFound();
        }

        var outcome = state.RegisterRunner(scope, request.Name, request.Labels, group, request.WorkFolder, out var runner, out var secret);
        if (outcome == StateOutcome.Conflict)
        {
            return GitHubResults.Error(StatusCodes.Status409Conflict, $"Already exists - A runner with the name {request.Name} already exists.", JitDocs);
        }

        EmulatorLog.RunnerRegistered(logger, runner!.Name, runner.Id, scope.ToString());
        var response = new JsonObject
        {
            ["runner"] = RunnerJson(runner),
            ["encoded_jit_config"] = JitConfig.Encode(runner, secret, state.RunnerBaseUrl),
        };
        return GitHubResults.Json(response, StatusCodes.Status201Created);
    }

    private IResult List(HttpContext context, RunnerScope scope)
    {
        var name = context.Request.Query["name"].ToString();
        var all = state.ListRunners(scope, name.Length == 0 ? null : name);
        var page = Pagination.Page(context, all);
        return GitHubResults.Json(new JsonObject
        {
            ["total_count"] = all.Count,
            ["runners"] = new JsonArray([.. page.Select(r => (JsonNode)RunnerJson(r))]),
        });
    }

    private IResult Delete(RunnerScope scope, long runnerId)
    {
        switch (state.RemoveRunner(scope, runnerId, out var runner))
        {
            case StateOutcome.Ok:
                EmulatorLog.RunnerRemoved(logger, runnerId, scope.ToString());
                return Results.NoContent();
            case StateOutcome.Busy:
                return GitHubResults.Error(StatusCodes.Status422UnprocessableEntity, $"Bad request - Runner \"{runner!.Name}\" is still running a job\"", DeleteDocs);
            default:
                return GitHubResults.NotFound();
        }
    }

    private JsonObject RunnerJson(EmulatedRunner runner) => GitHubJson.Runner(runner, state.LabelIdOf);
}
