using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Emulator.Rest;
using Hangar.Emulator.RunnerProtocol;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Emulator.ActionsService;

/// <summary>The Actions service's scale-set API (reference section 6.2), paths relative to the service URL <c>/_actions/</c>.</summary>
internal sealed class ScaleSetEndpoints(EmulatorState state, ILogger logger)
{
    private const string Sets = "/_apis/runtime/runnerscalesets";

    public void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/_actions").AddEndpointFilter(new ActionsCallFilter(state, adminToken: true));
        api.MapGet(Sets, Find);
        api.MapGet(Sets + "/{id:long}", (HttpContext c, long id) => Get(c, id));
        api.MapPost(Sets, (Delegate)CreateAsync);
        api.MapPatch(Sets + "/{id:long}", (Delegate)UpdateAsync);
        api.MapDelete(Sets + "/{id:long}", (HttpContext c, long id) =>
            state.GetScaleSet(ActionsCallFilter.ScopeOf(c), id) is not null && state.DeleteScaleSet(id) ? Results.NoContent() : NotFound(id));
        api.MapGet("/_apis/runtime/runnergroups/", Groups);
        api.MapPost(Sets + "/{id:long}/generatejitconfig", (Delegate)GenerateJitConfigAsync);
        api.MapPost(Sets + "/{id:long}/sessions", (Delegate)CreateSessionAsync);
        api.MapPatch(Sets + "/{id:long}/sessions/{sessionId:guid}", RefreshSession);
        api.MapDelete(Sets + "/{id:long}/sessions/{sessionId:guid}", (long id, Guid sessionId) =>
            state.DeleteSession(id, sessionId) ? Results.NoContent() : SessionNotFound(sessionId));
        api.MapGet("/_apis/distributedtask/pools/0/agents/{runnerId:long}", (HttpContext c, long runnerId) =>
            state.FindRunner(ActionsCallFilter.ScopeOf(c), runnerId) is { } runner ? GitHubResults.Json(ActionsJson.Runner(runner)) : AgentNotFound(runnerId));
        api.MapGet("/_apis/distributedtask/pools/0/agents", (HttpContext c) =>
            ActionsJson.List(state.ListRunners(ActionsCallFilter.ScopeOf(c), c.Request.Query["agentName"].ToString() is { Length: > 0 } n ? n : null).Select(ActionsJson.Runner)));
        api.MapDelete("/_apis/distributedtask/pools/0/agents/{runnerId:long}", RemoveRunner);

        // acquirejobs is authorised by the session's queue token, not the admin token (reference section 6.2).
        app.MapGroup("/_actions").AddEndpointFilter(new ActionsCallFilter(state, adminToken: false))
            .MapPost(Sets + "/{id:long}/acquirejobs", (Delegate)AcquireAsync);
    }

    private IResult Find(HttpContext context)
    {
        var groupId = long.TryParse(context.Request.Query["runnerGroupId"], out var g) ? g : (long?)null;
        var name = context.Request.Query["name"].ToString();
        var sets = state.FindScaleSets(ActionsCallFilter.ScopeOf(context), groupId, name.Length == 0 ? null : name);
        return ActionsJson.List(sets.Select(s => ActionsJson.ScaleSet(s, state.StatisticsOf(s.Id), state.BaseUrl)));
    }

    private IResult Get(HttpContext context, long id) =>
        state.GetScaleSet(ActionsCallFilter.ScopeOf(context), id) is { } set
            ? GitHubResults.Json(ActionsJson.ScaleSet(set, state.StatisticsOf(id), state.BaseUrl))
            : NotFound(id);

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        var name = body?["name"] is JsonValue n && n.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text.Trim() : null;
        if (name is null)
        {
            return ActionsJson.Error(StatusCodes.Status400BadRequest, "ArgumentException", "name is required");
        }

        var scope = ActionsCallFilter.ScopeOf(context);
        var groupId = body?["runnerGroupId"] is JsonValue gv && gv.TryGetValue<long>(out var gid) ? gid : RunnerGroup.Default.Id;
        var group = GroupsOf(scope).FirstOrDefault(g => g.Id == groupId);
        if (group is null)
        {
            return ActionsJson.Error(StatusCodes.Status404NotFound, "RunnerGroupNotFoundException", $"Runner group {groupId} not found.");
        }

        var outcome = state.CreateScaleSet(scope, name, group, LabelsOf(body), DisableUpdateOf(body) ?? false, out var set);
        if (outcome == StateOutcome.Conflict)
        {
            return ActionsJson.Error(StatusCodes.Status409Conflict, "RunnerScaleSetExistsException", $"A runner scale set named '{name}' already exists.");
        }

        EmulatorLog.ScaleSetCreated(logger, set!.Name, set.Id, scope.ToString());
        return GitHubResults.Json(ActionsJson.ScaleSet(set, state.StatisticsOf(set.Id), state.BaseUrl));
    }

    private async Task<IResult> UpdateAsync(HttpContext context, long id)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        var labels = LabelsOf(body);
        return state.UpdateScaleSet(ActionsCallFilter.ScopeOf(context), id, labels.Count == 0 ? null : labels, DisableUpdateOf(body)) is { } set
            ? GitHubResults.Json(ActionsJson.ScaleSet(set, state.StatisticsOf(id), state.BaseUrl))
            : NotFound(id);
    }

    private IResult Groups(HttpContext context)
    {
        var name = context.Request.Query["groupName"].ToString();
        var groups = GroupsOf(ActionsCallFilter.ScopeOf(context)).Where(g => name.Length == 0 || string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
        return ActionsJson.List(groups.Select(g => new JsonObject { ["id"] = g.Id, ["name"] = g.Name, ["size"] = 0, ["isDefaultGroup"] = g.IsDefault }));
    }

    private async Task<IResult> GenerateJitConfigAsync(HttpContext context, long id)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        var name = body?["name"] is JsonValue n && n.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text.Trim() : null;
        var workFolder = body?["workFolder"] is JsonValue w && w.TryGetValue<string>(out var folder) ? folder : "_work";
        if (name is null)
        {
            return ActionsJson.Error(StatusCodes.Status400BadRequest, "ArgumentException", "name is required");
        }

        if (state.GetScaleSet(ActionsCallFilter.ScopeOf(context), id) is null)
        {
            return NotFound(id);
        }

        switch (state.RegisterScaleSetRunner(id, name, workFolder, out var runner, out var secret))
        {
            case StateOutcome.Conflict:
                return ActionsJson.Error(StatusCodes.Status409Conflict, "AgentExistsException", $"Agent exists with the name {name}");
            case StateOutcome.Ok:
                EmulatorLog.RunnerRegistered(logger, runner!.Name, runner.Id, $"scale set {id}");
                return GitHubResults.Json(new JsonObject
                {
                    ["runner"] = new JsonObject { ["id"] = runner.Id, ["name"] = runner.Name, ["runnerScaleSetId"] = id },
                    ["encodedJITConfig"] = JitConfig.Encode(runner, secret, state.RunnerBaseUrl),
                });
            default:
                return NotFound(id);
        }
    }

    private async Task<IResult> CreateSessionAsync(HttpContext context, long id)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        var owner = body?["ownerName"] is JsonValue o && o.TryGetValue<string>(out var text) ? text : "unknown";
        if (state.GetScaleSet(ActionsCallFilter.ScopeOf(context), id) is not { } set)
        {
            return NotFound(id);
        }

        switch (state.CreateSession(id, owner, out var session, out var emptyQueueUrl))
        {
            case StateOutcome.Conflict:
                EmulatorLog.SessionConflict(logger, set.Name, id);
                return ActionsJson.Error(StatusCodes.Status409Conflict, "RunnerScaleSetSessionConflictException",
                    $"The scale set {set.Name} already has an active session for owner ghost-listener.");
            case StateOutcome.Ok:
                EmulatorLog.SessionCreated(logger, set.Name, id, session!.Id, owner);
                return GitHubResults.Json(ActionsJson.Session(session, set, state.StatisticsOf(id), state.BaseUrl, emptyQueueUrl));
            default:
                return NotFound(id);
        }
    }

    private IResult RefreshSession(HttpContext context, long id, Guid sessionId) =>
        state.GetScaleSet(ActionsCallFilter.ScopeOf(context), id) is { } set && state.RefreshSession(id, sessionId, out var session) == StateOutcome.Ok
            ? GitHubResults.Json(ActionsJson.Session(session!, set, state.StatisticsOf(id), state.BaseUrl, emptyQueueUrl: false))
            : SessionNotFound(sessionId);

    private IResult RemoveRunner(HttpContext context, long runnerId)
    {
        switch (state.RemoveRunner(ActionsCallFilter.ScopeOf(context), runnerId, out _))
        {
            case StateOutcome.Ok:
                EmulatorLog.RunnerRemoved(logger, runnerId, "actions service");
                return Results.NoContent();
            case StateOutcome.Busy:
                return ActionsJson.Error(StatusCodes.Status400BadRequest, "JobStillRunningException", $"Agent {runnerId} is running a job.");
            default:
                return AgentNotFound(runnerId);
        }
    }

    private async Task<IResult> AcquireAsync(HttpContext context, long id)
    {
        var token = ActionsCallFilter.BearerOf(context.Request) ?? "";
        var session = state.Sessions.FirstOrDefault(s => s.ScaleSetId == id && s.QueueToken == token);
        if (session is null)
        {
            return ActionsJson.Error(StatusCodes.Status401Unauthorized, "VssUnauthorizedException", "The message queue token is not valid.");
        }

        var ids = new List<long>();
        if (await ReadAsync(context).ConfigureAwait(false) is JsonArray array)
        {
            ids.AddRange(array.OfType<JsonValue>().Select(v => v.TryGetValue<long>(out var x) ? x : 0).Where(x => x > 0));
        }

        state.SessionOf(token, session.Id);
        if (state.AcquireHold is { } hold && hold > TimeSpan.Zero)
        {
            state.AcquireStarted();
            try
            {
                await Task.Delay(hold, state.Time, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The listener went away mid-call (killed): nothing is acquired, as when GitHub never got the request.
                return Results.Empty;
            }
            finally
            {
                state.AcquireEnded();
            }
        }

        var acquired = state.AcquireJobs(session, ids);
        EmulatorLog.JobsAcquired(logger, acquired.Count, ids.Count, id);
        return GitHubResults.Json(new JsonObject { ["count"] = acquired.Count, ["value"] = new JsonArray([.. acquired.Select(a => (JsonNode?)a)]) });
    }

    private IReadOnlyList<RunnerGroup> GroupsOf(RunnerScope scope) => scope.Kind == RunnerScopeKind.Repository ? [RunnerGroup.Default] : state.RunnerGroups;

    private static List<string> LabelsOf(JsonNode? body) =>
        body?["labels"] is JsonArray labels
            ? [.. labels.OfType<JsonObject>().Select(l => l["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>()]
            : [];

    private static bool? DisableUpdateOf(JsonNode? body) =>
        body?["RunnerSetting"]?["disableUpdate"] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static IResult NotFound(long id) =>
        ActionsJson.Error(StatusCodes.Status404NotFound, "RunnerScaleSetNotFoundException", $"No RunnerScaleSet found with identifier: {id}.");

    private static IResult SessionNotFound(Guid sessionId) =>
        ActionsJson.Error(StatusCodes.Status404NotFound, "RunnerAdminException", $"The session ID {sessionId} doesn't exist in redis.");

    private static IResult AgentNotFound(long runnerId) =>
        ActionsJson.Error(StatusCodes.Status404NotFound, "AgentNotFoundException", $"No agent found with identifier {runnerId}.");

    private static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        try
        {
            return context.Request.ContentLength is 0 ? null
                : await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
