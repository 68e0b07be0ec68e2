using System.Text.Json;

namespace Hangar.Forges.Tests.GitHub;

internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string? Body)
{
    public string PathAndQuery => Uri.PathAndQuery;

    public JsonElement Json() => JsonDocument.Parse(Body ?? throw new InvalidOperationException("request had no body")).RootElement;
}
