using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Core.Forges;

namespace Hangar.Forges.GitHub.ScaleSets;

/// <summary>An Actions-service error: the status and the body's <c>typeName</c> (matched by substring, as the names
/// are namespace-qualified; reference section 6.5) and <c>message</c>.</summary>
internal sealed record ActionsError(int Status, string TypeName, string Message)
{
    private const int MaxMessageLength = 300;

    public bool Is(string typeName) => TypeName.Contains(typeName, StringComparison.Ordinal);

    public ForgeException ToException(string request) => new($"GitHub Actions service {request} failed with {Status}: {Message}", Status);

    public static async Task<ActionsError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).TrimStart('\uFEFF');
        try
        {
            if (JsonNode.Parse(text) is JsonObject body)
            {
                var typeName = body["typeName"] is JsonValue t && t.TryGetValue<string>(out var tn) ? tn : "";
                var message = body["message"] is JsonValue m && m.TryGetValue<string>(out var mn) ? mn : "";
                return new ActionsError(status, typeName, Truncate(message));
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the status alone speaks.
        }

        return new ActionsError(status, "", Truncate(response.ReasonPhrase ?? ""));
    }

    private static string Truncate(string message) => message.Length <= MaxMessageLength ? message : message[..MaxMessageLength] + "…";
}
