using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Emulator.Rest;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Emulator.RunnerProtocol;

/// <summary>
/// The emulator's own runner protocol (the real runner talks to the Actions service, which is not emulated).
/// Every call carries the runner secret from the JIT config as a bearer token. 401 = unknown secret,
/// 404 = the registration was removed (the runner must exit), 409 = the JIT config was already used.
/// </summary>
internal sealed class RunnerProtocolEndpoints(EmulatorState state, ILogger logger, CancellationToken stopping)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/_runner");
        group.MapPost("/connect", (Delegate)ConnectAsync);
        group.MapGet("/job", (Delegate)PollAsync);
        group.MapPost("/jobs/{jobId:long}/complete", CompleteAsync);
    }

    private async Task<IResult> ConnectAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var os = StringField(body, "os") ?? "Linux";
        var outcome = state.ConnectRunner(SecretOf(context), os, out var runner);
        return outcome == StateOutcome.Ok
            ? GitHubResults.Json(new JsonObject { ["runner_id"] = runner!.Id, ["runner_name"] = runner.Name })
            : Failure(outcome, outcome == StateOutcome.Conflict ? "this JIT config was already used" : null);
    }

    private async Task<IResult> PollAsync(HttpContext context)
    {
        var wait = DefaultWait;
        if (double.TryParse(context.Request.Query["wait_seconds"], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            wait = TimeSpan.FromSeconds(Math.Min(seconds, MaxWait.TotalSeconds));
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var secret = SecretOf(context);
        var deadline = state.Time.GetUtcNow() + wait;
        while (true)
        {
            var outcome = state.TryTakeJob(secret, out var job, out var changed);
            if (outcome == StateOutcome.Ok)
            {
                EmulatorLog.JobAssigned(logger, job!.RunnerName!, job.RunnerId!.Value, job.Id);
                return GitHubResults.Json(new JsonObject { ["job"] = JobJson(job) });
            }

            if (outcome != StateOutcome.NotFound)
            {
                return Failure(outcome, outcome == StateOutcome.Invalid ? "connect first" : null);
            }

            var remaining = deadline - state.Time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return Results.NoContent();
            }

            try
            {
                await changed.WaitAsync(remaining, state.Time, cancel.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return Results.NoContent();
            }
            catch (OperationCanceledException)
            {
                return Results.NoContent();
            }
        }
    }

    private async Task<IResult> CompleteAsync(HttpContext context, long jobId)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var conclusion = StringField(body, "conclusion") ?? "success";
        var outcome = state.CompleteJob(SecretOf(context), jobId, conclusion, out var job);
        if (outcome != StateOutcome.Ok)
        {
            return Failure(outcome, null);
        }

        EmulatorLog.JobCompleted(logger, jobId, job!.RunnerName!, conclusion);
        return GitHubResults.Json(new JsonObject { ["job"] = JobJson(job) });
    }

    private static JsonObject JobJson(EmulatedJob job) => new()
    {
        ["id"] = job.Id,
        ["run_id"] = job.RunId,
        ["name"] = job.Name,
        ["workflow_name"] = job.WorkflowName,
        ["repository"] = job.Repository,
        ["labels"] = new JsonArray([.. job.Labels.Select(l => (JsonNode?)l)]),
        ["duration_ms"] = (long)job.Duration.TotalMilliseconds,
        ["status"] = GitHubJson.Status(job.Status),
        ["conclusion"] = job.Conclusion,
    };

    private static string SecretOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 or null && !context.Request.Headers.TransferEncoding.Any())
        {
            return null;
        }

        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringField(JsonNode? body, string name) =>
        body is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static IResult Failure(StateOutcome outcome, string? detail) => outcome switch
    {
        StateOutcome.Unauthorized => GitHubResults.Error(StatusCodes.Status401Unauthorized, "Bad credentials"),
        StateOutcome.Gone => GitHubResults.Error(StatusCodes.Status404NotFound, "runner registration was removed"),
        StateOutcome.Conflict or StateOutcome.Invalid => GitHubResults.Error(StatusCodes.Status409Conflict, detail ?? "Conflict"),
        _ => GitHubResults.NotFound(),
    };
}
