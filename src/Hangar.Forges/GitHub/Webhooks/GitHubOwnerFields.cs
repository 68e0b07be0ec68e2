using System.Text.Json;
using Hangar.Forges.Webhooks;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>The fields of a payload's <c>organization</c> or <c>enterprise</c> (see <see cref="GitHubPayload"/>).</summary>
internal sealed class GitHubOwnerFields
{
    public JsonToken? Id { get; private set; }

    /// <summary>An organization's name.</summary>
    public JsonToken? Login { get; private set; }

    /// <summary>An enterprise's name.</summary>
    public JsonToken? Slug { get; private set; }

    public JsonToken? Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        if (reader.ValueTextEquals("id"u8))
        {
            return Id = GitHubPayload.Next(ref reader, body);
        }

        if (reader.ValueTextEquals("login"u8))
        {
            return Login = GitHubPayload.Next(ref reader, body);
        }

        return reader.ValueTextEquals("slug"u8) ? Slug = GitHubPayload.Next(ref reader, body) : GitHubPayload.Skip(ref reader);
    }
}
