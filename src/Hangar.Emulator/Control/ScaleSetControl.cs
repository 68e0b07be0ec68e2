using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Emulator.Rest;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Emulator.Control;

/// <summary>
/// <c>GET /_emulator/scalesets</c> (scale sets, sessions, counters) and <c>POST /_emulator/scalesets/faults</c>
/// (<c>{"fault": "session_conflict", "scale_set": "linux", "count": 1, "status": 503, "duration_ms": 5000}</c>; only
/// <c>fault</c> is required). Fault names are <see cref="ScaleSetFault"/> in snake_case.
/// </summary>
internal static class ScaleSetControl
{
    private static readonly Dictionary<string, ScaleSetFault> Faults = new(StringComparer.Ordinal)
    {
        ["session_conflict"] = ScaleSetFault.SessionConflict,
        ["expire_queue_tokens"] = ScaleSetFault.ExpireQueueTokens,
        ["evict_sessions"] = ScaleSetFault.EvictSessions,
        ["expire_admin_tokens"] = ScaleSetFault.ExpireAdminTokens,
        ["empty_queue_url"] = ScaleSetFault.EmptyQueueUrl,
        ["delete_scale_set"] = ScaleSetFault.DeleteScaleSet,
        ["hold_acquires"] = ScaleSetFault.HoldAcquires,
        ["fail_calls"] = ScaleSetFault.FailCalls,
    };

    public static void MapScaleSetControl(this RouteGroupBuilder control, EmulatorState state)
    {
        control.MapGet("/scalesets", () => GitHubResults.Json(new JsonObject
        {
            ["scale_sets"] = new JsonArray([.. state.ScaleSets.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = s.Id,
                ["name"] = s.Name,
                ["scope"] = s.Scope.ToString(),
                ["labels"] = new JsonArray([.. s.Labels.Select(l => (JsonNode?)l)]),
                ["deleted"] = s.Deleted,
                ["max_capacity"] = s.MaxCapacity,
                ["statistics"] = state.StatisticsOf(s.Id),
            })]),
            ["sessions"] = new JsonArray([.. state.Sessions.Select(s => (JsonNode)new JsonObject
            {
                ["session_id"] = s.Id.ToString(),
                ["scale_set_id"] = s.ScaleSetId,
                ["owner_name"] = s.OwnerName,
            })]),
            ["session_conflicts"] = state.SessionConflicts,
            ["acquires"] = state.Acquires,
            ["messages_acknowledged"] = state.MessagesAcknowledged,
        }));
        control.MapPost("/scalesets/faults", (Delegate)(async (HttpContext context) =>
        {
            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }

            var name = body?["fault"] is JsonValue f && f.TryGetValue<string>(out var text) ? text : null;
            if (name is null || !Faults.TryGetValue(name, out var fault))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["fault"] = [$"one of {string.Join(", ", Faults.Keys)}"] });
            }

            var scaleSet = body!["scale_set"] is JsonValue s && s.TryGetValue<string>(out var set) ? set : null;
            var count = body["count"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : 1;
            var status = body["status"] is JsonValue st && st.TryGetValue<int>(out var code) ? code : 503;
            var duration = body["duration_ms"] is JsonValue d && d.TryGetValue<long>(out var ms) ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
            return state.InjectScaleSetFault(fault, scaleSet, count, status, duration)
                ? Results.NoContent()
                : Results.Problem(statusCode: 404, title: $"no scale set named {scaleSet}");
        }));
    }
}
