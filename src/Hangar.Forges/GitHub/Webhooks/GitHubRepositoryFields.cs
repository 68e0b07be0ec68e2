using System.Text.Json;
using Hangar.Forges.Webhooks;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>The fields of a payload's <c>repository</c> (see <see cref="GitHubPayload"/>).</summary>
internal sealed class GitHubRepositoryFields
{
    public JsonToken? FullName { get; private set; }

    public JsonToken? Url { get; private set; }

    public JsonToken? Id { get; private set; }

    public JsonToken? Owner { get; private set; }

    /// <summary><c>repository.owner.login</c>, from the last <c>owner</c>.</summary>
    public JsonToken? OwnerLogin { get; private set; }

    public JsonToken? Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        if (reader.ValueTextEquals("full_name"u8))
        {
            return FullName = GitHubPayload.Next(ref reader, body);
        }

        if (reader.ValueTextEquals("url"u8))
        {
            return Url = GitHubPayload.Next(ref reader, body);
        }

        if (reader.ValueTextEquals("id"u8))
        {
            return Id = GitHubPayload.Next(ref reader, body);
        }

        if (!reader.ValueTextEquals("owner"u8))
        {
            return GitHubPayload.Skip(ref reader);
        }

        reader.Read();
        (Owner, OwnerLogin) = (JsonToken.At(ref reader, body), null);
        GitHubPayload.Fields(ref reader, body, (ref Utf8JsonReader r, ReadOnlyMemory<byte> b) =>
            r.ValueTextEquals("login"u8) ? OwnerLogin = GitHubPayload.Next(ref r, b) : GitHubPayload.Skip(ref r));
        return Owner;
    }
}
