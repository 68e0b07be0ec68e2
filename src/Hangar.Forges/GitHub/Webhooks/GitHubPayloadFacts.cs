using System.Text.Json;
using Hangar.Forges.Webhooks;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>The few fields of any GitHub payload that say where it comes from: to tell apart forges sharing a secret
/// and to check the delivery against its hook headers. A body that is not a JSON object yields no facts, and a field of
/// the wrong type is no fact at all.</summary>
internal sealed record GitHubPayloadFacts(string? RepositoryUrl, long? RepositoryId, long? OrganizationId, long? EnterpriseId, long? InstallationId)
{
    public static GitHubPayloadFacts None { get; } = new(null, null, null, null, null);

    public static GitHubPayloadFacts Read(GitHubPayload payload)
    {
        if (payload.RootKind != JsonValueKind.Object)
        {
            return None;
        }

        var repository = IsObject(payload.Repository);
        return new(
            repository ? TryGetString(payload.Repo.Url) : null,
            repository ? Id(payload.Repo.Id) : null,
            IsObject(payload.Organization) ? Id(payload.Org.Id) : null,
            IsObject(payload.Enterprise) ? Id(payload.Ent.Id) : null,
            IsObject(payload.Installation) ? Id(payload.InstallationId) : null);
    }

    private static bool IsObject(JsonToken? value) => value is { Kind: JsonValueKind.Object };

    private static long? Id(JsonToken? value) => value is { } id && id.TryGetInt64(out var number) ? number : null;

    /// <summary>A URL holding an escape that is not valid UTF-16 (a lone surrogate) is no fact at all.</summary>
    private static string? TryGetString(JsonToken? value)
    {
        try
        {
            return value?.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
