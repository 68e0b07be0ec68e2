using System.Globalization;
using System.Text.Json.Nodes;
using Hangar.Core.ScaleSets;

namespace Hangar.Forges.GitHub.ScaleSets;

/// <summary>Reads the Actions service's camelCase shapes (reference sections 6.2 and 6.5). The message body is a string
/// holding a JSON array (double-encoded) and may be empty.</summary>
internal static class ScaleSetJson
{
    public static ScaleSetInfo ScaleSet(JsonNode node) => new(
        Long(node, "id") ?? throw new FormatException("scale set without id"),
        Text(node, "name") ?? "",
        Long(node, "runnerGroupId") ?? 1);

    public static ScaleSetStatistics Statistics(JsonNode? node) => node is null ? new ScaleSetStatistics() : new ScaleSetStatistics
    {
        TotalAvailableJobs = (int)(Long(node, "totalAvailableJobs") ?? 0),
        TotalAcquiredJobs = (int)(Long(node, "totalAcquiredJobs") ?? 0),
        TotalAssignedJobs = (int)(Long(node, "totalAssignedJobs") ?? 0),
        TotalRunningJobs = (int)(Long(node, "totalRunningJobs") ?? 0),
        TotalRegisteredRunners = (int)(Long(node, "totalRegisteredRunners") ?? 0),
        TotalBusyRunners = (int)(Long(node, "totalBusyRunners") ?? 0),
        TotalIdleRunners = (int)(Long(node, "totalIdleRunners") ?? 0),
    };

    public static ScaleSetMessage Message(JsonNode envelope)
    {
        var id = Long(envelope, "messageId") ?? throw new FormatException("message without messageId");
        var type = Text(envelope, "messageType");
        if (type != "RunnerScaleSetJobMessages")
        {
            throw new FormatException($"unknown message type '{type}'");
        }

        var jobs = new List<ScaleSetJobMessage>();
        if (Text(envelope, "body") is { Length: > 0 } body && JsonNode.Parse(body) is JsonArray array)
        {
            jobs.AddRange(array.OfType<JsonObject>().Select(Job));
        }

        return new ScaleSetMessage(id, Statistics(envelope["statistics"]), jobs);
    }

    private static ScaleSetJobMessage Job(JsonObject job) => new()
    {
        Type = Enum.TryParse<ScaleSetJobMessageType>(Text(job, "messageType"), out var type) ? type : ScaleSetJobMessageType.Unknown,
        RunnerRequestId = Long(job, "runnerRequestId") ?? 0,
        RepositoryName = Text(job, "repositoryName"),
        OwnerName = Text(job, "ownerName"),
        JobDisplayName = Text(job, "jobDisplayName"),
        WorkflowRunId = Long(job, "workflowRunId"),
        RequestLabels = job["requestLabels"] is JsonArray labels ? [.. labels.Select(l => l?.GetValue<string>()).OfType<string>()] : [],
        QueueTime = Time(job, "queueTime"),
        ScaleSetAssignTime = Time(job, "scaleSetAssignTime"),
        RunnerAssignTime = Time(job, "runnerAssignTime"),
        FinishTime = Time(job, "finishTime"),
        RunnerId = Long(job, "runnerId"),
        RunnerName = Text(job, "runnerName"),
        Result = Text(job, "result"),
    };

    public static string? Text(JsonNode? node, string name) => node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Long(JsonNode? node, string name) => node?[name] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    // An unset time comes as 0001-01-01 from the service: no time.
    private static DateTimeOffset? Time(JsonNode node, string name) =>
        Text(node, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t.Year > 1 ? t : null;
}
