using System.Text.Json;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>The few fields of any GitHub payload that say where it comes from: to tell apart forges sharing a secret
/// and to check the delivery against its hook headers. A body that is not a JSON object yields no facts.</summary>
internal sealed record GitHubPayloadFacts(string? RepositoryUrl, long? RepositoryId, long? OrganizationId, long? EnterpriseId, long? InstallationId)
{
    public static GitHubPayloadFacts None { get; } = new(null, null, null, null, null);

    public static GitHubPayloadFacts Read(JsonElement? root)
    {
        if (root is not { ValueKind: JsonValueKind.Object } payload)
        {
            return None;
        }

        var repository = Child(payload, "repository");
        return new(
            repository is { } r && r.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String && TryGetString(url) is { } text ? text : null,
            Id(repository),
            Id(Child(payload, "organization")),
            Id(Child(payload, "enterprise")),
            Id(Child(payload, "installation")));
    }

    private static JsonElement? Child(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static long? Id(JsonElement? element) =>
        element is { } e && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var value) ? value : null;

    /// <summary>A URL holding an escape that is not valid UTF-16 (a lone surrogate) is no fact at all.</summary>
    private static string? TryGetString(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
