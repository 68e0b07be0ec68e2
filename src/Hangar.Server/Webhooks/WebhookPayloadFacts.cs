using System.Text.Json;

namespace Hangar.Server.Webhooks;

/// <summary>The few payload fields used to route a delivery and to check it against its hook headers. Read only after
/// the signature was verified with at least one forge's secret; a body that is not JSON yields no facts.</summary>
internal sealed record WebhookPayloadFacts(string? RepositoryUrl, long? RepositoryId, long? OrganizationId, long? EnterpriseId, long? InstallationId)
{
    public static WebhookPayloadFacts Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new(null, null, null, null, null);
            }

            var repository = Child(root, "repository");
            return new(
                repository is { } r && r.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null,
                Id(repository),
                Id(Child(root, "organization")),
                Id(Child(root, "enterprise")),
                Id(Child(root, "installation")));
        }
        catch (JsonException)
        {
            return new(null, null, null, null, null);
        }
    }

    private static JsonElement? Child(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static long? Id(JsonElement? element) =>
        element is { } e && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var value) ? value : null;
}
