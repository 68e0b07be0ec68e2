using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Emulator.Rest;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Emulator.Control;

/// <summary>
/// <c>/_emulator/...</c>: queue jobs, read state (rate-limit counters included), point the webhooks somewhere. No auth: the emulator listens on
/// loopback only. Documented in docs/emulator.md.
/// </summary>
internal static class ControlEndpoints
{
    public static void MapControlApi(this IEndpointRouteBuilder app, EmulatorState state, ILogger logger)
    {
        var control = app.MapGroup("/_emulator");
        control.MapPost("/jobs", (Delegate)((HttpContext c) => QueueAsync(c, state, logger)));
        control.MapGet("/jobs", () => List("jobs", state.Jobs.Select(ControlJson.Job)));
        control.MapGet("/jobs/{jobId:long}", (long jobId) =>
            state.GetJob(jobId) is { } job ? GitHubResults.Json(ControlJson.Job(job)) : Results.Problem(statusCode: 404, title: "no such job"));
        control.MapPost("/jobs/{jobId:long}/cancel", (long jobId) =>
            state.CancelJob(jobId) is { } job
                ? GitHubResults.Json(ControlJson.Job(job))
                : Results.Problem(statusCode: 409, title: "only a queued job can be cancelled"));
        control.MapGet("/runners", () => List("runners", state.Runners.Select(ControlJson.Runner)));
        control.MapGet("/deliveries", () => List("deliveries", state.Deliveries.Select(ControlJson.Delivery)));
        control.MapPut("/webhook", (Delegate)((HttpContext c) => SetWebhookAsync(c, state)));
        control.MapGet("/rate_limits", () => List("rate_limits", state.RateLimits.Select(ControlJson.RateLimit)));
        control.MapGet("/faults", () => GitHubResults.Json(FaultsJson.Write(state.Faults)));
        control.MapPut("/faults", (Delegate)((HttpContext c) => SetFaultsAsync(c, state)));
        control.MapScaleSetControl(state);
    }

    private static IResult List(string name, IEnumerable<JsonObject> items) =>
        GitHubResults.Json(new JsonObject { [name] = new JsonArray([.. items]) });

    private static async Task<IResult> QueueAsync(HttpContext context, EmulatorState state, ILogger logger)
    {
        var body = await ReadObjectAsync(context).ConfigureAwait(false);
        var errors = new Dictionary<string, string[]>();
        var repository = String(body, "repository");
        if (repository is null || repository.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            errors["repository"] = ["required, as owner/name"];
        }

        var labels = body?["labels"] is JsonArray array && array.All(l => l is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            ? array.Select(l => l!.GetValue<string>()).ToList()
            : null;
        if (labels is null || labels.Count == 0)
        {
            errors["labels"] = ["required: a non-empty array of strings"];
        }

        var count = Integer(body, "count") ?? 1;
        if (count is < 1 or > 1000)
        {
            errors["count"] = ["must be 1..1000"];
        }

        var durationMs = Integer(body, "duration_ms");
        if (durationMs is < 0)
        {
            errors["duration_ms"] = ["must not be negative"];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var request = new JobRequest
        {
            Repository = repository!,
            Labels = labels!,
            Count = (int)count,
            Duration = durationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            Name = String(body, "name") ?? "build",
            WorkflowName = String(body, "workflow_name") ?? "CI",
            HeadBranch = String(body, "head_branch") ?? "main",
        };
        var jobs = state.QueueJobs(request);
        EmulatorLog.JobsQueued(logger, jobs.Count, request.Repository, string.Join(',', request.Labels));
        return GitHubResults.Json(new JsonObject { ["jobs"] = new JsonArray([.. jobs.Select(ControlJson.Job)]) }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> SetWebhookAsync(HttpContext context, EmulatorState state)
    {
        var body = await ReadObjectAsync(context).ConfigureAwait(false);
        var url = String(body, "url");
        Uri? uri = null;
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["url"] = ["must be an absolute http(s) URL or null"] });
        }

        state.SetWebhook(uri, String(body, "secret"));
        return Results.NoContent();
    }

    private static async Task<IResult> SetFaultsAsync(HttpContext context, EmulatorState state)
    {
        var body = await ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON object is required"] });
        }

        var (faults, errors) = FaultsJson.Read(body);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        state.SetFaults(faults);
        return GitHubResults.Json(FaultsJson.Write(faults));
    }

    private static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonObject? body, string name) =>
        body?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static long? Integer(JsonObject? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}
