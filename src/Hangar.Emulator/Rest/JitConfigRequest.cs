using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hangar.Emulator.Rest;

/// <summary>The body of <c>generate-jitconfig</c>, validated as GitHub does (422 with a message naming the field).</summary>
internal sealed record JitConfigRequest(string Name, long RunnerGroupId, IReadOnlyList<string> Labels, string WorkFolder)
{
    private const int MaxLabels = 100;

    public static JitConfigRequest? Parse(JsonNode? body, out string? error)
    {
        error = null;
        if (body is not JsonObject obj)
        {
            error = "Invalid request.\n\nFor 'links/0/schema', nil is not an object.";
            return null;
        }

        foreach (var field in (string[])["name", "runner_group_id", "labels"])
        {
            if (obj[field] is null)
            {
                error = $"Invalid request.\n\n\"{field}\" wasn't supplied.";
                return null;
            }
        }

        if (obj["name"] is not JsonValue nameValue || nameValue.GetValueKind() != JsonValueKind.String || nameValue.GetValue<string>().Trim().Length == 0)
        {
            error = "Invalid request.\n\nInvalid property /name: not a non-empty string.";
            return null;
        }

        if (obj["runner_group_id"] is not JsonValue groupValue || groupValue.GetValueKind() != JsonValueKind.Number || !groupValue.TryGetValue<long>(out var groupId))
        {
            error = $"Invalid request.\n\nInvalid property /runner_group_id: `{obj["runner_group_id"]!.ToJsonString()}` is not of type `integer`.";
            return null;
        }

        if (obj["labels"] is not JsonArray labelArray)
        {
            error = "Invalid request.\n\nInvalid property /labels: not of type `array`.";
            return null;
        }

        if (labelArray.Count is 0 or > MaxLabels)
        {
            error = $"Invalid request.\n\nInvalid property /labels: must have between 1 and {MaxLabels} items.";
            return null;
        }

        var labels = new List<string>(labelArray.Count);
        foreach (var label in labelArray)
        {
            if (label is not JsonValue lv || lv.GetValueKind() != JsonValueKind.String || lv.GetValue<string>().Trim().Length == 0)
            {
                error = "Invalid request.\n\nInvalid property /labels: every label must be a non-empty string.";
                return null;
            }

            labels.Add(lv.GetValue<string>().Trim());
        }

        var workFolder = "_work";
        if (obj["work_folder"] is { } folder)
        {
            if (folder is not JsonValue fv || fv.GetValueKind() != JsonValueKind.String)
            {
                error = "Invalid request.\n\nInvalid property /work_folder: not of type `string`.";
                return null;
            }

            workFolder = fv.GetValue<string>();
        }

        return new JitConfigRequest(nameValue.GetValue<string>().Trim(), groupId, labels, workFolder);
    }
}
