using System.Text.Json.Nodes;
using Hangar.Emulator.Rest;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.ActionsService;

/// <summary>The Actions service's JSON shapes (camelCase, <c>RunnerSetting</c> with a capital R) and its error bodies
/// (<c>{typeName, message}</c>, matched by clients on the type name).</summary>
internal static class ActionsJson
{
    public const string Namespace = "GitHub.Actions.Runtime.WebApi.";

    public static JsonObject ScaleSet(EmulatedScaleSet set, JsonObject statistics, Uri baseUrl) => new()
    {
        ["id"] = set.Id,
        ["name"] = set.Name,
        ["runnerGroupId"] = set.Group.Id,
        ["runnerGroupName"] = set.Group.Name,
        ["labels"] = new JsonArray([.. set.Labels.Select(l => (JsonNode)new JsonObject { ["type"] = "System", ["name"] = l })]),
        ["RunnerSetting"] = new JsonObject { ["ephemeral"] = true, ["isElastic"] = true, ["disableUpdate"] = set.DisableUpdate },
        ["createdOn"] = GitHubJson.Timestamp(set.CreatedOn),
        ["runnerJitConfigUrl"] = new Uri(baseUrl, $"_actions/_apis/runtime/runnerscalesets/{set.Id}/generatejitconfig").ToString(),
        ["statistics"] = statistics,
    };

    public static JsonObject Session(EmulatedSession session, EmulatedScaleSet set, JsonObject statistics, Uri baseUrl, bool emptyQueueUrl) => new()
    {
        ["sessionId"] = session.Id.ToString(),
        ["ownerName"] = session.OwnerName,
        ["runnerScaleSet"] = ScaleSet(set, (JsonObject)statistics.DeepClone(), baseUrl),
        ["messageQueueUrl"] = emptyQueueUrl ? "" : new Uri(baseUrl, $"_broker/scalesets/{set.Id}/sessions/{session.Id}/messages").ToString(),
        ["messageQueueAccessToken"] = emptyQueueUrl ? "" : session.QueueToken,
        ["statistics"] = statistics,
    };

    public static JsonObject Runner(EmulatedRunner runner) => new()
    {
        ["id"] = runner.Id,
        ["name"] = runner.Name,
        ["runnerScaleSetId"] = runner.ScaleSetId ?? 0,
        ["status"] = runner.Online ? "online" : "offline",
        ["busy"] = runner.Busy,
    };

    public static IResult Error(int status, string typeName, string message) => GitHubResults.Json(
        new JsonObject
        {
            ["$id"] = "1",
            ["innerException"] = null,
            ["message"] = message,
            ["typeName"] = $"{Namespace}{typeName}, GitHub.Actions.Runtime.WebApi",
            ["typeKey"] = typeName,
            ["errorCode"] = 0,
            ["eventId"] = 3000,
        },
        status);

    public static IResult List(IEnumerable<JsonObject> items)
    {
        var array = new JsonArray([.. items]);
        return GitHubResults.Json(new JsonObject { ["count"] = array.Count, ["value"] = array });
    }
}
