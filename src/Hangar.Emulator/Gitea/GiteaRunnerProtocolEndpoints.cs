using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;

namespace Hangar.Emulator.Gitea;

/// <summary>
/// The runner protocol (<c>runner.v1.RunnerService</c>, Connect's JSON form) as both forges serve it: <c>Register</c>
/// with a registration token, then <c>Declare</c>, <c>FetchTask</c> and <c>UpdateTask</c> as the runner, identified by
/// <c>x-runner-uuid</c> / <c>x-runner-token</c>. A task carries <c>hangar_duration_ms</c>, an emulator extension telling the
/// emulated runner how long to "run".
/// </summary>
internal static class GiteaRunnerProtocolEndpoints
{
    public static void Map(IEndpointRouteBuilder app, GiteaEmulatorState state)
    {
        app.MapPost("/api/actions/runner.v1.RunnerService/{method}", async (HttpContext http, string method) =>
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return ConnectError(StatusCodes.Status400BadRequest, "invalid_argument", "body is not JSON");
            }

            if (method == "Register")
            {
                var runner = state.Register(
                    Text(body, "token") ?? "",
                    Text(body, "name") ?? "",
                    Labels(body),
                    body?["ephemeral"]?.GetValueKind() == JsonValueKind.True);
                return runner is null
                    ? ConnectError(StatusCodes.Status401Unauthorized, "unauthenticated", "runner registration token not found")
                    : Results.Json(new JsonObject { ["runner"] = GiteaJson.ProtocolRunner(runner) });
            }

            if (state.Authenticate(http.Request.Headers["x-runner-uuid"], http.Request.Headers["x-runner-token"]) is not { } self)
            {
                return ConnectError(StatusCodes.Status401Unauthorized, "unauthenticated", "unregistered runner");
            }

            switch (method)
            {
                case "Declare":
                    state.Declare(self, Labels(body));
                    return Results.Json(new JsonObject { ["runner"] = GiteaJson.ProtocolRunner(self) });
                case "FetchTask":
                    var job = state.Fetch(self);
                    return Results.Json(job is null
                        ? new JsonObject { ["tasks_version"] = "1" }
                        : new JsonObject
                        {
                            ["task"] = new JsonObject
                            {
                                ["id"] = job.TaskId.ToString(CultureInfo.InvariantCulture),
                                ["hangar_duration_ms"] = (long)job.Duration.TotalMilliseconds,
                            },
                            ["tasks_version"] = "1",
                        });
                case "UpdateTask":
                    var taskId = long.TryParse(Text(body?["state"], "id"), CultureInfo.InvariantCulture, out var id) ? id : 0;
                    state.Complete(self, taskId);
                    return Results.Json(new JsonObject { ["state"] = new JsonObject { ["id"] = taskId.ToString(CultureInfo.InvariantCulture), ["result"] = "RESULT_SUCCESS" } });
                default:
                    return ConnectError(StatusCodes.Status404NotFound, "unimplemented", $"method {method} is not emulated");
            }
        });
    }

    private static string? Text(JsonNode? node, string name) =>
        node?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static IReadOnlyList<string> Labels(JsonNode? body) =>
        body?["labels"] is JsonArray array ? [.. array.Select(l => l?.GetValue<string>()).OfType<string>()] : [];

    private static IResult ConnectError(int status, string code, string message) =>
        Results.Json(new JsonObject { ["code"] = code, ["message"] = message }, statusCode: status);
}
